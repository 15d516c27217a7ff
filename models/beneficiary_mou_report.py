import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools.batch import Queue, run_batch
from .beneficiary_workflow_fields import workflow_action

_logger = logging.getLogger(__name__)

OVERDUE_ACTIVITY = "beneficiary_relations.mail_activity_type_mou_report_overdue"


class BeneficiaryMouReport(models.Model):
    """A periodic report of the impact achieved under an MOU (P25): its period and due
    date come from the MOU's schedule; the partner sends it through the portal or the
    staff attach it."""

    _name = "beneficiary.mou.report"
    _description = "Impact Report"
    _inherit = ["beneficiary.workflow.fields", "mail.thread", "mail.activity.mixin"]
    _unlink_draft_states = ()
    _order = "due_date, id"
    _check_company_auto = True

    mou_id = fields.Many2one(
        "beneficiary.mou", string="MOU", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="mou_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        related="mou_id.partner_id", store=True, index=True, string="Association"
    )
    region_id = fields.Many2one(related="mou_id.region_id", store=True)
    mou_state = fields.Selection(related="mou_id.state", store=True, string="MOU State")
    number = fields.Integer(string="No.", required=True, default=1)
    name = fields.Char(compute="_compute_name", store=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    due_date = fields.Date(required=True, index=True, tracking=True)
    state = fields.Selection(
        [("pending", "Pending"), ("submitted", "Submitted"), ("accepted", "Accepted")],
        default="pending",
        required=True,
        tracking=True,
        index=True,
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    summary = fields.Text(string="Impact Achieved")
    file = fields.Binary(string="Report File", attachment=True, copy=False)
    file_name = fields.Char()
    line_ids = fields.One2many("beneficiary.mou.report.line", "report_id", string="Indicators")
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    days_overdue = fields.Integer(compute="_compute_is_overdue")
    reminder_sent = fields.Boolean(readonly=True, copy=False, help="Sent before the due date.")
    due_notice_sent = fields.Boolean(
        string="Due-Date Notice Sent", readonly=True, copy=False, help="Sent on the due date."
    )

    _sql_constraints = [
        ("period", "CHECK(period_start <= period_end)", "A period must end after it starts."),
    ]

    @api.depends("number", "mou_id.name", "period_start", "period_end")
    def _compute_name(self):
        for report in self:
            report.name = self.env._(
                "%(mou)s - Report %(number)s (%(start)s → %(end)s)",
                mou=report.mou_id.name or "",
                number=report.number,
                start=report.period_start or "",
                end=report.period_end or "",
            )

    @api.depends("due_date", "state")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for report in self:
            late = report.state == "pending" and report.due_date and report.due_date < today
            report.is_overdue = bool(late)
            report.days_overdue = (today - report.due_date).days if late else 0

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue reports."))
        today = fields.Date.context_today(self)
        domain = [("state", "=", "pending"), ("due_date", "<", today)]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    # ------------------------------------------------------------------ actions
    def _submit(self, values=None, achieved=None, submitted_by=None):
        """Record the report as sent: ``values`` for the report, ``achieved`` maps report
        lines to their figures. Used by staff and by the portal (sudo, after checks)."""
        self.ensure_one()
        if self.state != "pending":
            raise UserError(self.env._("This report has already been sent."))
        if self.mou_id.state not in ("active", "expired"):
            raise UserError(self.env._("The MOU of this report is not in effect."))
        for line, value in (achieved or {}).items():
            if value < 0:
                raise UserError(self.env._("An achieved figure cannot be negative."))
            line.achieved_value = value
        values = dict(values or {})
        if not (values.get("file") or self.file or values.get("summary") or self.summary):
            raise UserError(self.env._("Attach the report or describe the impact achieved."))
        values.update(
            state="submitted",
            submitted_on=fields.Datetime.now(),
            # Who sends it is said by the server code that calls (the portal's user behind
            # sudo), never by a context key a client could set.
            submitted_by_id=(submitted_by or self.env.user).id,
        )
        self.write(values)
        self.activity_feedback([OVERDUE_ACTIVITY])
        self.mou_id.message_post(
            body=self.env._("Impact report %(name)s received.", name=self.name),
            subtype_xmlid="mail.mt_note",
        )

    @workflow_action
    def action_submit(self):
        for report in self:
            report._submit()

    @workflow_action
    def action_accept(self):
        if any(report.state != "submitted" for report in self):
            raise UserError(self.env._("Only a sent report can be accepted."))
        self.write({"state": "accepted"})

    @workflow_action
    def action_return(self):
        """Send the report back to the partner to complete it."""
        if any(report.state != "submitted" for report in self):
            raise UserError(self.env._("Only a sent report can be returned."))
        self.write({"state": "pending"})

    # ------------------------------------------------------------------ cron
    def _reminder_domains(self):
        today = fields.Date.context_today(self)
        base = [("state", "=", "pending"), ("mou_id.state", "=", "active")]
        # Each association (company) sets how many days ahead its partners are reminded.
        windows = expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    (
                        "due_date",
                        "<=",
                        today + relativedelta(days=company.partner_report_reminder_days),
                    ),
                ]
                # sudo: scheduled job (private method); reads each company's reminder days
                for company in self.env["res.company"].sudo().search([])
            ]
        )
        before = expression.AND(
            [base, [("reminder_sent", "=", False), ("due_date", ">", today)], windows]
        )
        due = base + [("due_notice_sent", "=", False), ("due_date", "<=", today)]
        return before, due

    @api.model
    def _cron_send_reminders(self, batch_size=200):
        """P25: remind the partner some days before a report is due, then on the due
        date (with an activity for the MOU's responsible). One batch per call."""
        before_domain, due_domain = self._reminder_domains()
        handled, remaining = run_batch(
            self.env,
            [
                Queue(self, before_domain, "due_date, id", lambda due: due._remind_before()),
                Queue(self, due_domain, "due_date, id", lambda due: due._notify_due()),
            ],
            batch_size,
        )
        _logger.info("Impact report reminders: %s sent, %s remaining", sum(handled), remaining)
        return remaining

    def _remind_before(self):
        self._send_reminder("beneficiary_relations.mail_template_mou_report_reminder")
        self.write({"reminder_sent": True})

    def _notify_due(self):
        self._send_reminder("beneficiary_relations.mail_template_mou_report_due")
        self.write({"due_notice_sent": True, "reminder_sent": True})
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        for report in self:
            report.activity_schedule(
                OVERDUE_ACTIVITY,
                date_deadline=report.due_date,
                user_id=(report.mou_id.user_id or fallback).id,
            )

    def _send_reminder(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for report in self:
            report.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
