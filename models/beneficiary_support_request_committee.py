from odoo import models

from .beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequest(models.Model):
    """What the research committee's decision does to a request (P10)."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    @workflow_action
    def _apply_committee_outcome(self, outcome, reasons, meeting):
        """Apply the committee's ``outcome`` (approve, reject, more_info, postpone) taken
        in ``meeting`` with its ``reasons``: the request's own workflow, as staff's
        decisions use it."""
        self.ensure_one()
        _ = self.env._
        reasons = reasons or ""
        if outcome == "approve":
            if not self.eligibility_ok:
                self.override_reason = _(
                    "Approved by the committee in meeting %(meeting)s: %(reasons)s",
                    meeting=meeting.name,
                    reasons=reasons,
                )
            self._apply_decision("approved")
        elif outcome == "reject":
            self._apply_decision("rejected", reasons)
        elif outcome == "more_info":
            self.write({"state": "verification"})
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("The committee asks for more information"),
                note=reasons,
                user_id=(self.officer_id or self.env.user).id,
            )
        # postpone: the request stays in the committee state for the next agenda.
