from collections import defaultdict

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from . import beneficiary_eligibility_criteria as criteria
from .beneficiary_service import OPEN_STATES
from .beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequest(models.Model):
    """The eligibility engine (P17, P18): each criterion of the service, explained."""

    _inherit = "beneficiary.support.request"

    eligibility_ok = fields.Boolean(string="Eligible", readonly=True, copy=False, index=True)
    eligibility_line_ids = fields.One2many(
        "beneficiary.eligibility.line", "request_id", string="Eligibility Checks", readonly=True
    )
    eligibility_reasons = fields.Text(
        readonly=True,
        copy=False,
        help="The unmet conditions, as the beneficiary is told (P18).",
    )
    eligibility_date = fields.Datetime(string="Eligibility Checked On", readonly=True, copy=False)

    @workflow_action
    def action_check_eligibility(self):
        self._evaluate_eligibility()

    @workflow_action
    def _evaluate_eligibility(self):
        """Evaluate every request of ``self`` in a few queries (none per request).

        Lines are written in the beneficiary's language, since their explanation is what
        the beneficiary is told when refused. The facts are read in one query; the texts of
        each service's criteria are built once per language, not once per request.
        """
        facts = self._fetch_eligibility_data()
        if not facts:
            return
        requests = self.browse(row["id"] for row in facts)
        Beneficiary = self.env["beneficiary.beneficiary"]
        services = {}
        for row in facts:
            services.setdefault(row["service_id"], set()).add(row["beneficiary_id"])
        # The free rule: one search per service, whatever the number of requests.
        other_ok = {}
        for service in self.env["beneficiary.service"].browse(list(services)):
            domain = service._get_eligibility_domain()
            if domain:
                # sudo: the condition may name a sensitive category, which the acting
                # user's searches do not see (P7); only the files of the requests being
                # evaluated are searched, and only a yes/no per file comes out.
                matching = (
                    Beneficiary.sudo()
                    .with_context(active_test=False)
                    .search(expression.AND([domain, [("id", "in", list(services[service.id]))]]))
                )
                other_ok[service.id] = set(matching.ids)
        services = {
            service.id: service
            for service in self.env["beneficiary.service"].browse(list(services))
        }
        today = fields.Date.context_today(self)
        by_lang = defaultdict(list)
        for row in facts:
            by_lang[row["lang"] or "ar_001"].append(row)
        line_vals = []
        results = []
        for lang, rows in by_lang.items():
            checker = self.with_context(lang=lang)._eligibility_checker(
                services, rows, other_ok, today
            )
            for row in rows:
                checks = checker(row)
                for sequence, check in enumerate(checks):
                    line_vals.append(
                        dict(
                            check,
                            request_id=row["id"],
                            company_id=row["company_id"],
                            sequence=sequence,
                        )
                    )
                reasons = "\n".join(c["explanation"] for c in checks if not c["met"])
                results.append({"id": row["id"], "ok": not reasons, "reasons": reasons or None})
        requests._store_eligibility(line_vals, results)

    def _fetch_eligibility_data(self):
        """The facts the criteria need, for the requests of ``self`` that have a service and
        a beneficiary, in one query.

        Through the ORM, reads go by a thousand records and each field read costs Python
        time: the engine reads plain rows instead.
        """
        self.flush_model(["service_id", "beneficiary_id"])
        criteria.flush_facts(self.env)
        self.env.cr.execute(
            SQL(
                """
                SELECT request.id, request.service_id, request.company_id,
                       beneficiary.id AS beneficiary_id, %(facts)s
                  FROM beneficiary_support_request request
                  JOIN beneficiary_beneficiary beneficiary
                    ON beneficiary.id = request.beneficiary_id
                  JOIN res_partner partner ON partner.id = beneficiary.partner_id
                 WHERE request.id = ANY(%(ids)s) AND request.service_id IS NOT NULL
                 ORDER BY request.id
                """,
                facts=criteria.fact_columns(self.env),
                ids=self.ids,
            )
        )
        return self.env.cr.dictfetchall()

    @api.model
    def _eligibility_checker(self, services, rows, other_ok, today):
        """A function giving the checks of one row of facts, in the env's language.

        Everything that does not depend on the beneficiary (the rules, the explanations,
        the names of categories and levels) is built here once for all ``rows``; what
        depends on a value (an age, an amount) is kept once per value.
        """
        not_recorded = self.env._("Not recorded")
        batch = {"today": today, "other_ok": other_ok}
        for criterion in criteria.CRITERIA:
            criterion.prepare(self.env, rows, batch)
        rules = {sid: self._eligibility_rules(service) for sid, service in services.items()}
        by_code = criteria.BY_CODE

        def check(row):
            checks = []
            for code, param, rule, why in rules[row["service_id"]]:
                met, value = by_code[code].check(row, param, batch)
                checks.append(
                    {
                        "criterion": code,
                        "met": bool(met),
                        "beneficiary_value": value or not_recorded,
                        "rule": rule,
                        "explanation": why if not met else False,
                    }
                )
            return checks

        return check

    @api.model
    def _eligibility_rules(self, service):
        """The criteria of ``service``: ``(criterion, parameter, rule, explanation)``."""
        service = service.with_env(self.env)
        rules = []
        for criterion in criteria.CRITERIA:
            found = criterion.rule(service, self.env)
            if found:
                rules.append((criterion.code, *found))
        return rules

    def _store_eligibility(self, line_vals, results):
        """Replace the lines and the results of ``self`` in three queries.

        Through the ORM, inserts and updates go by batches of a hundred rows: a 500-request
        evaluation (4,000 lines) would take over a hundred queries. The lines and results
        are the engine's output, never typed by users: they are written in bulk, one array
        per column (each text quoted once, however often it repeats).

        The requests are updated before their lines are inserted: the lines' foreign key
        then finds each request already locked by this transaction, instead of locking it
        first and making the update share that lock.
        """
        self.check_access("write")
        Line = self.env["beneficiary.eligibility.line"]
        Line.flush_model()
        self.flush_model(
            ["company_id", "eligibility_ok", "eligibility_reasons", "eligibility_date"]
        )
        now = fields.Datetime.now()
        cr = self.env.cr
        quoted = {}

        def text(value):
            # An element of a PostgreSQL array literal: quoted once per distinct text.
            if not value:
                return "NULL"
            if value not in quoted:
                quoted[value] = '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')
            return quoted[value]

        def number(value):
            return "NULL" if value is None else str(value)

        def array(values):
            return "{%s}" % ",".join(values)

        cr.execute(
            SQL(
                """
                UPDATE beneficiary_support_request AS request
                   SET eligibility_ok = result.ok,
                       eligibility_reasons = result.reasons,
                       eligibility_date = %(now)s,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM unnest(%(ids)s::integer[], %(ok)s::boolean[], %(reasons)s::text[])
                       AS result(id, ok, reasons)
                 WHERE request.id = result.id
                """,
                uid=self.env.uid,
                now=now,
                ids=array(str(result["id"]) for result in results),
                ok=array("t" if result["ok"] else "f" for result in results),
                reasons=array(text(result["reasons"]) for result in results),
            )
        )
        cr.execute(
            SQL(
                "DELETE FROM beneficiary_eligibility_line WHERE request_id = ANY(%s)",
                self.ids,
            )
        )
        if line_vals:
            columns = {
                "request_id": array(str(vals["request_id"]) for vals in line_vals),
                "company_id": array(number(vals["company_id"]) for vals in line_vals),
                "sequence": array(str(vals["sequence"]) for vals in line_vals),
                "met": array("t" if vals["met"] else "f" for vals in line_vals),
            }
            for name in ("criterion", "beneficiary_value", "rule", "explanation"):
                columns[name] = array(text(vals[name]) for vals in line_vals)
            cr.execute(
                SQL(
                    """
                    INSERT INTO beneficiary_eligibility_line (
                        request_id, company_id, sequence, met, criterion, beneficiary_value,
                        rule, explanation)
                    SELECT *
                      FROM unnest(%(request_id)s::integer[], %(company_id)s::integer[],
                                  %(sequence)s::integer[], %(met)s::boolean[],
                                  %(criterion)s::varchar[], %(beneficiary_value)s::varchar[],
                                  %(rule)s::varchar[], %(explanation)s::varchar[])
                    """,
                    **columns,
                )
            )
        fnames = [
            "eligibility_ok",
            "eligibility_reasons",
            "eligibility_date",
            "eligibility_line_ids",
            "write_uid",
            "write_date",
        ]
        Line.invalidate_model()
        self.invalidate_recordset(fnames)
        self.modified(fnames)

    @api.model
    def _reevaluate_open(self, beneficiaries=None, services=None):
        """The one entry point for the rest of the addon: re-run the engine for the open
        requests of ``beneficiaries`` and/or ``services``, whose facts or criteria
        changed. (The request's own steps call ``_evaluate_eligibility`` on themselves.)

        sudo(): the files and services were written by the caller, who may not see every
        request they have; nothing is returned, only each request's result is updated.
        """
        domain = [("state", "in", OPEN_STATES)]
        if beneficiaries is not None:
            domain.append(("beneficiary_id", "in", beneficiaries.ids))
        if services is not None:
            domain.append(("service_id", "in", services.ids))
        if len(domain) == 1 or not (beneficiaries or services):
            return
        # sudo: the caller wrote these files or services; their open requests are evaluated
        self.sudo().search(domain)._evaluate_eligibility()
