from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    beneficiary_ids = fields.One2many("beneficiary.beneficiary", "partner_id")
    is_referral_association = fields.Boolean(
        string="Referral Association",
        help="Another association to which requests for services not offered here are "
        "referred (P15).",
    )
