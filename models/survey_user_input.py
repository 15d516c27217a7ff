from odoo import fields, models


class SurveyUserInput(models.Model):
    """A beneficiary's answer to a satisfaction survey, linked to their request (P14)."""

    _inherit = "survey.user_input"

    support_request_id = fields.Many2one(
        "beneficiary.support.request",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )

    def _mark_done(self):
        res = super()._mark_done()
        for answer in self.sudo().filtered("support_request_id"):
            if not answer.test_entry:
                answer.support_request_id._satisfaction_record(answer._satisfaction_score())
        return res

    def _satisfaction_score(self):
        """Satisfaction in percent: the mean of the rated questions answered.

        A question is rated when its choices carry different scores (e.g. 1 to 5, or
        yes 1 / no 0); each answer is placed between its question's lowest and highest
        score (0 % to 100 %). Unrated questions (channel used, comment) do not count;
        ``None`` when no rated question was answered.
        """
        self.ensure_one()
        ratios = []
        for line in self.user_input_line_ids.filtered(
            lambda line: line.answer_type == "suggestion" and line.suggested_answer_id
        ):
            scores = line.question_id.suggested_answer_ids.mapped("answer_score")
            low, high = min(scores), max(scores)
            if high > low:
                ratios.append((line.suggested_answer_id.answer_score - low) / (high - low))
        return round(100.0 * sum(ratios) / len(ratios), 1) if ratios else None
