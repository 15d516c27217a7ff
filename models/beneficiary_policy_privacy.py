from odoo import models

from .beneficiary_workflow_fields import workflow_action


class BeneficiaryPolicy(models.Model):
    """Approving a policy version puts the draft privacy notices prepared with it in
    force (one per association: the last one prepared)."""

    _inherit = "beneficiary.policy"

    @workflow_action
    def action_approve(self):
        result = super().action_approve()
        notices = self.env["beneficiary.privacy.notice"].search(
            [("policy_id", "in", self.ids), ("state", "=", "draft")], order="id desc"
        )
        for policy in self:
            notice = notices.filtered(lambda n, p=policy: n.policy_id == p)[:1]
            if notice:
                notice.action_approve()
        return result
