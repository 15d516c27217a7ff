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
    beneficiary_working_days = fields.Boolean(
        related="company_id.beneficiary_working_days", readonly=False
    )
    beneficiary_deadline_warning_days = fields.Integer(
        related="company_id.beneficiary_deadline_warning_days", readonly=False
    )
    beneficiary_manager_id = fields.Many2one(
        related="company_id.beneficiary_manager_id", readonly=False
    )
    beneficiary_research_officer_id = fields.Many2one(
        related="company_id.beneficiary_research_officer_id", readonly=False
    )
