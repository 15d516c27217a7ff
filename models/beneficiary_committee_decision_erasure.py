from odoo import api, models
from odoo.tools import SQL


class BeneficiaryCommitteeDecision(models.Model):
    """Decisions on the requests of anonymised files: the reasons stay for the minutes'
    account, without the person's identifiers."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.committee.decision"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        requests = erasure.ids("beneficiary.support.request")
        if requests:
            erasure.scrub(
                self.env, self._name, ["reasons"], SQL("request_id IN %s", tuple(requests))
            )
