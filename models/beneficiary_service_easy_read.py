from odoo import models

from ..tools.plural import plural


class BeneficiaryServiceEasyRead(models.Model):
    """The easy-read explanation of a service on the online application (issue #19)."""

    _inherit = "beneficiary.service"

    def _easy_read_delay(self):
        """How long the answer takes, in one or two short sentences (Arabic counts days
        with a plural that depends on the number: ``tools/plural.py``)."""
        self.ensure_one()
        _ = self.env._
        lines = [
            plural(
                self.env,
                self.decision_days,
                _("We answer within %(count)s day.|We answer within %(count)s days."),
            )
        ]
        if self.company_id.beneficiary_working_days:
            lines.append(_("Only working days count: not Fridays, Saturdays or holidays."))
        return lines
