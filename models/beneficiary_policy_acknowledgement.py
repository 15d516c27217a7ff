from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.activities import schedule_activities
from .beneficiary_workflow_fields import workflow_action

ACK_ACTIVITY = "beneficiary_relations.mail_activity_type_policy_acknowledgement"


class BeneficiaryPolicyAcknowledgement(models.Model):
    """A staff member's acknowledgement that they read the policy and will comply (P26)."""

    _name = "beneficiary.policy.acknowledgement"
    _description = "Policy Acknowledgement"
    _inherit = ["beneficiary.workflow.fields", "mail.thread", "mail.activity.mixin"]
    _unlink_draft_states = ("pending",)
    _order = "policy_id desc, state, user_id"
    _rec_name = "user_id"

    policy_id = fields.Many2one("beneficiary.policy", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    version = fields.Char(related="policy_id.version")
    policy_body = fields.Html(related="policy_id.body", string="Policy Text")
    user_id = fields.Many2one("res.users", string="Employee", required=True, index=True)
    state = fields.Selection(
        [("pending", "Not Yet Acknowledged"), ("acknowledged", "Acknowledged")],
        default="pending",
        required=True,
        index=True,
    )
    requested_date = fields.Date(default=fields.Date.context_today, readonly=True)
    date = fields.Datetime(string="Acknowledged On", readonly=True)
    reminder_count = fields.Integer(readonly=True)

    _sql_constraints = [
        ("policy_user_unique", "UNIQUE(policy_id, user_id)", "One acknowledgement per version."),
    ]

    def _schedule_activity(self):
        schedule_activities(
            self,
            ACK_ACTIVITY,
            (
                (
                    ack,
                    ack.user_id,
                    None,
                    self.env._(
                        "Read and acknowledge the policy, version %(version)s",
                        version=ack.policy_id.version,
                    ),
                )
                for ack in self
            ),
            sudo=True,
        )

    @workflow_action
    def action_acknowledge(self):
        """One click: the employee confirms they read the policy and will comply."""
        for ack in self:
            if ack.user_id != self.env.user:
                raise AccessError(self.env._("Each employee acknowledges the policy themselves."))
            if ack.policy_id.state != "approved":
                raise UserError(self.env._("Only the policy in force is acknowledged."))
        # sudo: checked above: the user's own acknowledgement of the policy in force
        self.sudo().write({"state": "acknowledged", "date": fields.Datetime.now()})
        # sudo: checked above: the user's own acknowledgement's activity
        self.sudo().activity_feedback([ACK_ACTIVITY])

    @workflow_action
    def action_print_policy(self):
        """The PDF of the version to acknowledge, to read it or keep a copy."""
        self.ensure_one()
        return self.policy_id.action_print()

    @api.model
    def _my_pending(self):
        return self.search(
            [
                ("user_id", "=", self.env.uid),
                ("state", "=", "pending"),
                ("policy_id.state", "=", "approved"),
            ]
        )

    @api.model
    def systray_pending(self):
        """What the top-bar reminder shows: the number of versions the current employee
        still has to acknowledge and the version, in one query (nothing for users who
        cannot read acknowledgements)."""
        if not self.env.user._is_internal() or not self.has_access("read"):
            return {"count": 0, "version": False}
        pending = self._my_pending()
        return {"count": len(pending), "version": pending[:1].policy_id.version or False}

    @api.model
    @workflow_action
    def action_open_my_pending(self):
        """Open what the current user still has to acknowledge (menu and activity);
        with nothing left to acknowledge, their own acknowledgements."""
        pending = self._my_pending()
        if len(pending) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": self._name,
                "views": [(False, "form")],
                "res_id": pending.id,
                "name": self.env._("Acknowledge the Policy"),
            }
        domain = [("id", "in", pending.ids)] if pending else [("user_id", "=", self.env.uid)]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "name": self.env._("Acknowledge the Policy")
            if pending
            else self.env._("My Policy Acknowledgements"),
        }

    @api.model
    def _cron_remind(self, days=7, batch_size=500):
        """Remind staff who have not acknowledged within ``days`` days; batched."""
        limit_date = fields.Date.context_today(self) - relativedelta(days=days)
        domain = [
            ("state", "=", "pending"),
            ("policy_id.state", "=", "approved"),
            ("requested_date", "<=", limit_date),
        ]
        late = self.search(domain, limit=batch_size)
        late.activity_unlink([ACK_ACTIVITY])
        late._schedule_activity()
        for count, acks in late.grouped("reminder_count").items():
            acks.write({"reminder_count": count + 1, "requested_date": fields.Date.today()})
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(late), remaining=remaining)
        return len(late)
