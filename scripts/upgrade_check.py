"""Snapshot a database before an upgrade of the addon, and check it after.

Used by ``scripts/test-upgrade.sh``; reads PostgreSQL directly (libpq's PGHOST, PGPORT,
PGUSER and PGPASSWORD), no Odoo needed.

    upgrade_check.py snapshot DB FILE.json   before the upgrade
    upgrade_check.py compare DB FILE.json    after it: prints the failed checks and
                                             "upgrade: N checks passed, N failed"

What is recorded: every row of every table of the addon's own models (files, requests,
eligibility lines, decisions, votes, declarations, documents, access-log entries,
breaches, policies, MOUs, suggestions, ... and their configuration), every row of the
many2many tables of the addon's fields, the addon's own columns on the models it extends
(contacts, leads, survey answers, channels, companies), the attachments and chatter
messages of the addon's records. After the upgrade, every row must still be there with
the same values in every column both versions have; the few values the new version
sets on purpose are listed in ``CHANGED_ON_PURPOSE`` and checked for their new value
instead. Then the checks of the new version's migrations (``MIGRATION_CHECKS``).
"""

import ast
import json
import os
import sys

import psycopg2

MODULE = "beneficiary_relations"
# The version being upgraded to: the working tree's manifest.
with open(os.path.join(os.path.dirname(__file__), "..", "__manifest__.py"), encoding="utf-8") as _f:
    NEW_VERSION = ast.literal_eval(_f.read())["version"]
# Odoo's bookkeeping: rewritten when the update loads the data files again.
IGNORED_COLUMNS = {"write_date", "write_uid"}
# (table, column): values a new version changes on purpose in existing rows (a migration
# recomputing or moving them); MIGRATION_CHECKS below then says what they must be. None
# since 18.0.1.0.0 but the working calendar: a Saudi association still on Odoo's
# Monday–Friday default gets a Sunday–Thursday one (post-working-calendar.py).
CHANGED_ON_PURPOSE = {
    ("res_company", "resource_calendar_id"),
    # 18.0.1.2.0 (post-fairness-snapshot.py): NULL instead of 0 until a request is decided,
    # and no approval rate for a referral.
    ("beneficiary_support_request", "decision_days_taken"),
    ("beneficiary_support_request", "in_time_rate"),
    ("beneficiary_support_request", "approval_rate"),
    # post-closed-on-from-history: closed files without a closing date get one.
    ("beneficiary_beneficiary", "closed_on"),
}


def connect(db):
    conn = psycopg2.connect(dbname=db)
    conn.set_session(readonly=True)
    return conn


def fetch(cr, query, params=()):
    cr.execute(query, params)
    return cr.fetchall()


def base_tables(cr):
    return {
        name
        for (name,) in fetch(
            cr,
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        )
    }


def columns(cr, table):
    return [
        name
        for (name,) in fetch(
            cr,
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
            (table,),
        )
    ]


def addon_models(cr):
    """The addon's own (non-transient) models, from their xml ids."""
    return sorted(
        model
        for (model,) in fetch(
            cr,
            """SELECT m.model FROM ir_model m
                 JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
                WHERE d.module = %s AND NOT m.transient""",
            (MODULE,),
        )
    )


def addon_fields(cr):
    """Stored fields the addon adds: (model, name, type, relation table, columns)."""
    return fetch(
        cr,
        """SELECT f.model, f.name, f.ttype, f.relation_table, f.column1, f.column2
             FROM ir_model_fields f
             JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
             JOIN ir_model m ON m.id = f.model_id
            WHERE d.module = %s AND f.store AND NOT m.transient""",
        (MODULE,),
    )


def rows(cr, table, cols):
    quoted = ", ".join(f'"{c}"' for c in cols)
    cr.execute(f'SELECT id, json_build_array({quoted}) FROM "{table}" ORDER BY id')  # noqa: S608
    return {str(row_id): values for row_id, values in cr.fetchall()}


