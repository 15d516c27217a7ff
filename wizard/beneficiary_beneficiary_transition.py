from odoo import fields, models

from ..models.beneficiary_workflow_fields import workflow_action


class BeneficiaryBeneficiaryTransition(models.TransientModel):
    """Suspend or close beneficiary files with the reason, kept in the chatter."""

    _name = "beneficiary.beneficiary.transition"
    _description = "Suspend or Close Beneficiary Files"

    transition = fields.Selection(
        [("suspend", "Suspend"), ("close", "Close")], required=True, readonly=True
    )
    beneficiary_ids = fields.Many2many("beneficiary.beneficiary", required=True)
    reason = fields.Text(required=True)

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        self.beneficiary_ids._apply_transition(self.transition, self.reason)
        return {"type": "ir.actions.act_window_close"}
