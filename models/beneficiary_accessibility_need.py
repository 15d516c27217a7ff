from odoo import fields, models


class BeneficiaryAccessibilityNeed(models.Model):
    """What a person needs to be served (P37): wheelchair access, a sign-language
    interpreter, a home visit, large print, a reader or companion… Shared lists come with
    the addon; an association adds its own."""

    _name = "beneficiary.accessibility.need"
    _description = "Accessibility Need"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="How staff prepare: what to book or arrange before the visit."
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the need with every association of the database.",
    )
