from odoo import fields, models


class BeneficiaryMouResponsibility(models.Model):
    """What one side of the MOU commits to (P24)."""

    _name = "beneficiary.mou.responsibility"
    _description = "MOU Responsibility"
    _order = "mou_id, party, sequence, id"

    mou_id = fields.Many2one("beneficiary.mou", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="mou_id.company_id", store=True, index=True)
    party = fields.Selection(
        [("company", "Our Association"), ("partner", "Partner Association")],
        required=True,
        default="company",
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Responsibility", required=True, translate=False)
