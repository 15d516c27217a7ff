from odoo import api, fields, models


class ResCompany(models.Model):
    """The association's data protection officer and its retention periods (PDPL)."""

    _inherit = "res.company"

    beneficiary_dpo_name = fields.Char(
        string="Data Protection Officer",
        help="Shown in the privacy notice: who answers questions and requests about personal data.",
    )
    beneficiary_dpo_email = fields.Char(string="Data Protection Officer's Email")
    beneficiary_dpo_phone = fields.Char(string="Data Protection Officer's Phone")
    beneficiary_retention_rule_ids = fields.One2many(
        "beneficiary.retention.rule", "company_id", string="Retention Periods"
    )
    # The closed files' period lives in their retention rule: one home for the rule.
    beneficiary_anonymise_years = fields.Integer(
        compute="_compute_beneficiary_anonymise_years",
        inverse="_inverse_beneficiary_anonymise_years",
        store=False,
        default=None,
    )

    def _closed_file_rule(self):
        self.ensure_one()
        return (
            self.env["beneficiary.retention.rule"]
            # sudo: only the company's own closed-file rule, for its settings
            .sudo()
            .search([("company_id", "=", self.id), ("kind", "=", "closed_file")], limit=1)
        )

    def _compute_beneficiary_anonymise_years(self):
        for company in self:
            rule = company._closed_file_rule() if company.id else False
            company.beneficiary_anonymise_years = rule.months // 12 if rule and rule.enabled else 0

    def _inverse_beneficiary_anonymise_years(self):
        Rule = self.env["beneficiary.retention.rule"]
        for company in self:
            rule = company._closed_file_rule() or Rule._ensure_defaults(company).filtered(
                lambda r: r.kind == "closed_file"
            )
            years = company.beneficiary_anonymise_years
            if years > 0:
                vals = {"enabled": True, "months": years * 12}
            else:
                vals = {
                    "enabled": False,
                    "disabled_reason": self.env._(
                        "Set to never in the association settings by %(user)s.",
                        user=self.env.user.name,
                    ),
                }
            # The company's write checked the user is its manager; the rule records who.
            rule.with_env(self.env).write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["beneficiary.retention.rule"]._ensure_defaults(companies)
        return companies
