import logging

from odoo import api, fields, models

from ..tools.activities import schedule_activities
from ..tools.batch import Queue, run_batch
from .beneficiary_data_subject_request import ACTIVITY_OVERDUE, ACTIVITY_WARNING, CLOCK_STATES

_logger = logging.getLogger(__name__)


class BeneficiaryDataSubjectRequest(models.Model):
    """The 30-day PDPL clock: the assignee (else the company's managers) is warned before
    the due date, and the request is flagged overdue once it passes, by a daily job in
    batches (as the breach register's 72-hour clock)."""

    _inherit = "beneficiary.data.subject.request"

    def _clock_domain(self):
        return [("state", "in", CLOCK_STATES)]

    @api.model
    def _cron_legal_clock(self, batch_size=200):
        today = fields.Date.context_today(self)
        overdue_domain = [
            *self._clock_domain(),
            ("is_overdue", "=", False),
            ("due_date", "<", today),
        ]
        queues = [Queue(self, overdue_domain, "due_date, id", lambda due: due._flag_overdue())]
        # sudo: scheduled job (private method); reads each company's warning days
        for company in self.env["res.company"].sudo().search([]):
            days = company.beneficiary_deadline_warning_days or 0
            domain = [
                *self._clock_domain(),
                ("company_id", "=", company.id),
                ("warning_sent", "=", False),
                ("due_date", ">=", today),
                ("due_date", "<=", fields.Date.add(today, days=days)),
            ]
            queues.append(Queue(self, domain, "due_date, id", lambda due: due._send_warning()))
        handled, remaining = run_batch(self.env, queues, batch_size)
        _logger.info(
            "Data-subject request clock: %s warnings, %s overdue, %s remaining",
            sum(handled[1:]),
            handled[0],
            remaining,
        )
        return remaining

    def _flag_overdue(self):
        self._schedule_clock_activities(ACTIVITY_OVERDUE)
        self.write({"is_overdue": True, "warning_sent": True})

    def _send_warning(self):
        self._schedule_clock_activities(ACTIVITY_WARNING)
        self.write({"warning_sent": True})

    def _schedule_clock_activities(self, activity_xmlid):
        managers = self.env["beneficiary.data.breach"]._company_managers(self.company_id)
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        schedule_activities(
            self,
            activity_xmlid,
            (
                (request, user, request.due_date, None)
                for request in self
                for user in request.user_id or managers.get(request.company_id.id) or fallback
            ),
        )
