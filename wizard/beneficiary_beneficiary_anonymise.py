from odoo import fields, models

from ..models.beneficiary_workflow_fields import workflow_action


class BeneficiaryBeneficiaryAnonymise(models.TransientModel):
    """Confirm the anonymisation of closed files and give the reason (PDPL)."""

    _name = "beneficiary.beneficiary.anonymise"
    _description = "Anonymise Beneficiary Files"

    beneficiary_ids = fields.Many2many("beneficiary.beneficiary", required=True)
    reason = fields.Text(required=True)

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        self.beneficiary_ids._br_anonymise(self.reason)
        return {"type": "ir.actions.act_window_close"}
