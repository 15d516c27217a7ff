from odoo import fields, models


class BeneficiarySuggestionCategory(models.Model):
    """Theme of a suggestion or complaint (services, staff, procedures, premises…)."""

    _name = "beneficiary.suggestion.category"
    _description = "Suggestion and Complaint Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    user_id = fields.Many2one(
        "res.users",
        string="Default Assignee",
        domain=[("share", "=", False)],
        help="Suggestions of this category are assigned to this person.",
    )
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        ("name_company_uniq", "UNIQUE(name, company_id)", "This category already exists."),
    ]
