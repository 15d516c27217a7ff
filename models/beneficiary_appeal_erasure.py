from odoo import api, models
from odoo.tools import SQL


class BeneficiaryAppeal(models.Model):
    """Appeals of anonymised files: the person's own words go, the decision stays."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.appeal"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        appeals = self.with_context(active_test=False).search(
            [("beneficiary_id", "in", erasure.files.ids)]
        )
        if not appeals:
            return
        erasure.add(self._name, appeals.ids)
        # Required: the neutral label stands for the erased reasons.
        appeals.write({"reasons": erasure.label, "attachment_ids": [(5, 0, 0)]})
        erasure.add("ir.attachment", appeals.attachment_ids.ids)
        erasure.scrub(
            self.env,
            self._name,
            ["first_rejection_reason", "outcome_reason"],
            SQL("id IN %s", tuple(appeals.ids)),
        )
