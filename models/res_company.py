from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    beneficiary_terms_version = fields.Char(
        string="Declaration and Consent Version",
        default="1.0",
        help="Version of the texts below; each signature records the version it accepted.",
    )
    beneficiary_declaration_text = fields.Html(
        string="Declaration Text",
        translate=True,
        sanitize=True,
        default=lambda self: self.env._(
            "<p>I declare that all the data and documents I have given are correct and "
            "complete, and that I am directly responsible for them.</p>"
        ),
    )
    beneficiary_consent_text = fields.Html(
        string="Consent Text",
        translate=True,
        sanitize=True,
        default=lambda self: self.env._(
            "<p>By applying I ask for the association's services, accept their terms and "
            "instructions, and agree that the association processes my personal data for "
            "this purpose under the Personal Data Protection Law.</p>"
        ),
    )
    beneficiary_review_months = fields.Integer(
        string="Default Review Interval (Months)",
        default=12,
        help="Used for beneficiaries without a category.",
    )
    beneficiary_working_days = fields.Boolean(
        string="Count Working Days (Sunday–Thursday)",
        help="Decision deadlines count the working days of the association's working "
        "calendar (Sunday to Thursday for a Saudi association), less its public holidays, "
        "instead of calendar days (P10).",
    )
    beneficiary_deadline_warning_days = fields.Integer(
        string="Warn Before Deadline (Days)", default=3
    )
    beneficiary_appeal_days = fields.Integer(
        string="Appeal Period (Days)",
        default=30,
        help="Days after the decision letter within which a beneficiary may appeal a "
        "refusal (P29), counted as decision deadlines are (calendar or working days).",
    )
    beneficiary_manager_id = fields.Many2one(
        "res.users",
        string="Beneficiary Relations Manager",
        help="Warned of decision deadlines, with the assigned officer.",
    )
    beneficiary_research_officer_id = fields.Many2one(
        "res.users",
        string="Social-Research Officer",
        help="Receives applicants to whom the procedure is unclear (P8).",
    )
    beneficiary_research_officer_ids = fields.Many2many(
        "res.users",
        "res_company_beneficiary_research_officer_rel",
        "company_id",
        "user_id",
        string="Other Social-Research Officers",
        help="Share the applicants referred for an explanation of the procedure (P8) with "
        "the social-research officer: each goes to the one with the fewest open ones.",
    )
    beneficiary_portal_officer_id = fields.Many2one(
        "res.users",
        string="Online Applications Officer",
        help="Assigned to the requests sent from the public application page; the "
        "beneficiary relations manager when empty.",
    )
    # Satisfaction and beneficiaries' voice (P14, P28)
    beneficiary_survey_reminder_days = fields.Integer(
        string="Satisfaction Survey Reminder (Days)",
        default=3,
        help="Days after the invitation when one reminder is sent to beneficiaries who "
        "have not answered yet; zero sends no reminder.",
    )
    beneficiary_satisfaction_threshold = fields.Float(
        string="Low Satisfaction Threshold (%)",
        default=60.0,
        help="Answers scoring below this percentage open a follow-up activity for the "
        "beneficiary relations manager (P14).",
    )
    beneficiary_suggestion_response_days = fields.Integer(
        string="Suggestion Response Deadline (Days)",
        default=5,
        help="Days within which a suggestion or complaint must be answered.",
    )
    beneficiary_inquiry_response_days = fields.Integer(
        string="Inquiry Response Deadline (Days)",
        default=2,
        help="Days within which an inquiry is answered (P4); working days when the "
        "decision clock counts working days.",
    )
    # Partner associations (P23, P25)
    partner_priority_weight_impact = fields.Integer(
        string="Priority Weight: Impact",
        default=50,
        help="Weight of the needs-study score (greatest impact) in the priority (P23).",
    )
    partner_priority_weight_need = fields.Integer(
        string="Priority Weight: Region Need",
        default=30,
        help="Weight of the region's need level in the priority (P23).",
    )
    partner_priority_weight_served = fields.Integer(
        string="Priority Weight: Not Served Before",
        default=20,
        help="Weight of not having benefited before in the priority (P23).",
    )
    partner_report_reminder_days = fields.Integer(
        string="Remind Impact Reports (Days Before)",
        default=7,
        help="Partners are reminded this many days before an impact report is due (P25).",
    )
    beneficiary_anonymise_years = fields.Integer(
        string="Anonymise Closed Files After (Years)",
        default=0,
        help="Closed beneficiary files are anonymised this many years after their closing "
        "date (Personal Data Protection Law). 0 = never.",
    )

    @api.constrains("beneficiary_appeal_days")
    def _check_beneficiary_appeal_days(self):
        if any(company.beneficiary_appeal_days <= 0 for company in self):
            raise ValidationError(self.env._("The appeal period must be at least one day (P29)."))

    @api.constrains(
        "partner_priority_weight_impact",
        "partner_priority_weight_need",
        "partner_priority_weight_served",
    )
    def _check_partner_priority_weights(self):
        for company in self:
            weights = (
                company.partner_priority_weight_impact,
                company.partner_priority_weight_need,
                company.partner_priority_weight_served,
            )
            if min(weights) < 0 or not sum(weights):
                raise ValidationError(
                    self.env._(
                        "The priority weights cannot be negative and at least one must be positive."
                    )
                )
