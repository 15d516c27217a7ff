from odoo import fields, models


class BeneficiaryMouEvaluationLine(models.Model):
    """The score (0 to 5) and notes of one criterion in the evaluation of a partnership
    when its MOU ends (P25)."""

    _name = "beneficiary.mou.evaluation.line"
    _inherit = "beneficiary.scored.line"
    _description = "Partnership Evaluation Line"
    _order = "mou_id, sequence, id"
    _check_company_auto = True

    mou_id = fields.Many2one("beneficiary.mou", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="mou_id.company_id", store=True, index=True)
    criterion_id = fields.Many2one(domain="[('usage', '=', 'evaluation')]")

    _sql_constraints = [
        (
            "criterion_uniq",
            "UNIQUE(mou_id, criterion_id)",
            "Each criterion is scored once per evaluation.",
        ),
    ]
