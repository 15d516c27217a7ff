from odoo import fields, models


class BeneficiaryEducationLevel(models.Model):
    """Qualification level (P17, P18), configurable per association."""

    _name = "beneficiary.education.level"
    _description = "Qualification Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
