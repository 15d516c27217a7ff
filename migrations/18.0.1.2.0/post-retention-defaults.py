"""Retention by default (PDPL) for existing databases: every association gets its
retention periods; the closed files' period keeps the one its managers had set (0 was
"never" by default, not a choice: the default period applies)."""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    env.cr.execute(
        """
        SELECT column_name FROM information_schema.columns
        WHERE table_name = 'res_company' AND column_name = 'beneficiary_anonymise_years'
        """
    )
    years = {}
    if env.cr.fetchone():
        env.cr.execute(
            "SELECT id, beneficiary_anonymise_years FROM res_company "
            "WHERE beneficiary_anonymise_years > 0"
        )
        years = dict(env.cr.fetchall())
    env["beneficiary.retention.rule"]._ensure_defaults()
    for company_id, value in years.items():
        env["beneficiary.retention.rule"].sudo().search(
            [("company_id", "=", company_id), ("kind", "=", "closed_file")]
        ).write({"months": value * 12})