def snapshot(db):
    conn = connect(db)
    cr = conn.cursor()
    tables = base_tables(cr)
    data = {"tables": {}, "relations": {}, "extended": {}, "attachments": {}, "messages": {}}
    models = addon_models(cr)
    own_tables = {}
    for model in models:
        table = model.replace(".", "_")
        if table in tables:
            own_tables[model] = table
            cols = [c for c in columns(cr, table) if c != "id"]
            data["tables"][table] = {"columns": cols, "rows": rows(cr, table, cols)}
    extended = {}
    for model, name, ttype, rel, col1, col2 in addon_fields(cr):
        if ttype == "many2many" and rel and rel in tables:
            cr.execute(f'SELECT "{col1}", "{col2}" FROM "{rel}" ORDER BY 1, 2')  # noqa: S608
            data["relations"][rel] = [list(pair) for pair in cr.fetchall()]
        elif model not in own_tables and ttype not in ("one2many", "many2many"):
            table = model.replace(".", "_")
            if table in tables and name in columns(cr, table):
                extended.setdefault(table, []).append(name)
    for table, cols in sorted(extended.items()):
        data["extended"][table] = {"columns": sorted(cols), "rows": rows(cr, table, sorted(cols))}
    for model in own_tables:
        data["attachments"][model] = {
            str(att_id): checksum
            for att_id, checksum in fetch(
                cr,
                "SELECT id, checksum FROM ir_attachment WHERE res_model = %s ORDER BY id",
                (model,),
            )
        }
        data["messages"][model] = [
            mid
            for (mid,) in fetch(
                cr, "SELECT id FROM mail_message WHERE model = %s ORDER BY id", (model,)
            )
        ]
    conn.close()
    return data


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, ok, message):
        if ok:
            self.passed += 1
        else:
            self.failed.append(message)
        return ok


def compare_rows(checks, label, before, after_rows, after_cols):
    cols = before["columns"]
    shared = [c for c in cols if c in after_cols and c not in IGNORED_COLUMNS]
    table = label.split(" ")[0]
    missing = sorted(set(before["rows"]) - set(after_rows), key=int)
    checks.check(
        not missing,
        f"{label}: {len(missing)} of {len(before['rows'])} rows lost (ids {missing[:10]})",
    )
    checks.check(
        set(cols) - IGNORED_COLUMNS <= set(after_cols),
        f"{label}: columns dropped: {sorted(set(cols) - set(after_cols) - IGNORED_COLUMNS)}",
    )
    for col in shared:
        if (table, col) in CHANGED_ON_PURPOSE:
            continue
        i, j = cols.index(col), after_cols.index(col)
        differing = [
            row_id
            for row_id, values in before["rows"].items()
            if row_id in after_rows and values[i] != after_rows[row_id][j]
        ]
        example = ""
        if differing:
            row_id = differing[0]
            example = f" (id {row_id}: {before['rows'][row_id][i]!r} -> {after_rows[row_id][j]!r})"
        checks.check(not differing, f"{label}.{col}: {len(differing)} rows changed{example}")


