from odoo import api, fields, models

SCORES = [(str(score), str(score)) for score in range(6)]


class BeneficiaryPartnerStudyLine(models.Model):
    """The score (0 to 5) and notes of one criterion in the needs study of a partner
    association's request (P22)."""

    _name = "beneficiary.partner.study.line"
    _description = "Needs Study Line"
    _order = "request_id, sequence, id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "beneficiary.partner.request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    criterion_id = fields.Many2one(
        "beneficiary.partner.study.criterion",
        required=True,
        ondelete="restrict",
        domain="[('usage', '=', 'study')]",
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
            "UNIQUE(request_id, criterion_id)",
            "Each criterion is scored once per request.",
        ),
        ("weight_positive", "CHECK(weight > 0)", "The weight must be positive."),
    ]

    @api.depends("criterion_id")
    def _compute_weight(self):
        for line in self:
            line.weight = line.criterion_id.weight or 1
