from odoo import fields, models

from ..models.beneficiary_workflow_fields import workflow_action


class BeneficiaryAppealDecide(models.TransientModel):
    """The examiner upholds or overturns the first decision, with the reasons (P29)."""

    _name = "beneficiary.appeal.decide"
    _description = "Appeal Decision"

    appeal_id = fields.Many2one("beneficiary.appeal", required=True, ondelete="cascade")
    outcome = fields.Selection(
        [("upheld", "Uphold the Decision"), ("overturned", "Overturn the Decision")],
        required=True,
    )
    reason = fields.Text(string="Reasons", required=True)

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        # The appeal's own checks: state, examiner, independence, reasons.
        self.appeal_id._decide(self.outcome, self.reason)
        return {"type": "ir.actions.act_window_close"}
