from odoo import fields, models


class BeneficiaryCategory(models.Model):
    """Target category of the association's plan (P16): disability, orphan, job seeker…"""

    _name = "beneficiary.category"
    _description = "Beneficiary Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in imports and integrations.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the category between all associations of the database.",
    )
    document_type_ids = fields.Many2many(
        "beneficiary.document.type",
        string="Required Documents",
        help="Documents a beneficiary of this category must have verified (P17).",
    )
    review_interval_months = fields.Integer(
        string="Review Every (Months)",
        default=12,
        help="Periodic re-review of the beneficiary's eligibility (P19). "
        "The shortest interval among a beneficiary's categories applies.",
    )
    is_sensitive = fields.Boolean(
        string="Sensitive (Health)",
        help="Health data under the PDPL: its details are kept in the confidential file.",
    )
    beneficiary_count = fields.Integer(compute="_compute_beneficiary_count")

    _sql_constraints = [
        (
            "review_interval_positive",
            "CHECK(review_interval_months > 0)",
            "The review interval must be at least one month.",
        ),
    ]

    def _compute_beneficiary_count(self):
        counts = dict(
            self.env["beneficiary.beneficiary"]._read_group(
                [("category_ids", "in", self.ids)], ["category_ids"], ["__count"]
            )
        )
        for category in self:
            category.beneficiary_count = counts.get(category, 0)