MIGRATION_CHECKS = [
    (
        "post-fairness-snapshot: no figure of decision stored for an undecided request",
        """SELECT count(*) = 0 FROM beneficiary_support_request
            WHERE (decision_date IS NULL AND (decision_days_taken IS NOT NULL
                   OR in_time_rate IS NOT NULL OR approval_rate IS NOT NULL))
               OR (decision = 'referred' AND approval_rate IS NOT NULL)""",
        (),
    ),
    (
        "post-fairness-snapshot: decided requests keep their days to decision and approval",
        """SELECT count(*) = 0 FROM beneficiary_support_request
            WHERE decision_date IS NOT NULL AND submit_date IS NOT NULL
              AND (decision_days_taken IS NULL
                   OR (decision IN ('approved', 'rejected') AND approval_rate IS NULL))""",
        (),
    ),
    (
        "post-fairness-snapshot: every submitted request has its fairness snapshot, from its file",
        """SELECT count(*) FILTER (WHERE r.fairness_snapshot_date IS NULL) = 0
                  AND count(*) FILTER (WHERE r.fairness_gender IS DISTINCT FROM b.gender) = 0
                  AND count(*) FILTER (WHERE r.fairness_branch_id IS DISTINCT FROM b.branch_id) = 0
             FROM beneficiary_support_request r
             JOIN beneficiary_beneficiary b ON b.id = r.beneficiary_id
            WHERE r.submit_date IS NOT NULL""",
        (),
    ),
    (
        "post-fairness-snapshot: the snapshot's categories are the file's",
        """SELECT count(*) = 0 FROM beneficiary_support_request r
             JOIN beneficiary_beneficiary_beneficiary_category_rel c
               ON c.beneficiary_beneficiary_id = r.beneficiary_id
            WHERE r.submit_date IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM beneficiary_request_fairness_category_rel f
                               WHERE f.request_id = r.id
                                 AND f.category_id = c.beneficiary_category_id)""",
        (),
    ),
    (
        "post-fairness-snapshot: every decided request records whether it was eligible",
        "SELECT count(*) = 0 FROM beneficiary_support_request "
        "WHERE decision IS NOT NULL AND decision_eligible IS NULL",
        (),
    ),
    (
        "every association has its personal data retention periods (post-retention-defaults.py)",
        "SELECT bool_and((SELECT count(*) FROM beneficiary_retention_rule r "
        "WHERE r.company_id = c.id AND r.enabled) = %s) FROM res_company c",
        (5,),
    ),
    (
        "every Saudi association's working calendar works on Sunday (Sunday–Thursday)",
        "SELECT bool_and(EXISTS (SELECT 1 FROM resource_calendar_attendance a "
        "WHERE a.calendar_id = c.resource_calendar_id AND a.dayofweek = '6')) "
        "FROM res_company c JOIN res_partner p ON p.id = c.partner_id "
        "JOIN res_country k ON k.id = p.country_id WHERE k.code = %s",
        ("SA",),
    ),
    (
        "the addon is installed at the new version",
        "SELECT state = 'installed' AND latest_version = %s FROM ir_module_module WHERE name = %s",
        (NEW_VERSION, MODULE),
    ),
    (
        "post-sensitive-documents: medical, disability and treatment document types are sensitive",
        """SELECT count(*) = 3 AND bool_and(t.is_sensitive) FROM beneficiary_document_type t
             JOIN ir_model_data d ON d.model = 'beneficiary.document.type' AND d.res_id = t.id
            WHERE d.module = %s AND d.name IN ('document_type_disability_report',
                  'document_type_medical_report', 'document_type_treatment_proof')""",
        (MODULE,),
    ),
    (
        "post-sensitive-documents: the document types required by sensitive categories are "
        "sensitive (national ID and address excepted)",
        """SELECT count(*) = 0 FROM beneficiary_document_type t
             JOIN beneficiary_category_beneficiary_document_type_rel r
               ON r.beneficiary_document_type_id = t.id
             JOIN beneficiary_category c ON c.id = r.beneficiary_category_id
            WHERE c.is_sensitive AND NOT coalesce(t.is_sensitive, false)
              AND coalesce(t.code, '') NOT IN ('national_id', 'national_address')""",
        (),
    ),
    (
        "post-sensitive-documents: national ID and national address stay non-sensitive",
        "SELECT count(*) = 0 FROM beneficiary_document_type "
        "WHERE code IN ('national_id', 'national_address') AND is_sensitive",
        (),
    ),
    (
        "pre-survey-answers-restriction: the two obsolete survey answer rules are gone",
        """SELECT count(*) = 0 FROM ir_model_data WHERE module = %s AND name IN
             ('survey_user_input_rule_beneficiary_manager',
              'survey_user_input_line_rule_beneficiary_manager')""",
        (MODULE,),
    ),
    (
        "pre-survey-answers-restriction: no record rule on survey answers names the request",
        """SELECT count(*) = 0 FROM ir_rule r JOIN ir_model m ON m.id = r.model_id
            WHERE m.model IN ('survey.user_input', 'survey.user_input.line')
              AND r.domain_force LIKE '%%support_request_id%%'""",
        (),
    ),
    (
        "post-closed-on-from-history: every closed file has its closing date",
        "SELECT count(*) = 0 FROM beneficiary_beneficiary "
        "WHERE state = 'closed' AND closed_on IS NULL",
        (),
    ),
    (
        "post-intake-channels: requests, declarations and suggestions show the intake "
        "channel of their medium",
        """SELECT count(*) = 0 FROM (
                SELECT channel_id, intake_channel_id FROM beneficiary_support_request
                UNION ALL SELECT channel_id, intake_channel_id FROM beneficiary_declaration
                UNION ALL SELECT channel_id, intake_channel_id FROM beneficiary_suggestion
            ) AS r
            WHERE r.intake_channel_id IS NULL
              AND r.channel_id IN (SELECT medium_id FROM beneficiary_intake_channel)""",
        (),
    ),
]


