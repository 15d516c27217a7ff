from odoo import fields, models


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
        help="Decision deadlines count working days instead of calendar days (P10).",
    )
    beneficiary_deadline_warning_days = fields.Integer(
        string="Warn Before Deadline (Days)", default=3
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
