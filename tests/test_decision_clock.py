import logging
from datetime import date

from odoo.addons.beneficiary_relations.tools import deadline
from odoo.tests import freeze_time, tagged

from .common_request import SupportRequestCommon

_logger = logging.getLogger(__name__)

# 2025-06-12 is a Thursday.
THURSDAY = "2025-06-12 09:00:00"


@tagged("post_install", "-at_install")
class TestDecisionClock(SupportRequestCommon):
    """The decision clock (P10): deadline, pauses, warnings and the overdue flag."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service_10 = cls.create_service(name="Job Matching", decision_days=10)
        cls.service_1 = cls.create_service(name="Phone Counselling", decision_days=1)
        cls.beneficiary = cls.create_beneficiary()
        cls.beneficiary.action_register()  # P11: only a registered file's request is approved

    def submitted(self, when=THURSDAY, service=None, count=1, **values):
        """``count`` requests submitted at ``when``."""
        with freeze_time(when):
            requests = self.Request.create(
                [
                    {
                        "beneficiary_id": self.beneficiary.id,
                        "service_id": (service or self.service).id,
                        "officer_id": self.officer.id,
                        **values,
                    }
                    for _index in range(count)
                ]
            )
            requests.with_user(self.officer).action_submit()
            # As at the end of the transaction: stored flags computed on that day.
            self.env.flush_all()
        return requests

    def deadline_activities(self, requests, user=None):
        return self.activities(requests, self.activity_deadline, user=user)

    def cron(self, when, **kwargs):
        with freeze_time(when):
            return self.Request._cron_decision_deadlines(**kwargs)

    # ----------------------------------------------------------- arithmetic
    def test_calendar_days(self):
        request = self.submitted(service=self.service_10)
        self.assertEqual(request.decision_deadline, date(2025, 6, 22))
        default = self.submitted()
        self.assertEqual(self.service.decision_days, 14, "the default decision days")
        self.assertEqual(default.decision_deadline, date(2025, 6, 26))
        with freeze_time("2025-06-18 10:00:00"):
            request.invalidate_recordset(["days_left"])
            self.assertEqual(request.days_left, 4)
        self.assertTrue(request.decision_deadline_hijri)

    def test_working_days_sunday_to_thursday(self):
        self.company.beneficiary_working_days = True
        request = self.submitted(service=self.service_10)
        # Thursday + 10 working days: Sun 15 … Thu 19, Sun 22 … Thu 26.
        self.assertEqual(request.decision_deadline, date(2025, 6, 26))
        # Thursday + 1 working day: the next Sunday, not Friday.
        self.assertEqual(
            self.submitted(service=self.service_1).decision_deadline, date(2025, 6, 15)
        )

    def test_changing_the_company_rule_moves_the_deadlines(self):
        request = self.submitted(service=self.service_10)
        self.assertEqual(request.decision_deadline, date(2025, 6, 22))
        self.company.beneficiary_working_days = True
        self.assertEqual(request.decision_deadline, date(2025, 6, 26))

    def test_changing_the_service_days_moves_the_deadlines(self):
        request = self.submitted(service=self.service_10)
        self.service_10.decision_days = 20
        self.assertEqual(request.decision_deadline, date(2025, 7, 2))

    def test_deadline_functions(self):
        thursday, friday, saturday, sunday = (date(2025, 6, day) for day in (12, 13, 14, 15))
        self.assertEqual(deadline.add_days(thursday, 10), date(2025, 6, 22))
        self.assertEqual(deadline.add_days(thursday, 10, working_days=True), date(2025, 6, 26))
        self.assertEqual(deadline.add_days(thursday, 1, working_days=True), sunday)
        self.assertEqual(deadline.add_days(friday, 1, working_days=True), sunday)
        self.assertEqual(deadline.add_days(saturday, 5, working_days=True), date(2025, 6, 19))
        self.assertEqual(deadline.add_days(thursday, 0, working_days=True), thursday)
        self.assertFalse(deadline.add_days(False, 3))
        self.assertEqual(deadline.count_days(thursday, sunday), 3)
        self.assertEqual(deadline.count_days(thursday, sunday, working_days=True), 1)
        self.assertEqual(deadline.count_days(friday, saturday, working_days=True), 0)
        self.assertEqual(deadline.count_days(sunday, date(2025, 6, 22), working_days=True), 5)
        self.assertEqual(deadline.count_days(sunday, thursday), 0)
        self.assertEqual(deadline.count_days(thursday, None), 0)
        for days in range(1, 30):
            end = deadline.add_days(thursday, days, working_days=True)
            self.assertEqual(deadline.count_days(thursday, end, working_days=True), days)
            self.assertIn(end.weekday(), deadline.SAUDI_WORKING_WEEKDAYS)

    # ----------------------------------------------------------------- pause
    def test_pause_while_waiting_for_documents(self):
        request = self.submitted()
        self.assertEqual(request.decision_deadline, date(2025, 6, 26))
        with freeze_time("2025-06-15 09:00:00"):
            request.with_user(self.officer).action_request_documents()
            self.assertTrue(request.clock_paused)
            # Asked twice: still one pause.
            request.with_user(self.officer).action_request_documents()
        pause = request.pause_ids
        self.assertEqual(len(pause), 1)
        self.assertEqual(pause.start_date, date(2025, 6, 15))
        self.assertFalse(pause.end_date)
        self.assertEqual(pause.user_id, self.officer)
        self.assertTrue(pause.reason)
        self.assertEqual(request.decision_deadline, date(2025, 6, 26))
        with freeze_time("2025-06-20 09:00:00"):
            request.with_user(self.officer).action_resume_clock()
        self.assertFalse(request.clock_paused)
        self.assertEqual(pause.end_date, date(2025, 6, 20))
        self.assertEqual(pause.days, 5)
        self.assertEqual(request.paused_days, 5)
        self.assertEqual(request.decision_deadline, date(2025, 7, 1))

    def test_verification_resumes_the_clock_in_working_days(self):
        self.company.beneficiary_working_days = True
        request = self.submitted(service=self.service_10)
        self.assertEqual(request.decision_deadline, date(2025, 6, 26))
        with freeze_time("2025-06-15 09:00:00"):
            request.action_request_documents()
        with freeze_time("2025-06-22 09:00:00"):
            request.data_checked = True
            request.action_verify()
        self.assertEqual(request.state, "verification")
        self.assertFalse(request.clock_paused)
        # Sunday to Sunday: five working days added.
        self.assertEqual(request.pause_ids.days, 5)
        self.assertEqual(request.decision_deadline, date(2025, 7, 3))

    def test_pauses_add_up(self):
        request = self.submitted()
        for start, end in (("2025-06-13", "2025-06-16"), ("2025-06-18", "2025-06-20")):
            with freeze_time(start):
                request.action_request_documents()
            with freeze_time(end):
                request.action_resume_clock()
        self.assertEqual(len(request.pause_ids), 2)
        self.assertEqual(request.paused_days, 5)
        self.assertEqual(request.decision_deadline, date(2025, 7, 1))

    def test_not_overdue_while_paused(self):
        request = self.submitted()
        with freeze_time("2025-06-15 09:00:00"):
            request.action_request_documents()
        # Long past the deadline, but the clock stands still.
        self.cron("2025-07-15 09:00:00")
        self.assertFalse(request.is_overdue)
        self.assertFalse(self.deadline_activities(request))
        with freeze_time("2025-07-15 09:00:00"):
            request.action_resume_clock()
            self.assertEqual(request.decision_deadline, date(2025, 7, 26))
            self.assertFalse(request.is_overdue)
        self.cron("2025-07-16 09:00:00")
        self.assertFalse(request.is_overdue)

    # ------------------------------------------------------------------ cron
    def test_warning_ahead_of_the_deadline(self):
        request = self.submitted()  # due 2025-06-26
        self.cron("2025-06-22 09:00:00")
        self.assertFalse(self.deadline_activities(request), "four days left: too early")
        self.assertFalse(request.deadline_warned)

        self.cron("2025-06-23 09:00:00")
        activities = self.deadline_activities(request)
        self.assertEqual(activities.user_id, self.officer | self.manager)
        self.assertEqual(len(self.deadline_activities(request, self.officer)), 1)
        self.assertEqual(len(self.deadline_activities(request, self.manager)), 1)
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2025, 6, 26)})
        self.assertTrue(request.deadline_warned)
        self.assertFalse(request.is_overdue)

        # Not twice.
        self.cron("2025-06-24 09:00:00")
        self.assertEqual(len(self.deadline_activities(request)), 2)

    def test_warning_days_follow_the_company(self):
        self.company.beneficiary_deadline_warning_days = 5
        request = self.submitted()
        self.cron("2025-06-21 09:00:00")
        self.assertEqual(len(self.deadline_activities(request)), 2)

    def test_missed_deadline(self):
        request = self.submitted()  # due 2025-06-26
        self.cron("2025-06-26 09:00:00")
        self.assertFalse(request.is_overdue, "the deadline day itself is not overdue")
        self.assertEqual(len(self.deadline_activities(request)), 2, "warned")

        self.cron("2025-06-27 09:00:00")
        self.assertTrue(request.is_overdue)
        self.assertIn(request, self.Request.search([("is_overdue", "=", True)]))
        activities = self.deadline_activities(request)
        self.assertEqual(len(activities), 4, "warned, then told it was missed")
        missed = activities.filtered(lambda a: "missed" in a.summary)
        self.assertEqual(missed.user_id, self.officer | self.manager)
        self.assertEqual(set(missed.mapped("date_deadline")), {date(2025, 6, 26)})

        self.cron("2025-06-28 09:00:00")
        self.assertEqual(len(self.deadline_activities(request)), 4, "not twice")

    def test_missed_without_warning_first(self):
        request = self.submitted()
        self.cron("2025-07-10 09:00:00")
        self.assertTrue(request.is_overdue)
        activities = self.deadline_activities(request)
        self.assertEqual(len(activities), 2)
        self.assertTrue(all("missed" in summary for summary in activities.mapped("summary")))

    def test_missed_deadline_reported_after_a_late_change(self):
        request = self.submitted()  # due 2025-06-26
        with freeze_time("2025-06-28 07:00:00"):
            request.data_checked = True
            request.action_verify()
            self.env.flush_all()
        self.assertTrue(request.is_overdue, "the list shows it overdue at once")
        self.cron("2025-06-28 09:00:00")
        activities = self.deadline_activities(request)
        self.assertEqual(activities.user_id, self.officer | self.manager)
        self.assertTrue(all("missed" in summary for summary in activities.mapped("summary")))

    def test_a_new_deadline_is_watched_again(self):
        request = self.submitted()  # due 2025-06-26
        self.cron("2025-06-27 09:00:00")
        self.assertEqual(len(self.deadline_activities(request)), 2)
        # The association gives itself more time for this service.
        with freeze_time("2025-06-28 09:00:00"):
            self.service.decision_days = 20
            self.env.flush_all()
        self.assertEqual(request.decision_deadline, date(2025, 7, 2))
        self.assertFalse(request.is_overdue)
        self.cron("2025-07-03 09:00:00")
        self.assertTrue(request.is_overdue)
        missed = self.deadline_activities(request).filtered(lambda a: "missed" in a.summary)
        self.assertEqual(len(missed), 4, "the new deadline was missed too")

    def test_decided_requests_are_never_flagged(self):
        approved = self.submitted(service=self.service_direct)
        rejected = self.submitted(service=self.service_direct)
        with freeze_time("2025-06-13 09:00:00"):
            (approved | rejected).write({"data_checked": True})
            (approved | rejected).action_verify()
            approved.action_approve()
            self.confirm_wizard(rejected, "action_reject", reason="لا تنطبق الشروط")
        self.cron("2025-07-30 09:00:00")
        for request in approved | rejected:
            self.assertFalse(request.is_overdue)
            self.assertFalse(self.deadline_activities(request))

    def test_decision_clears_the_overdue_flag(self):
        request = self.submitted(service=self.service_direct)
        self.cron("2025-07-30 09:00:00")
        self.assertTrue(request.is_overdue)
        self.assertEqual(len(self.deadline_activities(request)), 2)
        with freeze_time("2025-07-30 10:00:00"):
            request.data_checked = True
            request.action_verify()
            request.action_approve()
        self.assertFalse(request.is_overdue)
        self.assertFalse(self.deadline_activities(request), "the deadline activities are gone")

    def test_cron_works_in_batches(self):
        requests = self.submitted(count=5)
        self.assertEqual(self.cron("2025-07-10 09:00:00", batch_size=2), 3)
        self.assertEqual(len(requests.filtered("is_overdue")), 2)
        self.assertEqual(self.cron("2025-07-10 09:00:00", batch_size=2), 1)
        self.assertEqual(self.cron("2025-07-10 09:00:00", batch_size=2), 0)
        self.assertTrue(all(requests.mapped("is_overdue")))
        for request in requests:
            self.assertEqual(len(self.deadline_activities(request)), 2)
        # Nothing left: a new run does nothing.
        self.assertEqual(self.cron("2025-07-10 09:00:00", batch_size=2), 0)
        self.assertEqual(len(self.deadline_activities(requests)), 10)

    def test_cron_batches_include_warnings(self):
        missed = self.submitted(count=2)  # due 2025-06-26
        warned = self.submitted(when="2025-06-20 09:00:00", count=2)  # due 2025-07-04
        self.assertEqual(self.cron("2025-07-02 09:00:00", batch_size=3), 1)
        self.assertEqual(self.cron("2025-07-02 09:00:00", batch_size=3), 0)
        self.assertTrue(all(missed.mapped("is_overdue")))
        self.assertTrue(all(warned.mapped("deadline_warned")))
        self.assertFalse(any(warned.mapped("is_overdue")))

    def count_cron_queries(self, count):
        self.submitted(count=count // 2)  # missed on 2025-07-10
        self.submitted(when="2025-06-27 09:00:00", count=count - count // 2)  # warned
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        with freeze_time("2025-07-10 09:00:00"):
            before = self.env.cr.sql_log_count
            remaining = self.Request._cron_decision_deadlines()
            self.env.flush_all()
            queries = self.env.cr.sql_log_count - before
        self.assertEqual(remaining, 0)
        return queries

    def test_cron_query_count(self):
        self.count_cron_queries(2)  # warm the caches
        count_10 = self.count_cron_queries(10)
        count_60 = self.count_cron_queries(60)
        _logger.info("Deadline job for 10 requests: %s queries; for 60: %s", count_10, count_60)
        self.assertLessEqual(
            abs(count_60 - count_10),
            3,
            "10 due requests: %s queries, 60 due requests: %s queries" % (count_10, count_60),
        )
        self.assertEqual(self.Request.search_count([("is_overdue", "=", True)]), 1 + 5 + 30)

    # ----------------------------------------------------------------- stats
    def test_decision_statistics(self):
        in_time = self.submitted(service=self.service_direct)  # due 2025-06-26
        late = self.submitted(service=self.service_direct)
        with freeze_time("2025-06-17 09:00:00"):
            (in_time | late).write({"data_checked": True})
            (in_time | late).action_verify()
            in_time.action_approve()
        with freeze_time("2025-06-30 09:00:00"):
            self.confirm_wizard(late, "action_reject", reason="لا تنطبق الشروط")
        self.assertEqual(in_time.decision_days_taken, 5)
        self.assertTrue(in_time.decided_in_time)
        self.assertEqual(in_time.in_time_rate, 100)
        self.assertEqual(in_time.approval_rate, 100)
        self.assertEqual(late.decision_days_taken, 18)
        self.assertFalse(late.decided_in_time)
        self.assertEqual(late.in_time_rate, 0)
        self.assertEqual(late.approval_rate, 0)
        # What the report shows for the service.
        [(days, in_time_rate, approval_rate)] = self.Request._read_group(
            [("id", "in", (in_time | late).ids)],
            [],
            ["decision_days_taken:avg", "in_time_rate:avg", "approval_rate:avg"],
        )
        self.assertEqual((days, in_time_rate, approval_rate), (11.5, 50, 50))

    def test_open_requests_have_no_statistics(self):
        request = self.submitted()
        self.assertFalse(request.decision_days_taken)
        self.assertFalse(request.decided_in_time)
