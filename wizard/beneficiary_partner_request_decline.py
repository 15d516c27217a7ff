from odoo import api, fields, models

from ..models.beneficiary_workflow_fields import workflow_action


class BeneficiaryPartnerRequestDecline(models.TransientModel):
    """Decline a partner association's request with the reason sent to it (P23)."""

    _name = "beneficiary.partner.request.decline"
    _description = "Decline a Partner Association Request"

    request_ids = fields.Many2many(
        "beneficiary.partner.request",
        "beneficiary_partner_request_decline_rel",
        "wizard_id",
        "request_id",
        string="Requests",
        default=lambda self: self._default_request_ids(),
    )
    reason = fields.Text(
        required=True, help="Sent to the association with the decision, and kept on the request."
    )

    @api.model
    def _default_request_ids(self):
        if self.env.context.get("active_model") == "beneficiary.partner.request":
            return self.env["beneficiary.partner.request"].browse(
                self.env.context.get("active_ids") or []
            )
        return self.env["beneficiary.partner.request"]

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        self.request_ids._decline(self.reason)
        return {"type": "ir.actions.act_window_close"}
