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
