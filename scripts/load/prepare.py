"""What the load test needs on top of the benchmark's data (run by scripts/load/lib.sh).

The benchmark's database (scripts/bench.py) has staff, services, files and requests but
nothing open to the public and two portal accounts. This makes the first association's
services open for online applications, each asking for one document (so visitors and
beneficiaries send files), gives portal accounts to beneficiaries with open requests, and
writes what the locust users log in with to a JSON file. Safe to run again.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import bench  # noqa: E402  (scripts/bench.py: the registry helpers)

PASSWORD = "bench"
PORTAL_USERS = 40
OPEN_STATES = ("submitted", "verification")


def prepare(env):
    company = env.ref("base.main_company")
    doc_type = env["beneficiary.document.type"].search(
        [("has_expiry", "=", False), ("company_id", "in", (False, company.id))], limit=1
    )
    services = env["beneficiary.service"].search([("company_id", "=", company.id)])
    services.write({"portal_published": True, "document_type_ids": [(6, 0, doc_type.ids)]})
    services = services.filtered(lambda s: s.in_scope)
    portal = env.ref("base.group_portal")
    Users = env["res.users"].with_context(no_reset_password=True, active_test=False)
    beneficiaries = []
    existing = Users.search([("login", "=like", "load_portal_%")])
    by_partner = {user.partner_id.id: user for user in existing}
    env.cr.execute(
        """SELECT r.beneficiary_id, b.partner_id, array_agg(r.id ORDER BY r.id)
             FROM beneficiary_support_request r
             JOIN beneficiary_beneficiary b ON b.id = r.beneficiary_id
            WHERE r.company_id = %s AND r.state IN %s AND b.active
              AND b.state IN ('registered', 'active')
         GROUP BY r.beneficiary_id, b.partner_id
         ORDER BY r.beneficiary_id
            LIMIT %s""",
        (company.id, OPEN_STATES, PORTAL_USERS),
    )
    for beneficiary_id, partner_id, request_ids in env.cr.fetchall():
        user = by_partner.get(partner_id)
        if not user:
            user = Users.create(
                {
                    "login": "load_portal_%s" % beneficiary_id,
                    "password": PASSWORD,
                    "partner_id": partner_id,
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, portal.ids)],
                }
            )
        beneficiaries.append({"login": user.login, "requests": request_ids[:5]})
    # Staff write in the chatter and schedule activities: Odoo needs their e-mail.
    for user in env["res.users"].search([("login", "=like", "bench_%"), ("email", "=", False)]):
        user.partner_id.email = "%s@load.example.com" % user.login
    officers = (
        env["res.users"]
        .search([("login", "=like", "bench_officer_%s_%%" % company.id)], order="login")
        .mapped("login")
    )
    env.cr.commit()
    return {
        "db": env.cr.dbname,
        "password": PASSWORD,
        "services": services.ids,
        "document_type": doc_type.id,
        "saudi_arabia": env.ref("base.sa").id,
        "officers": officers,
        "beneficiaries": beneficiaries,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    registry = bench.open_registry(args.config, args.db)
    with registry.cursor() as cr:
        data = prepare(bench.superuser_env(cr))
    with open(args.out, "w") as out:
        json.dump(data, out, indent=1)
    bench.log(
        "load data: %s services online, %s officers, %s portal beneficiaries"
        % (len(data["services"]), len(data["officers"]), len(data["beneficiaries"]))
    )


if __name__ == "__main__":
    main()
