from odoo import fields, models


class BeneficiaryPartnerStudyLine(models.Model):
    """The score (0 to 5) and notes of one criterion in the needs study of a partner
    association's request (P22)."""

    _name = "beneficiary.partner.study.line"
    _inherit = "beneficiary.scored.line"
    _description = "Needs Study Line"
    _order = "request_id, sequence, id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "beneficiary.partner.request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    criterion_id = fields.Many2one(domain="[('usage', '=', 'study')]")

    _sql_constraints = [
        (
            "criterion_uniq",
            "UNIQUE(request_id, criterion_id)",
            "Each criterion is scored once per request.",
        ),
    ]
