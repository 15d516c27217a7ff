from odoo import api, fields, models


class BeneficiaryBeneficiary(models.Model):
    """Where a file was opened (P34) and what the person needs to be served (P37)."""

    _inherit = "beneficiary.beneficiary"

    branch_id = fields.Many2one(
        "beneficiary.branch",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The branch office that opened the file (P34).",
    )
    accessibility_need_ids = fields.Many2many(
        "beneficiary.accessibility.need",
        "beneficiary_beneficiary_accessibility_need_rel",
        string="Accessibility Needs",
        help="What the person needs to be served, so that staff prepare before each visit (P37).",
    )
    accessibility_note = fields.Text(
        string="Accessibility Notes", help="Anything else staff should arrange (P37)."
    )

    @api.model
    def default_get(self, fields_list):
        # Not a field default: Odoo would run it for every existing file when the column
        # is added by an upgrade, before the branches' tables exist.
        values = super().default_get(fields_list)
        if "branch_id" in fields_list and "branch_id" not in values:
            values["branch_id"] = self.env["beneficiary.branch"]._default_for_user().id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        # The staff member's branch in the file's own association (the form's default
        # is taken in the current one, which may differ).
        defaults = {}
        for vals in vals_list:
            if "branch_id" not in vals:
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                if company not in defaults:
                    defaults[company] = self.env["beneficiary.branch"]._default_for_user(company)
                vals["branch_id"] = defaults[company].id
        return super().create(vals_list)
