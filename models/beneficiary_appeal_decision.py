from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .beneficiary_appeal import OPEN_APPEAL_STATES
from .beneficiary_workflow_fields import workflow_action

APPEAL_LETTER = "beneficiary_relations.action_report_appeal_letter"


class BeneficiaryAppeal(models.Model):
    """The appeal's workflow (P29): examination, decision, withdrawal, letter."""

    _inherit = "beneficiary.appeal"

    def _check_appeal_state(self, states, action):
        for appeal in self:
            if appeal.state not in states:
                label = dict(self._fields["state"]._description_selection(self.env))[appeal.state]
                raise UserError(
                    self.env._(
                        "Appeal %(ref)s cannot be %(action)s in state %(state)s.",
                        ref=appeal.ref,
                        action=action,
                        state=label,
                    )
                )

    def _check_examiner_acts(self):
        """Only the assigned examiner examines and decides, and never someone who took
        the first decision (checked again now: the decision may have been recorded
        since the examiner was chosen)."""
        user = self.env.user
        for appeal in self:
            if not appeal.examiner_id:
                raise UserError(
                    self.env._(
                        "Appeal %(ref)s has no examiner yet: a manager assigns one who did "
                        "not take the first decision.",
                        ref=appeal.ref,
                    )
                )
            if appeal.examiner_id != user:
                raise AccessError(
                    self.env._(
                        "Only the examiner of appeal %(ref)s (%(examiner)s) decides it.",
                        ref=appeal.ref,
                        examiner=appeal.examiner_id.name,
                    )
                )
            problem = appeal._examiner_problem(user)
            if problem:
                raise AccessError(problem)

    def _schedule_examination(self):
        for appeal in self:
            appeal.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Examine appeal %(ref)s", ref=appeal.ref),
                user_id=appeal.examiner_id.id,
                date_deadline=appeal.decision_deadline,
            )

    # ------------------------------------------------------------------ actions
    @workflow_action
    def action_start_review(self):
        """submitted → under review, by the examiner."""
        self._check_appeal_state(("submitted",), self.env._("reviewed"))
        self._check_examiner_acts()
        self.write({"state": "under_review"})

    def action_uphold(self):
        return self._open_decide_wizard("upheld")

    def action_overturn(self):
        return self._open_decide_wizard("overturned")

    def _open_decide_wizard(self, outcome):
        self.ensure_one()
        self._check_appeal_state(OPEN_APPEAL_STATES, self.env._("decided"))
        self._check_examiner_acts()
        titles = {
            "upheld": self.env._("Uphold the Decision"),
            "overturned": self.env._("Overturn the Decision"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[outcome],
            "res_model": "beneficiary.appeal.decide",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appeal_id": self.id, "default_outcome": outcome},
        }

    @workflow_action
    def _decide(self, outcome, reason):
        """The examiner's decision with its reasons (P29).

        *Upheld*: the request stays rejected. *Overturned*: the request is approved by
        the request's own decision (``_apply_decision``), the examiner recorded as who
        decided; when the beneficiary does not meet the service's conditions, the
        appeal's reasons are recorded as the override reason, as the committee does. It
        is not sent back to the first deciders: P29 asks for someone who did not decide.
        The beneficiary gets the appeal's message (not the request's approval message)
        through their channels, and the letter on the portal.
        """
        assert outcome in ("upheld", "overturned"), outcome
        _ = self.env._
        self._check_appeal_state(OPEN_APPEAL_STATES, _("decided"))
        self._check_examiner_acts()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reasons of the decision on the appeal."))
        for appeal in self:
            # sudo: _check_examiner_acts above; the appeal's own request, changed by its workflow
            # only
            request = appeal.request_id.sudo()
            if request.state != "rejected":
                raise UserError(
                    _(
                        "Request %(ref)s is no longer rejected: the appeal cannot change it.",
                        ref=request.ref,
                    )
                )
            appeal.write(
                {
                    "state": outcome,
                    "outcome_reason": reason,
                    "decided_by_id": self.env.uid,
                    "decision_date": fields.Datetime.now(),
                }
            )
            if outcome == "overturned":
                request._apply_appeal_overturn(appeal)
            appeal.activity_unlink(["mail.mail_activity_data_todo"])
            request.message_post(
                body=_(
                    "Appeal %(ref)s decided: %(outcome)s.",
                    ref=appeal.ref,
                    outcome=dict(self._fields["state"]._description_selection(self.env))[outcome],
                ),
                subtype_xmlid="mail.mt_note",
            )
            request._notify_beneficiary("appeal_%s" % outcome)

    @workflow_action
    def action_withdraw(self):
        """The beneficiary withdraws the appeal (on the portal, or at the counter)."""
        self._check_appeal_state(OPEN_APPEAL_STATES, self.env._("withdrawn"))
        self.write({"state": "withdrawn", "withdrawn_date": fields.Datetime.now()})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_print_letter(self):
        self._check_appeal_state(("upheld", "overturned"), self.env._("printed"))
        return self.env.ref(APPEAL_LETTER).report_action(self, config=False)

    def action_view_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "beneficiary.support.request",
            "res_id": self.request_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------ portal and letters
    def _portal_has_letter(self):
        self.ensure_one()
        return self.state in ("upheld", "overturned")

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Appeal Decision - %(ref)s", ref=self.ref or "")

    def _print_lang(self):
        """The appeal's letter goes in the language of the request's letters."""
        return self.request_id._print_lang()

    def _letter_date(self):
        """The day of the appeal's decision, so that a letter printed again reads the same."""
        self.ensure_one()
        return self._dual_date(self.decision_date or fields.Date.context_today(self))

    def _outcome_reasons(self):
        """The reasons of the appeal's decision, one per line."""
        self.ensure_one()
        return [line.strip() for line in (self.outcome_reason or "").splitlines() if line.strip()]
