"""The decision on a request (P10, P18, P26): approve, reject, cancel or refer, the
manager's override, and the letters that tell the beneficiary."""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .beneficiary_service import OPEN_STATES
from .beneficiary_support_request import MANAGER, REFERABLE_STATES
from .beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequest(models.Model):
    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    def _decision_states(self):
        """States from which a decision may be taken for each request."""
        self.ensure_one()
        if self.service_id.requires_committee:
            return ("committee",)
        if self.service_id.requires_research:
            return ("research", "committee")
        return ("verification", "research", "committee")

    def _check_decidable(self, label):
        for request in self:
            request._check_state(request._decision_states(), label)

    @workflow_action
    def action_approve(self):
        """Approve when eligible (P18); otherwise a manager overrides with a reason."""
        _ = self.env._
        self._check_decidable(_("approved"))
        self._evaluate_eligibility()
        not_eligible = self.filtered(lambda r: not r.eligibility_ok)
        if not_eligible:
            if not self.env.user.has_group(MANAGER):
                raise UserError(
                    _(
                        "%(refs)s: the beneficiary does not meet the service's conditions:\n%(reasons)s\n"
                        "Only a manager can approve with an override and a reason.",
                        refs=", ".join(not_eligible.mapped("ref")),
                        reasons="\n".join(not_eligible.mapped("eligibility_reasons")),
                    )
                )
            return self._open_reason_wizard("override")
        self._apply_decision("approved")
        return True

    @workflow_action
    def action_reject(self):
        _ = self.env._
        self._check_decidable(_("rejected"))
        return self._open_reason_wizard("reject")

    @workflow_action
    def action_cancel(self):
        self._check_state(OPEN_STATES, self.env._("cancelled"))
        return self._open_reason_wizard("cancel")

    @workflow_action
    def action_refer(self):
        """Refer an out-of-scope or not-offered request to another association (P15)."""
        self._check_state(REFERABLE_STATES, self.env._("referred"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refer the Request"),
            "res_model": "beneficiary.support.request.refer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_ids": self.ids},
        }

    def _open_reason_wizard(self, mode):
        titles = {
            "override": self.env._("Approve Despite the Eligibility Check"),
            "reject": self.env._("Reject the Request"),
            "cancel": self.env._("Cancel the Request"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[mode],
            "res_model": "beneficiary.support.request.reason",
            "view_mode": "form",
            "target": "new",
            "context": {"default_mode": mode, "default_request_ids": self.ids},
        }

    @workflow_action
    def _apply_decision(self, decision, reason=False):
        """Record a decision taken by staff or by the committee and tell the beneficiary."""
        vals = {
            "state": decision,
            "decision": decision,
            "decision_date": fields.Datetime.now(),
            "decided_by_id": self.env.uid,
        }
        if decision == "rejected":
            vals["rejection_reason"] = reason
        self._close_clock()
        self.write(vals)
        self.activity_unlink(
            [
                "beneficiary_relations.mail_activity_type_social_research",
                "beneficiary_relations.mail_activity_type_deadline",
                "beneficiary_relations.mail_activity_type_referral",
            ]
        )
        self._notify_beneficiary(decision)

    @workflow_action
    def _apply_override(self, reason):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only a manager can override the eligibility result."))
        self.write({"override_reason": reason})
        self._apply_decision("approved")

    @workflow_action
    def _apply_cancel(self, reason):
        self._close_clock()
        self.write({"state": "cancelled", "cancel_reason": reason})

    @workflow_action
    def _apply_referral(self, partner, note):
        self._close_clock()
        self.write(
            {
                "referral_partner_id": partner.id,
                "referral_note": note,
                "referral_outcome": "pending",
            }
        )
        self._apply_decision("referred")

    @workflow_action
    def action_print_decision_letter(self):
        return self.env.ref("beneficiary_relations.action_report_decision_letter").report_action(
            self, config=False
        )

    @workflow_action
    def action_print_referral_letter(self):
        return self.env.ref("beneficiary_relations.action_report_referral_letter").report_action(
            self, config=False
        )
