from odoo import api, fields, models

from .beneficiary_partner_study_line import SCORES


class BeneficiaryMouEvaluationLine(models.Model):
    """The score (0 to 5) and notes of one criterion in the evaluation of a partnership
    when its MOU ends (P25)."""

    _name = "beneficiary.mou.evaluation.line"
    _description = "Partnership Evaluation Line"
    _order = "mou_id, sequence, id"
    _check_company_auto = True

    mou_id = fields.Many2one("beneficiary.mou", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="mou_id.company_id", store=True, index=True)
    criterion_id = fields.Many2one(
        "beneficiary.partner.study.criterion",
        required=True,
        ondelete="restrict",
        domain="[('usage', '=', 'evaluation')]",
    )
    description = fields.Text(related="criterion_id.description")
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Integer(
        compute="_compute_weight", store=True, readonly=False, required=True, default=1
    )
    score = fields.Selection(SCORES, help="0 (none) to 5 (excellent).")
    notes = fields.Text()

    _sql_constraints = [
        (
            "criterion_uniq",
            "UNIQUE(mou_id, criterion_id)",
            "Each criterion is scored once per evaluation.",
        ),
        ("weight_positive", "CHECK(weight > 0)", "The weight must be positive."),
    ]

    @api.depends("criterion_id")
    def _compute_weight(self):
        for line in self:
            line.weight = line.criterion_id.weight or 1
