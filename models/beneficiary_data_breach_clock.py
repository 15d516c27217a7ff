import logging
from datetime import timedelta

from odoo import api, fields, models

from ..tools.activities import schedule_activities
from ..tools.batch import Queue, run_batch
from .beneficiary_data_breach import (
    ACTIVITY_OVERDUE,
    ACTIVITY_REMINDER,
    CLOCK_STATES,
    GROUP_MANAGER,
    REMINDER_HOURS,
    SDAIA_HOURS,
)

_logger = logging.getLogger(__name__)


class BeneficiaryDataBreach(models.Model):
    """The 72-hour SDAIA clock: the company's managers follow each breach, are warned 24
    hours before the deadline and when it is missed, by an hourly job in batches."""

    _inherit = "beneficiary.data.breach"

    def _subscribe_managers(self):
        """The company's managers follow its breaches from the first minute."""
        managers = self._company_managers(self.company_id)
        for breach in self:
            users = managers.get(breach.company_id.id)
            if users:
                breach.message_subscribe(partner_ids=users.partner_id.ids)

    @api.model
    def _company_managers(self, companies):
        """{company id: active internal managers of that company}, in one query."""
        if not companies:
            return {}
        users = (
            self.env["res.users"]
            # sudo: scheduled job (private method); only the managers of the breaches' companies
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(GROUP_MANAGER).id),
                    ("share", "=", False),
                    ("company_ids", "in", companies.ids),
                ]
            )
        )
        return {
            company.id: users.filtered(lambda u, c=company: c in u.company_ids)
            for company in companies
        }

    # ---------------------------------------------------------------- the clock
    def _clock_domain(self):
        return [
            ("state", "in", CLOCK_STATES),
            ("sdaia_notified_on", "=", False),
            ("not_notifiable", "=", False),
        ]

    @api.model
    def _cron_sdaia_clock(self, batch_size=200):
        """Hourly: 24 hours before the SDAIA deadline, an activity for each manager of the
        company; once it is missed, the breach is flagged overdue with an overdue activity.
        Each once per breach; one batch per call, progress reported to the cron runner."""
        now = fields.Datetime.now()
        overdue_domain = [
            *self._clock_domain(),
            ("is_sdaia_overdue", "=", False),
            ("sdaia_deadline", "<=", now),
        ]
        reminder_domain = [
            *self._clock_domain(),
            ("sdaia_reminder_sent", "=", False),
            ("sdaia_deadline", "<=", now + timedelta(hours=SDAIA_HOURS - REMINDER_HOURS)),
            ("sdaia_deadline", ">", now),
        ]
        order = "sdaia_deadline, id"
        handled, remaining = run_batch(
            self.env,
            [
                Queue(self, overdue_domain, order, lambda due: due._flag_sdaia_overdue()),
                Queue(self, reminder_domain, order, lambda due: due._send_sdaia_reminder()),
            ],
            batch_size,
        )
        _logger.info(
            "Data breach clock: %s reminders, %s overdue, %s remaining",
            handled[1],
            handled[0],
            remaining,
        )
        return remaining

    def _flag_sdaia_overdue(self):
        self._schedule_clock_activities(ACTIVITY_OVERDUE)
        self.write({"is_sdaia_overdue": True, "sdaia_reminder_sent": True})

    def _send_sdaia_reminder(self):
        self._schedule_clock_activities(ACTIVITY_REMINDER)
        self.write({"sdaia_reminder_sent": True})

    def _schedule_clock_activities(self, activity_xmlid):
        managers = self._company_managers(self.company_id)
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        schedule_activities(
            self,
            activity_xmlid,
            (
                (breach, user, fields.Date.context_today(self, breach.sdaia_deadline), None)
                for breach in self
                for user in managers.get(breach.company_id.id) or fallback
            ),
        )
