from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    beneficiary_ids = fields.One2many("beneficiary.beneficiary", "partner_id")
