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
    beneficiary_appeal_days = fields.Integer(
        related="company_id.beneficiary_appeal_days", readonly=False
    )
    beneficiary_manager_id = fields.Many2one(
        related="company_id.beneficiary_manager_id", readonly=False
    )
    beneficiary_research_officer_id = fields.Many2one(
        related="company_id.beneficiary_research_officer_id", readonly=False
    )
    beneficiary_portal_officer_id = fields.Many2one(
        related="company_id.beneficiary_portal_officer_id", readonly=False
    )
    beneficiary_portal_max_upload_mb = fields.Float(
        string="Largest File Sent Online (MB)",
        config_parameter="beneficiary_relations.portal_max_upload_mb",
        default=5.0,
    )
    beneficiary_apply_limit_per_hour = fields.Integer(
        string="Online Applications per Connection per Hour",
        config_parameter="beneficiary_relations.apply_limit_per_hour",
        default=5,
    )
    beneficiary_suggestion_limit_per_hour = fields.Integer(
        string="Public Suggestions per Connection per Hour",
        config_parameter="beneficiary_relations.suggestion_limit_per_hour",
        default=10,
    )
    beneficiary_survey_reminder_days = fields.Integer(
        related="company_id.beneficiary_survey_reminder_days", readonly=False
    )
    beneficiary_satisfaction_threshold = fields.Float(
        related="company_id.beneficiary_satisfaction_threshold", readonly=False
    )
    beneficiary_suggestion_response_days = fields.Integer(
        related="company_id.beneficiary_suggestion_response_days", readonly=False
    )
    beneficiary_inquiry_response_days = fields.Integer(
        related="company_id.beneficiary_inquiry_response_days", readonly=False
    )
    partner_priority_weight_impact = fields.Integer(
        related="company_id.partner_priority_weight_impact", readonly=False
    )
    partner_priority_weight_need = fields.Integer(
        related="company_id.partner_priority_weight_need", readonly=False
    )
    partner_priority_weight_served = fields.Integer(
        related="company_id.partner_priority_weight_served", readonly=False
    )
    partner_report_reminder_days = fields.Integer(
        related="company_id.partner_report_reminder_days", readonly=False
    )
    beneficiary_anonymise_years = fields.Integer(
        related="company_id.beneficiary_anonymise_years", readonly=False
    )
