"""SQL checks after a load or fault run (scripts/load.sh, scripts/faults.sh).

``snapshot`` prints, as JSON, the highest id and the row count of the tables a run
writes; ``check --before SNAPSHOT`` compares with now and looks for half-made work among
the rows made since:

* committed rows lost: rows present at the snapshot (id ≤ its highest id) now missing;
* request numbers: duplicated among all requests, missing on a request made since, and
  the gaps among the numbers given since (a standard sequence: a rolled-back transaction,
  e.g. a serialization failure that Odoo retried, leaves a gap; the policy asks for unique
  numbers, not consecutive ones);
* a request made since whose file has no declaration or consent (P9, P12), or no
  document although its service asks for one;
* a document made since without its file: no attachment, or the file in the filestore
  missing or shorter than recorded (a full disk).

Connects with the PG* environment variables (the load cluster).
"""

import argparse
import json
import os
import re

import psycopg2

TABLES = (
    "beneficiary_support_request",
    "beneficiary_beneficiary",
    "beneficiary_document",
    "ir_attachment",
    "mail_message",
    "mail_activity",
)


RECENT = 10000  # ids kept one by one in the snapshot: rows still being committed


def snapshot(cr):
    """Per table: the highest id, the count of the rows below the last RECENT ids and the
    recent ids themselves (a transaction still open at the snapshot commits rows with
    ids below the highest one: counting alone would call them negative losses)."""
    out = {}
    for table in TABLES:
        cr.execute("SELECT coalesce(max(id), 0) FROM %s" % table)  # noqa: S608
        max_id = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM %s WHERE id <= %%s" % table, (max_id - RECENT,))  # noqa: S608
        old = cr.fetchone()[0]
        cr.execute("SELECT id FROM %s WHERE id > %%s" % table, (max_id - RECENT,))  # noqa: S608
        out[table] = {"max_id": max_id, "old": old, "recent": [i for (i,) in cr.fetchall()]}
    return out


def check(cr, before, filestore):
    result = {"lost": {}, "new": {}}
    for table in TABLES:
        max_id = before[table]["max_id"]
        cr.execute("SELECT count(*) FROM %s WHERE id <= %%s" % table, (max_id - RECENT,))  # noqa: S608
        lost = before[table]["old"] - cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM %s WHERE id = ANY(%%s)" % table,  # noqa: S608
            (before[table]["recent"],),
        )
        lost += len(before[table]["recent"]) - cr.fetchone()[0]
        result["lost"][table] = lost
        cr.execute("SELECT count(*) FROM %s WHERE id > %%s" % table, (max_id,))  # noqa: S608
        result["new"][table] = cr.fetchone()[0]
    since = before["beneficiary_support_request"]["max_id"]
    cr.execute(
        "SELECT count(*) FROM (SELECT ref FROM beneficiary_support_request WHERE ref IS NOT NULL"
        " GROUP BY ref, company_id HAVING count(*) > 1) d"
    )
    result["duplicate_numbers"] = cr.fetchone()[0]
    cr.execute(
        "SELECT count(*) FROM beneficiary_support_request WHERE id > %s AND ref IS NULL", (since,)
    )
    result["requests_without_number"] = cr.fetchone()[0]
    cr.execute(
        "SELECT ref FROM beneficiary_support_request WHERE id > %s AND ref IS NOT NULL", (since,)
    )
    numbers = {}
    for (ref,) in cr.fetchall():
        match = re.match(r"^(.*?)(\d+)$", ref)
        if match:
            numbers.setdefault(match.group(1), []).append(int(match.group(2)))
    result["number_gaps"] = sum(max(n) - min(n) + 1 - len(set(n)) for n in numbers.values())
    cr.execute(
        """SELECT count(*) FROM beneficiary_support_request r
             JOIN beneficiary_beneficiary b ON b.id = r.beneficiary_id
            WHERE r.id > %s AND r.state != 'draft'
              AND (b.declaration_date IS NULL OR b.consent_date IS NULL)""",
        (since,),
    )
    result["requests_without_declaration"] = cr.fetchone()[0]
    cr.execute(
        """SELECT count(*) FROM beneficiary_support_request r
            WHERE r.id > %s
              AND EXISTS (SELECT 1 FROM beneficiary_service_document_type_rel x
                           WHERE x.beneficiary_service_id = r.service_id)
              AND NOT EXISTS (SELECT 1 FROM beneficiary_document d
                               WHERE d.beneficiary_id = r.beneficiary_id)""",
        (since,),
    )
    result["requests_without_document"] = cr.fetchone()[0]
    cr.execute(
        """SELECT d.id, a.store_fname, a.file_size FROM beneficiary_document d
             LEFT JOIN ir_attachment a ON a.res_model = 'beneficiary.document'
                  AND a.res_field = 'file' AND a.res_id = d.id
            WHERE d.id > %s""",
        (before["beneficiary_document"]["max_id"],),
    )
    broken = 0
    for _doc_id, store_fname, size in cr.fetchall():
        if not store_fname:
            broken += 1
            continue
        path = os.path.join(filestore, store_fname)
        if not os.path.isfile(path) or os.path.getsize(path) != (size or 0):
            broken += 1
    result["documents_without_file"] = broken
    return result


def confirmed(cr, probe_log):
    """Every application whose sender saw the "received" page is in the database."""
    numbers = set()
    with open(probe_log) as lines:
        for line in lines:
            event = json.loads(line)
            if event["ok"] and event["detail"].startswith("received:"):
                numbers.add(event["detail"].split(":", 1)[1])
    cr.execute(
        """SELECT count(DISTINCT b.national_id) FROM beneficiary_beneficiary b
             JOIN beneficiary_support_request r ON r.beneficiary_id = b.id
            WHERE b.national_id = ANY(%s)""",
        (list(numbers),),
    )
    found = cr.fetchone()[0]
    return (
        "applications confirmed to the probe: %s; in the database with their request: %s\nlost: %s"
        % (
            len(numbers),
            found,
            len(numbers) - found,
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("snapshot", "check", "confirmed"))
    parser.add_argument("--probe-log", help="the fault run's probe log (confirmed)")
    parser.add_argument("--db", required=True)
    parser.add_argument("--before", help="the snapshot's JSON file (check)")
    parser.add_argument("--filestore", default="", help="the database's filestore folder")
    args = parser.parse_args()
    with psycopg2.connect(dbname=args.db) as connection, connection.cursor() as cr:
        if args.command == "snapshot":
            print(json.dumps(snapshot(cr)))
        elif args.command == "confirmed":
            print(confirmed(cr, args.probe_log))
        else:
            with open(args.before) as before:
                print(json.dumps(check(cr, json.load(before), args.filestore)))


if __name__ == "__main__":
    main()
