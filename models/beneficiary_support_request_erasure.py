from odoo import api, models
from odoo.tools import SQL

# Written about the person as a whole: erased with the file (PDPL).
ERASED_TEXTS = (
    "description",
    "research_report",
    "referral_note",
    "referral_outcome_note",
    "delivery_note",
)
# The account of the decision (kept for appeals, audits and statistics): only the
# person's identifiers are cut out of them.
SCRUBBED_TEXTS = ("rejection_reason", "cancel_reason", "override_reason", "eligibility_reasons")


class BeneficiarySupportRequest(models.Model):
    """The requests of anonymised files: their notes go, their decisions stay."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        requests = self.with_context(active_test=False).search(
            [("beneficiary_id", "in", erasure.files.ids)]
        )
        if not requests:
            return
        erasure.add(self._name, requests.ids)
        requests.write(dict.fromkeys(ERASED_TEXTS, False))
        where = SQL("id IN %s", tuple(requests.ids))
        erasure.scrub(self.env, self._name, list(SCRUBBED_TEXTS), where)
        request_where = SQL("request_id IN %s", tuple(requests.ids))
        erasure.scrub(self.env, "beneficiary.support.request.pause", ["reason"], request_where)
        erasure.scrub(
            self.env,
            "beneficiary.eligibility.line",
            ["beneficiary_value", "explanation"],
            request_where,
        )
