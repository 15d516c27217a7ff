from odoo import api, models


class BeneficiarySupportRequest(models.Model):
    """Online, the consent is given to the privacy notice shown: a notice put in force
    meanwhile is shown again before the application is accepted (PDPL)."""

    _inherit = "beneficiary.support.request"

    @api.model
    def _portal_apply_check(self, service, post, uploads):
        values, errors = super()._portal_apply_check(service, post, uploads)
        notice = self.env["beneficiary.privacy.notice"]._get_in_force(service.company_id)
        shown = (post.get("privacy_notice_version") or "").strip()
        if notice and shown != notice.version and not errors.get("accept_consent"):
            errors["accept_consent"] = self.env._(
                "The privacy notice has just changed: read it again and give your consent."
            )
        return values, errors
