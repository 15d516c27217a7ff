from odoo import api, fields, models
from odoo.tools import float_round

SCORES = [(str(score), str(score)) for score in range(6)]


class BeneficiaryScoredLine(models.AbstractModel):
    """One criterion scored 0 to 5 with notes: the needs study of a partner request (P22)
    and the evaluation of a partnership (P25) share it."""

    _name = "beneficiary.scored.line"
    _description = "Scored Criterion Line"

    criterion_id = fields.Many2one(
        "beneficiary.partner.study.criterion", required=True, ondelete="restrict"
    )
    description = fields.Text(related="criterion_id.description")
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Integer(
        compute="_compute_weight", store=True, readonly=False, required=True, default=1
    )
    score = fields.Selection(SCORES, help="0 (none) to 5 (excellent).")
    notes = fields.Text()

    _sql_constraints = [
        ("weight_positive", "CHECK(weight > 0)", "The weight must be positive."),
    ]

    @api.depends("criterion_id")
    def _compute_weight(self):
        for line in self:
            line.weight = line.criterion_id.weight or 1

    def _weighted_score(self):
        """The weighted mean of the scored lines of ``self`` on a 0-100 scale."""
        lines = self.filtered("score")
        total_weight = sum(lines.mapped("weight"))
        if not total_weight:
            return 0.0
        weighted = sum(int(line.score) * line.weight for line in lines)
        return float_round(weighted * 20.0 / total_weight, 2)
