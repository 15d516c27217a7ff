from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL


class BeneficiarySuggestion(models.Model):
    """Suggestions and complaints sent by the person of an anonymised file (from the
    portal, the public form or the counter): kind, category, dates and answer times stay
    for the statistics; the subject and the words go."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.suggestion"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        domains = [
            [("beneficiary_id", "in", erasure.files.ids)],
            [("partner_id", "in", erasure.partners.ids)],
        ]
        requests = erasure.ids("beneficiary.support.request")
        if requests:
            domains.append([("request_id", "in", requests)])
        suggestions = self.with_context(active_test=False).search(expression.OR(domains))
        if not suggestions:
            return
        erasure.add(self._name, suggestions.ids)
        # Subject and description are required: the neutral label stands for them.
        suggestions.write({"name": erasure.label, "description": erasure.label})
        erasure.scrub(self.env, self._name, ["response"], SQL("id IN %s", tuple(suggestions.ids)))
