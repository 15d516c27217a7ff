from odoo import fields, models

from ..models.beneficiary_support_request import REFERABLE_STATES
from ..models.beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequestRefer(models.TransientModel):
    """Refer requests to the competent association and tell the beneficiary (P15)."""

    _name = "beneficiary.support.request.refer"
    _description = "Refer to Another Association"

    request_ids = fields.Many2many(
        "beneficiary.support.request", "beneficiary_request_refer_rel", required=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Association",
        required=True,
        domain=[("is_referral_association", "=", True)],
    )
    note = fields.Text(
        string="Note to the Beneficiary",
        required=True,
        help="Why the request is referred and how to reach the association.",
    )

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        self.request_ids._check_state(REFERABLE_STATES, self.env._("referred"))
        self.request_ids._apply_referral(self.partner_id, self.note)
        return {"type": "ir.actions.act_window_close"}
