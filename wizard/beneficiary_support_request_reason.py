from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.beneficiary_service import OPEN_STATES
from ..models.beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequestReason(models.TransientModel):
    """Reject (reasons from the failed criteria or written), override or cancel."""

    _name = "beneficiary.support.request.reason"
    _description = "Decision Reason"

    mode = fields.Selection(
        [("reject", "Reject"), ("override", "Approve Despite Eligibility"), ("cancel", "Cancel")],
        required=True,
        readonly=True,
    )
    request_ids = fields.Many2many(
        "beneficiary.support.request", "beneficiary_request_reason_rel", required=True
    )
    failed_line_ids = fields.Many2many(
        "beneficiary.eligibility.line",
        "beneficiary_request_reason_line_rel",
        string="Unmet Conditions",
        compute="_compute_failed_line_ids",
        readonly=False,
        store=True,
    )
    reason = fields.Text()

    @api.depends("request_ids", "mode")
    def _compute_failed_line_ids(self):
        for wizard in self:
            lines = wizard.request_ids.eligibility_line_ids.filtered(lambda line: not line.met)
            wizard.failed_line_ids = lines if wizard.mode == "reject" else False

    def _full_reason(self):
        parts = [line.explanation for line in self.failed_line_ids if line.explanation]
        if self.reason and self.reason.strip():
            parts.append(self.reason.strip())
        return "\n".join(parts)

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        reason = self._full_reason()
        if not reason:
            raise UserError(self.env._("Give the reason: choose unmet conditions or write it."))
        requests = self.request_ids
        # The requests may have moved on since the wizard was opened.
        if self.mode == "cancel":
            requests._check_state(OPEN_STATES, self.env._("cancelled"))
        else:
            requests._check_decidable(self.env._("decided"))
        if self.mode == "reject":
            requests._apply_decision("rejected", reason)
        elif self.mode == "override":
            requests._apply_override(reason)
        else:
            requests._apply_cancel(reason)
        return {"type": "ir.actions.act_window_close"}
