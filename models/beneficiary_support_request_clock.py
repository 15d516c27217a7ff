import logging

from odoo import api, fields, models

from ..tools import deadline
from ..tools.activities import schedule_activities
from ..tools.nullable import NullableFloat, NullableInteger
from .beneficiary_support_request import CLOCK_STATES
from .beneficiary_workflow_fields import workflow_action

_logger = logging.getLogger(__name__)

DEADLINE_ACTIVITY = "beneficiary_relations.mail_activity_type_deadline"

# The approval rate, in one home: a decided request counts 100 when approved, 0 when
# rejected; a referral (not a judgement on the request) and an undecided request have
# none. Every approval rate shown (pivots, dashboard, fairness report, bench) is the
# average of the stored ``approval_rate``; ``APPROVAL_RATE_DOMAIN`` selects exactly the
# requests that have one (the list a rate opens).
APPROVAL_RATE = {"approved": 100.0, "rejected": 0.0}
APPROVAL_RATE_DOMAIN = [
    ("decision", "in", tuple(APPROVAL_RATE)),
    ("decision_date", "!=", False),
    ("submit_date", "!=", False),
]


class BeneficiarySupportRequest(models.Model):
    """The decision clock (P10): deadline, pauses, overdue flag and the warnings job."""

    _inherit = "beneficiary.support.request"

    submit_date = fields.Datetime(readonly=True, copy=False, tracking=True, index=True)
    decision_deadline = fields.Date(
        compute="_compute_decision_deadline", store=True, index=True, tracking=True
    )
    pause_ids = fields.One2many(
        "beneficiary.support.request.pause", "request_id", string="Clock Pauses"
    )
    clock_paused = fields.Boolean(compute="_compute_decision_deadline", store=True, index=True)
    paused_days = fields.Integer(compute="_compute_decision_deadline", store=True)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", store=True, index=True
    )
    days_left = fields.Integer(compute="_compute_days_left")
    deadline_warned = fields.Boolean(readonly=True, copy=False)
    # Not ``is_overdue``: a change after the deadline recomputes that flag before the job
    # runs, and the missed deadline would never be reported.
    deadline_missed_warned = fields.Boolean(
        compute="_compute_deadline_missed_warned", store=True, readonly=False, copy=False
    )
    # Reporting (time to decision, share decided within the deadline, approval rate):
    # NULL, not 0, until the request is decided, so that averages count decided requests
    # only whatever the filter (the approval rate: approved or rejected ones only; a
    # referral is not a judgement on the request).
    decision_days_taken = NullableInteger(
        string="Days to Decision", compute="_compute_decision_stats", store=True, aggregator="avg"
    )
    decided_in_time = fields.Boolean(
        string="Decided Within Deadline", compute="_compute_decision_stats", store=True
    )
    in_time_rate = NullableFloat(
        string="Decided in Time (%)",
        compute="_compute_decision_stats",
        store=True,
        aggregator="avg",
    )
    approval_rate = NullableFloat(
        string="Approval Rate (%)", compute="_compute_decision_stats", store=True, aggregator="avg"
    )

    @api.depends(
        "submit_date",
        "service_id.decision_days",
        "company_id.beneficiary_working_days",
        "company_id.resource_calendar_id",
        "pause_ids.days",
        "pause_ids.end_date",
    )
    def _compute_decision_deadline(self):
        calendars = {}
        for request in self:
            pauses = request.pause_ids
            request.clock_paused = any(not p.end_date for p in pauses)
            request.paused_days = sum(pauses.mapped("days"))
            if not request.submit_date:
                request.decision_deadline = False
                continue
            calendar = deadline.for_company(request.company_id, calendars)
            request.decision_deadline = calendar.add_days(
                request.submit_date.date(), request.service_id.decision_days + request.paused_days
            )

    @api.depends("state", "decision_deadline", "clock_paused")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = bool(
                request.state in CLOCK_STATES
                and not request.clock_paused
                and request.decision_deadline
                and request.decision_deadline < today
            )

    @api.depends("decision_deadline")
    def _compute_deadline_missed_warned(self):
        """A new deadline (after a pause) may be missed again, and is reported again."""
        self.deadline_missed_warned = False

    @api.depends("decision_deadline", "state", "clock_paused")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for request in self:
            running = request.state in CLOCK_STATES and request.decision_deadline
            request.days_left = (request.decision_deadline - today).days if running else 0

    @api.depends("decision_date", "decision", "decision_deadline", "submit_date")
    def _compute_decision_stats(self):
        for request in self:
            if not (request.decision_date and request.submit_date):
                request.decision_days_taken = None
                request.decided_in_time = False
                request.in_time_rate = None
                request.approval_rate = None
                continue
            decided_on = request.decision_date.date()
            request.decision_days_taken = (decided_on - request.submit_date.date()).days
            in_time = not request.decision_deadline or decided_on <= request.decision_deadline
            request.decided_in_time = in_time
            request.in_time_rate = 100.0 if in_time else 0.0
            request.approval_rate = APPROVAL_RATE.get(request.decision)

    # ----------------------------------------------------------------- actions
    @workflow_action
    def action_request_documents(self):
        """Ask the beneficiary for the missing documents and pause the clock (P10)."""
        self._check_state(("submitted", "verification"), self.env._("paused"))
        to_pause = self.filtered(lambda r: not r.clock_paused)
        self.env["beneficiary.support.request.pause"].create(
            [
                {
                    "request_id": request.id,
                    "reason": self.env._("Waiting for the beneficiary's documents"),
                }
                for request in to_pause
            ]
        )
        self._notify_beneficiary("missing_documents")

    @workflow_action
    def action_resume_clock(self):
        self._resume_clock()

    def _resume_clock(self):
        open_pauses = self.pause_ids.filtered(lambda p: not p.end_date)
        open_pauses.write({"end_date": fields.Date.context_today(self)})

    def _close_clock(self):
        self._resume_clock()

    # ------------------------------------------------------------------- cron
    @api.model
    def _cron_decision_deadlines(self, batch_size=1000):
        """Warn ahead of the deadline and on the day it is missed (P10).

        One batch per call with progress reported; Odoo's cron runner commits and calls
        again while records remain. Returns the number of requests left.
        """
        today = fields.Date.context_today(self)
        base = [("state", "in", CLOCK_STATES), ("clock_paused", "=", False)]
        missed_domain = base + [
            ("decision_deadline", "<", today),
            ("deadline_missed_warned", "=", False),
        ]
        missed = self.search(missed_domain, limit=batch_size, order="decision_deadline, id")
        if missed:
            missed.write({"is_overdue": True, "deadline_missed_warned": True})
            missed._schedule_deadline_activities(missed=True)
        left = batch_size - len(missed)
        warned = self.browse()
        warn_domain = []
        if left:
            warn_domain = base + [
                ("deadline_warned", "=", False),
                ("decision_deadline", ">=", today),
                ("decision_deadline", "<=", fields.Date.add(today, days=self._max_warning_days())),
            ]
            candidates = self.search(warn_domain, limit=left, order="decision_deadline, id")
            warned = candidates.filtered(
                lambda r: (
                    (r.decision_deadline - today).days
                    <= r.company_id.beneficiary_deadline_warning_days
                )
            )
            warned._schedule_deadline_activities(missed=False)
            warned.write({"deadline_warned": True})
        remaining = self.search_count(missed_domain)
        if warn_domain and len(warned) == left:
            remaining += self.search_count(warn_domain)
        done = len(missed) + len(warned)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        _logger.info(
            "Decision deadlines: %s missed, %s warned, %s left", len(missed), len(warned), remaining
        )
        return remaining

    @api.model
    def _max_warning_days(self):
        # sudo: scheduled job (private method); reads every company's warning days
        days = self.env["res.company"].sudo().search([]).mapped("beneficiary_deadline_warning_days")
        return max(days or [3])

    def _schedule_deadline_activities(self, missed):
        """One activity for the assignee and one for the association's manager."""
        today = fields.Date.context_today(self)
        _ = self.env._
        rows = []
        for request in self:
            summary = (
                _("Decision deadline missed (%(date)s)", date=request.decision_deadline)
                if missed
                else _("Decision due by %(date)s", date=request.decision_deadline)
            )
            deadline = (
                min(request.decision_deadline, today) if missed else request.decision_deadline
            )
            for user in request.officer_id | request.company_id.beneficiary_manager_id:
                rows.append((request, user, deadline, summary))
        # The decision removes them through activity_unlink().
        schedule_activities(self, DEADLINE_ACTIVITY, rows)
