from odoo import api, fields, models


class BeneficiaryBeneficiarySign(models.TransientModel):
    """The privacy notice in force is shown before the consent is recorded; the
    declaration records its version (set by the server)."""

    _inherit = "beneficiary.beneficiary.sign"

    privacy_notice_id = fields.Many2one(
        "beneficiary.privacy.notice", compute="_compute_privacy_notice"
    )
    privacy_notice_version = fields.Char(compute="_compute_privacy_notice")
    privacy_notice_html = fields.Html(
        string="Privacy Notice Text", compute="_compute_privacy_notice", sanitize=False
    )

    @api.depends("company_id")
    def _compute_privacy_notice(self):
        Notice = self.env["beneficiary.privacy.notice"]
        for wizard in self:
            notice = Notice._get_in_force(wizard.company_id or self.env.company)
            wizard.privacy_notice_id = notice
            wizard.privacy_notice_version = notice.version or False
            wizard.privacy_notice_html = (
                self.env["ir.qweb"]._render(
                    "beneficiary_relations.privacy_notice_body",
                    {"br_notice": notice},
                )
                if notice
                else False
            )
