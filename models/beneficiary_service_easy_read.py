from odoo import models


class BeneficiaryServiceEasyRead(models.Model):
    """The easy-read explanation of a service on the online application (issue #19)."""

    _inherit = "beneficiary.service"

    def _easy_read_delay(self):
        """How long the answer takes, in one or two short sentences (Arabic counts days
        with a plural that depends on the number: one sentence per form)."""
        self.ensure_one()
        _ = self.env._
        days = self.decision_days
        if days == 1:
            lines = [_("We answer within one day.")]
        elif days == 2:
            lines = [_("We answer within two days.")]
        elif days <= 10:
            lines = [_("We answer in %(days)s days or less.", days=days)]
        else:
            lines = [_("We answer within %(days)s days.", days=days)]
        if self.company_id.beneficiary_working_days:
            lines.append(_("Only working days count: not Fridays, Saturdays or holidays."))
        return lines
