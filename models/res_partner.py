from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    beneficiary_ids = fields.One2many("beneficiary.beneficiary", "partner_id")
    is_referral_association = fields.Boolean(
        string="Referral Association",
        help="Another association to which requests for services not offered here are "
        "referred (P15).",
    )
    # Partner associations served under MOUs (P21–P25)
    is_partner_association = fields.Boolean(
        string="Partner Association",
        help="A beneficiary association that requests services under an MOU (P21).",
    )
    association_licence_number = fields.Char(
        string="Licence Number",
        help="Registration number of the association at the National Center for Non-Profit Sector.",
    )
    association_region_id = fields.Many2one(
        "beneficiary.region", string="Region", help="Where the association works (P23)."
    )
    association_mou_ids = fields.One2many("beneficiary.mou", "partner_id", string="MOUs")
