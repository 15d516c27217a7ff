from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    beneficiary_terms_version = fields.Char(
        related="company_id.beneficiary_terms_version", readonly=False
    )
    beneficiary_declaration_text = fields.Html(
        related="company_id.beneficiary_declaration_text", readonly=False
    )
    beneficiary_consent_text = fields.Html(
        related="company_id.beneficiary_consent_text", readonly=False
    )
    beneficiary_review_months = fields.Integer(
        related="company_id.beneficiary_review_months", readonly=False
    )
