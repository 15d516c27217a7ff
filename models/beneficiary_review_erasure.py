from odoo import api, models
from odoo.tools import SQL


class BeneficiaryReview(models.Model):
    """Periodic reviews of anonymised files: the result and dates stay, the notes go."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.review"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        reviews = self.search([("beneficiary_id", "in", erasure.files.ids)])
        if not reviews:
            return
        where = SQL("id IN %s", tuple(reviews.ids))
        self.flush_model(["notes"])
        self.env.cr.execute(SQL("UPDATE beneficiary_review SET notes = NULL WHERE %s", where))
        self.invalidate_model(["notes"])
        erasure.scrub(self.env, self._name, ["eligibility_summary"], where)
