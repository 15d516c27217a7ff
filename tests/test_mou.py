from datetime import date

from odoo.exceptions import UserError
from odoo.tests import HttpCase, freeze_time, tagged

from .common_partner import PartnerCommon

MOU_REPORT = "beneficiary_relations.action_report_mou"


@tagged("post_install", "-at_install")
class TestMou(PartnerCommon):
    """MOUs (P24), their impact reports (P25) and the evaluation of the partnership."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.study(cls.new_request(cls.assoc_a), [4])
        cls.request.action_approve()

    def test_sign_needs_both_sides_and_signed_copy(self):
        mou = self.env["beneficiary.mou"].create(
            self.mou_values(self.request, responsibility_ids=[], signed_file=False)
        )
        self.assertRegex(mou.name, r"^MOU/\d{4}/\d{4}$")
        with self.assertRaisesText(UserError, "responsibilities") as caught:
            mou.action_sign()
        self.assertIn("signed copy", str(caught.exception))
        with self.assertRaises(UserError):
            mou.action_activate()

    def test_quarterly_schedule_and_request_in_progress(self):
        mou = self.active_mou(self.request)
        self.assertEqual(mou.state, "active")
        self.assertEqual(self.request.state, "in_progress")
        reports = mou.report_ids.sorted("number")
        self.assertEqual(
            [(r.period_start, r.period_end, r.due_date) for r in reports],
            [
                (date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 10)),
                (date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 10)),
                (date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 10)),
                (date(2026, 10, 1), date(2026, 12, 31), date(2027, 1, 10)),
            ],
        )
        self.assertEqual(len(reports[0].line_ids), 2, "one line per target")
        with self.assertRaises(UserError):
            mou.unlink()

    def test_monthly_schedule_cut_at_the_end(self):
        mou = self.active_mou(
            partner=self.assoc_b,
            date_start=date(2026, 1, 15),
            date_end=date(2026, 3, 31),
            report_frequency="monthly",
            report_grace_days=5,
        )
        self.assertEqual(
            [(r.period_start, r.period_end, r.due_date) for r in mou.report_ids.sorted("number")],
            [
                (date(2026, 1, 15), date(2026, 2, 14), date(2026, 2, 19)),
                (date(2026, 2, 15), date(2026, 3, 14), date(2026, 3, 19)),
                (date(2026, 3, 15), date(2026, 3, 31), date(2026, 4, 5)),
            ],
        )

    def test_achieved_against_targets(self):
        mou = self.active_mou(self.request)
        trained, employed = mou.target_ids.sorted("id")
        first, second = mou.report_ids.sorted("number")[:2]
        lines = {line.target_id: line for line in first.line_ids}
        first._submit({"summary": "أتم 30 متدرباً"}, {lines[trained]: 30, lines[employed]: 4})
        self.assertEqual(first.state, "submitted")
        self.assertEqual((trained.achieved_value, trained.achievement_rate), (30.0, 25.0))
        self.assertEqual(employed.achieved_value, 4.0)
        # A pending report counts for nothing; a returned one no longer counts.
        second.line_ids.filtered(lambda line: line.target_id == trained).achieved_value = 50
        self.assertEqual(trained.achieved_value, 30.0)
        first.action_return()
        self.assertEqual(trained.achieved_value, 0.0)
        with self.assertRaisesText(UserError, "Attach"):
            second._submit({}, {})

    def test_reminder_cron(self):
        mou = self.active_mou(self.request)
        first = mou.report_ids.sorted("number")[0]  # due 2026-04-10
        Report = self.env["beneficiary.mou.report"]
        with freeze_time("2026-04-02"):
            Report._cron_send_reminders()
        self.assertFalse(first.reminder_sent, "8 days before: too early")
        with freeze_time("2026-04-03"):
            Report._cron_send_reminders()
            self.assertTrue(first.reminder_sent)
            self.assertFalse(first.due_notice_sent)
            sent = first.message_ids.filtered(lambda m: m.message_type == "comment")
            self.assertEqual(len(sent), 1)
            self.assertIn(self.contact_a, sent.partner_ids)
            Report._cron_send_reminders()
            self.assertEqual(
                len(first.message_ids.filtered(lambda m: m.message_type == "comment")),
                1,
                "sent once",
            )
        with freeze_time("2026-04-10"):
            Report._cron_send_reminders()
            self.assertTrue(first.due_notice_sent)
            self.assertEqual(
                first.activity_ids.activity_type_id,
                self.env.ref("beneficiary_relations.mail_activity_type_mou_report_overdue"),
            )
        with freeze_time("2026-04-11"):
            self.assertTrue(first.is_overdue)
            self.assertIn(first, Report.search([("is_overdue", "=", True)]))
            self.assertEqual(mou.overdue_report_count, 1)
            lines = dict.fromkeys(first.line_ids, 10)
            first._submit({"summary": "متأخر"}, lines)
            self.assertFalse(first.activity_ids, "the follow-up is done")
            self.assertNotIn(first, Report.search([("is_overdue", "=", True)]))

    def test_reminder_days_set_by_the_company(self):
        mou = self.active_mou(self.request)
        first = mou.report_ids.sorted("number")[0]  # due 2026-04-10
        self.company.partner_report_reminder_days = 12
        with freeze_time("2026-03-29"):
            self.env["beneficiary.mou.report"]._cron_send_reminders()
        self.assertTrue(first.reminder_sent)
        self.assertFalse(mou.report_ids.sorted("number")[1].reminder_sent)

    def test_reminder_cron_in_batches(self):
        self.active_mou(self.request)
        self.active_mou(partner=self.assoc_b)
        Report = self.env["beneficiary.mou.report"]
        with freeze_time("2026-04-05"):
            # Two reports due on 2026-04-10: one per batch.
            self.assertEqual(Report._cron_send_reminders(batch_size=1), 1)
            self.assertEqual(Report._cron_send_reminders(batch_size=1), 0)
            self.assertEqual(Report.search_count([("reminder_sent", "=", True)]) >= 2, True)

    def test_expiry_evaluation_and_served_before(self):
        mou = self.active_mou(self.request)
        with freeze_time("2027-01-01"):
            self.env["beneficiary.mou"]._cron_expire()
        self.assertEqual(mou.state, "expired")
        self.assertEqual(
            mou.activity_ids.activity_type_id,
            self.env.ref("beneficiary_relations.mail_activity_type_partnership_evaluation"),
        )
        mou.action_start_evaluation()
        self.assertEqual(mou.evaluation_line_ids.criterion_id, self.evaluation_criteria)
        with self.assertRaises(UserError):
            mou.action_close()
        mou.evaluation_line_ids.score = "4"
        with self.assertRaisesText(UserError, "outcome"):
            mou.action_close()
        mou.evaluation_outcome = "renew"
        mou.action_close()
        self.assertEqual((mou.state, mou.evaluation_score), ("closed", 80.0))
        self.assertFalse(mou.activity_ids)
        self.assertEqual(self.request.state, "evaluated")
        self.request.action_close()
        self.assertEqual(self.request.state, "closed")
        # The next request of the same association counts as served before.
        self.assertTrue(self.new_request(self.assoc_a).served_before)


@tagged("post_install", "-at_install")
class TestMouPdf(HttpCase, PartnerCommon):
    """The MOU as a PDF in Arabic, right to left (P24)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.company.partner_id.lang = "ar_001"
        cls.report = cls.env.ref(MOU_REPORT)
        cls.mou = cls.active_mou(partner=cls.assoc_a)

    def test_mou_pdf(self):
        pdf, report_type = self.report.with_context(force_report_rendering=True)._render_qweb_pdf(
            self.report.report_name, res_ids=self.mou.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_mou_html_in_arabic(self):
        report = self.report.with_context(lang="ar_001")
        html = report._render_qweb_html(report.report_name, self.mou.ids)[0].decode()
        self.assertIn('dir="rtl"', html)
        for text in (
            self.mou.name,
            self.assoc_a.name,
            self.company.name,
            "توفير المدربين والحقائب",
            "ترشيح المتدربين وتوفير القاعة",
            "المستفيدون المدربون",
            "1001",
        ):
            self.assertIn(text, html)
