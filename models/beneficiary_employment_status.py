from odoo import fields, models


class BeneficiaryEmploymentStatus(models.Model):
    """Employment status (P18), configurable per association."""

    _name = "beneficiary.employment.status"
    _description = "Employment Status"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
