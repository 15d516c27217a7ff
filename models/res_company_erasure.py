from odoo import fields, models


class ResCompany(models.Model):
    """Personal data settings of the association: abandoned applications (PDPL) and
    discreet messages (P33)."""

    # The model is split by concern (see the project's style guide).
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    beneficiary_draft_anonymise_days = fields.Integer(
        string="Anonymise Abandoned Applications After (Days)",
        default=90,
        help="Draft files (applications never registered) that nobody changed for this many "
        "days, and whose requests did not move either, are closed and anonymised by the "
        "retention job. 0 = never.",
    )
    beneficiary_discreet_messages = fields.Boolean(
        string="Discreet Messages",
        help="SMS and emails to beneficiaries name neither the association, nor the service, "
        "nor any document or reason: a neutral notice and a link to the portal, from a "
        "neutral sender name (P33).",
    )
    beneficiary_discreet_sender = fields.Char(
        string="Neutral Sender Name",
        help="Sender name of discreet emails and SMS (empty: a generic name).",
    )

    def _beneficiary_discreet_sender(self):
        self.ensure_one()
        return self.beneficiary_discreet_sender or self.env._("Notification Service")


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    beneficiary_draft_anonymise_days = fields.Integer(
        related="company_id.beneficiary_draft_anonymise_days", readonly=False
    )
    beneficiary_discreet_messages = fields.Boolean(
        related="company_id.beneficiary_discreet_messages", readonly=False
    )
    beneficiary_discreet_sender = fields.Char(
        related="company_id.beneficiary_discreet_sender", readonly=False
    )
