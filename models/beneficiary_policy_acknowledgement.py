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
    # P36 (Tuwaiq 7-1): the reading of the anti-money-laundering regulations, confirmed
    # with the acknowledgement when the association asks for it; set by the action only.
    aml_required = fields.Boolean(
        related="company_id.beneficiary_policy_aml_reading",
        string="AML Regulations Reading Required",
    )
    aml_read_date = fields.Datetime(string="AML Regulations Read On", readonly=True, copy=False)
    is_pending = fields.Boolean(
        string="To Acknowledge",
        compute="_compute_is_pending",
        store=True,
        index=True,
        help="Not yet acknowledged, or acknowledged without the reading of the "
        "anti-money-laundering regulations that the association requires for the version "
        "in force.",
    )

    _sql_constraints = [
        ("policy_user_unique", "UNIQUE(policy_id, user_id)", "One acknowledgement per version."),
    ]

    @api.depends(
        "state", "aml_read_date", "policy_id.state", "company_id.beneficiary_policy_aml_reading"
    )
    def _compute_is_pending(self):
        for ack in self:
            ack.is_pending = ack.state == "pending" or bool(
                ack.company_id.beneficiary_policy_aml_reading
                and not ack.aml_read_date
                and ack.policy_id.state == "approved"
            )

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
    def action_acknowledge(self, aml_read=False):
        """One click: the employee confirms they read the policy and will comply and,
        with ``aml_read``, that they read the anti-money-laundering regulations, which
        the association may require (P36). Nothing changes when a check fails."""
        _ = self.env._
        for ack in self:
            if ack.user_id != self.env.user:
                raise AccessError(_("Each employee acknowledges the policy themselves."))
            if ack.policy_id.state != "approved":
                raise UserError(_("Only the policy in force is acknowledged."))
            if ack.aml_required and not (aml_read or ack.aml_read_date):
                raise UserError(
                    _(
                        "Your association also asks you to confirm that you have read the "
                        "anti-money-laundering regulations: read them, then confirm both "
                        "readings to acknowledge the policy."
                    )
                )
        now = fields.Datetime.now()
        for ack in self:
            values = {}
            if ack.state != "acknowledged":
                values.update(state="acknowledged", date=now)
            if aml_read and not ack.aml_read_date:
                values["aml_read_date"] = now
            if values:
                # sudo: checked above: the user's own acknowledgement of the policy in force
                ack.sudo().write(values)
        # sudo: checked above: the user's own acknowledgements' activity
        self.sudo().activity_feedback([ACK_ACTIVITY])
        return True

    def action_acknowledge_aml(self):
        """The button of associations that require the AML reading: both confirmations."""
        return self.action_acknowledge(aml_read=True)

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
                ("is_pending", "=", True),
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
            ("is_pending", "=", True),
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