def compare(db, path):
    with open(path, encoding="utf-8") as handle:
        before = json.load(handle)
    conn = connect(db)
    cr = conn.cursor()
    tables = base_tables(cr)
    checks = Checks()
    for table, snap in before["tables"].items():
        if not checks.check(table in tables, f"table {table} is gone"):
            continue
        after_cols = [c for c in columns(cr, table) if c != "id"]
        after_rows = rows(cr, table, after_cols)
        compare_rows(checks, table, snap, after_rows, after_cols)
    for table, snap in before["extended"].items():
        after_cols = [c for c in columns(cr, table) if c != "id"]
        shared = [c for c in snap["columns"] if c in after_cols]
        compare_rows(checks, f"{table} (addon columns)", snap, rows(cr, table, shared), shared)
        checks.check(
            shared == snap["columns"],
            f"{table}: addon columns dropped: {sorted(set(snap['columns']) - set(shared))}",
        )
    for rel, pairs in before["relations"].items():
        if not checks.check(rel in tables, f"relation table {rel} is gone"):
            continue
        cr.execute(f'SELECT * FROM "{rel}"')  # noqa: S608
        after = {tuple(pair) for pair in cr.fetchall()}
        lost = [pair for pair in pairs if tuple(pair) not in after]
        checks.check(not lost, f"{rel}: {len(lost)} of {len(pairs)} links lost")
    for model, attachments in before["attachments"].items():
        after = dict(
            fetch(
                cr,
                "SELECT id::text, checksum FROM ir_attachment WHERE res_model = %s",
                (model,),
            )
        )
        lost = [a for a in attachments if a not in after]
        changed = [a for a in attachments if a in after and after[a] != attachments[a]]
        checks.check(not lost, f"attachments of {model}: {len(lost)} lost")
        checks.check(not changed, f"attachments of {model}: {len(changed)} changed content")
    for model, messages in before["messages"].items():
        after = {m for (m,) in fetch(cr, "SELECT id FROM mail_message WHERE model = %s", (model,))}
        lost = [m for m in messages if m not in after]
        checks.check(not lost, f"chatter of {model}: {len(lost)} of {len(messages)} messages lost")
    for label, query, params in MIGRATION_CHECKS:
        cr.execute(query, params)
        checks.check(bool(cr.fetchone()[0]), label)
    conn.close()
    for message in checks.failed:
        print(f"FAILED: {message}")
    return checks


def summary(data):
    counts = {table: len(snap["rows"]) for table, snap in data["tables"].items()}
    keys = (
        "beneficiary_beneficiary",
        "beneficiary_support_request",
        "beneficiary_committee_decision",
        "beneficiary_declaration",
        "beneficiary_document",
        "beneficiary_sensitive_access_log",
        "beneficiary_data_breach",
        "beneficiary_policy",
    )
    return ", ".join(f"{t.removeprefix('beneficiary_')} {counts.get(t, 0)}" for t in keys)


def main(argv):
    if len(argv) != 4 or argv[1] not in ("snapshot", "compare"):
        print(__doc__)
        return 2
    _, mode, db, path = argv
    if mode == "snapshot":
        data = snapshot(db)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        rows_count = sum(len(s["rows"]) for s in data["tables"].values())
        print(
            f"upgrade: recorded {len(data['tables'])} tables, {rows_count} rows ({summary(data)})"
        )
        return 0
    checks = compare(db, path)
    print(f"upgrade: {checks.passed} checks passed, {len(checks.failed)} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
