from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL


class SurveyUserInput(models.Model):
    """Satisfaction answers of anonymised files: the scores and choices stay for the
    satisfaction report (P14); who answered and the identifiers typed in comments go."""

    # The model is split by concern (see the project's style guide).
    _inherit = "survey.user_input"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        domains = [[("partner_id", "in", erasure.partners.ids)]]
        requests = erasure.ids("beneficiary.support.request")
        if requests:
            domains.append([("support_request_id", "in", requests)])
        if erasure.emails:
            domains.append([("email", "in", list(erasure.emails))])
        inputs = self.with_context(active_test=False).search(expression.OR(domains))
        if not inputs:
            return
        erasure.add(self._name, inputs.ids)
        where = SQL("id IN %s", tuple(inputs.ids))
        self.flush_model(["email", "nickname"])
        self.env.cr.execute(
            SQL("UPDATE survey_user_input SET email = NULL, nickname = NULL WHERE %s", where)
        )
        self.invalidate_model(["email", "nickname"])
        erasure.scrub(
            self.env,
            "survey.user_input.line",
            ["value_char_box", "value_text_box"],
            SQL("user_input_id IN %s", tuple(inputs.ids)),
        )
