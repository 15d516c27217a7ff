"""Appeals (تظلم, P29): filed on the portal or at the counter within the association's
period, examined by someone who did not decide, decided upheld or overturned with a
letter and a message; reported; each side limited to what it may see and do."""

from datetime import date, datetime, timedelta

from odoo import fields
from odoo.addons.beneficiary_relations.tools import deadline
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import GROUP_MANAGER, GROUP_OFFICER
from .common_portal import DECISION_DATE, PDF_BYTES, PortalCommon
from .common_rpc import JsonRpcMixin

APPEAL_LETTER = "beneficiary_relations.action_report_appeal_letter"
REASONS = "تقدمت بشهادة المؤهل العلمي التي لم تكن مرفقة، ودخل الأسرة انخفض بعد فقدان العمل."


@tagged("post_install", "-at_install")
class TestAppeal(JsonRpcMixin, PortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Appeal = cls.env["beneficiary.appeal"]
        cls.env["ir.config_parameter"].sudo().set_param("report.url", cls.base_url())
        cls.company.write({"beneficiary_appeal_days": 30, "company_registry": "1010123456"})
        cls.manager2 = mail_new_test_user(
            cls.env,
            login="br_manager2",
            groups=GROUP_MANAGER,
            name="المديرة الثانية",
            email="br_manager2@example.com",
        )
        cls.officer2 = mail_new_test_user(
            cls.env, login="br_officer2", groups=GROUP_OFFICER, name="موظف آخر"
        )
        recent = fields.Datetime.now() - timedelta(days=5)
        # A's request refused five days ago (within the period), B's too; A's older one
        # (cls.rejected_a, 2024-12-29) is past the period.
        cls.recent_a = cls.decide(
            cls.create_request(cls.file_a, cls.service),
            "rejected",
            decision_date=recent,
            rejection_reason="الدخل الشهري يتجاوز الحد الأعلى للخدمة.",
        )
        cls.recent_b = cls.decide(
            cls.create_request(cls.file_b, cls.service),
            "rejected",
            decision_date=recent,
            rejection_reason="لم تُقدَّم شهادة المؤهل العلمي.",
        )

    # ------------------------------------------------------------------ helpers
    def file_at_counter(self, request, user=None, **values):
        """The officer's counter: the button on the request, then the appeal's form."""
        officer_request = request.with_user(user or self.officer)
        action = officer_request.action_file_appeal()
        return (
            officer_request.env["beneficiary.appeal"]
            .with_context(**action["context"])
            .create({"reasons": REASONS, **values})
        )

    def decide_appeal(self, appeal, outcome, reason="لم يتغير الدخل.", user=None):
        examiner = appeal.with_user(user or appeal.examiner_id)
        action = examiner.action_uphold() if outcome == "upheld" else examiner.action_overturn()
        wizard = (
            examiner.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        wizard.action_confirm()
        self.env.invalidate_all()
        return appeal

    def post_appeal(self, request, reasons=REASONS, files=None):
        return self.url_open(
            "/my/requests/%s/appeal" % request.id,
            data={"reasons": reasons, "csrf_token": self.csrf()},
            files=files or {},
            allow_redirects=False,
        )

    # ------------------------------------------------------------ period and deadline
    def test_appeal_period_counts_from_the_decision_letter(self):
        request = self.rejected_a  # decided 2024-12-29 (a Sunday)
        self.assertEqual(request.appeal_deadline, date(2025, 1, 28))
        self.company.write({"beneficiary_appeal_days": 10, "beneficiary_working_days": True})
        request.invalidate_recordset(["appeal_deadline"])
        # Ten working days, Sunday to Thursday, after the letter.
        self.assertEqual(request.appeal_deadline, date(2025, 1, 12))
        self.assertFalse(self.done_a.appeal_deadline, "only a refusal is appealed")
        with self.assertRaisesText(ValidationError, "at least one day"):
            self.company.write({"beneficiary_appeal_days": 0})

    def test_appeal_has_its_own_deadline_on_the_decision_clock(self):
        self.company.beneficiary_working_days = True
        with freeze_time("2025-01-09 08:00:00"):  # Thursday
            self.decide(self.rejected_a, "rejected", decision_date=datetime(2025, 1, 5, 9))
            appeal = self.file_at_counter(self.rejected_a)
        self.assertEqual(self.service.decision_days, 14)
        expected = deadline.add_days(date(2025, 1, 9), 14, working_days=True)
        self.assertEqual(appeal.decision_deadline, expected)
        self.assertEqual(appeal.decision_deadline, date(2025, 1, 29))
        self.assertTrue(appeal.decision_deadline_hijri)

    # ------------------------------------------------------------------ portal
    def test_portal_files_an_appeal_within_the_period(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open(self.recent_a.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_br_appeal_button", page.text)
        self.assertIn("/my/requests/%s/appeal" % self.recent_a.id, page.text)
        form = self.url_open("/my/requests/%s/appeal" % self.recent_a.id)
        self.assertEqual(form.status_code, 200)
        self.assertIn('name="reasons"', form.text)
        response = self.post_appeal(
            self.recent_a, files={"documents": ("qualification.pdf", PDF_BYTES)}
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        appeal = self.Appeal.search([("request_id", "=", self.recent_a.id)])
        self.assertEqual(len(appeal), 1)
        self.assertIn("/my/appeals/%s" % appeal.id, response.headers["Location"])
        self.assertRegex(appeal.ref, r"^APL/\d{4}/\d{6}$")
        self.assertEqual(appeal.channel, "portal")
        self.assertEqual(appeal.state, "submitted")
        self.assertEqual(appeal.reasons, REASONS)
        self.assertEqual(appeal.filed_by_id, self.user_a)
        self.assertEqual(appeal.attachment_ids.name, "qualification.pdf")
        self.assertEqual(
            (appeal.attachment_ids.res_model, appeal.attachment_ids.res_id),
            ("beneficiary.appeal", appeal.id),
        )
        # Nobody decided before (the decision came from the data): the manager examines.
        self.assertEqual(appeal.examiner_id, self.manager)
        self.assertEqual(appeal.first_rejection_reason, "الدخل الشهري يتجاوز الحد الأعلى للخدمة.")
        page = self.url_open(appeal.access_url + "?filed=1")
        self.assertEqual(page.status_code, 200)
        self.assertIn(appeal.ref, page.text)
        self.assertIn("Submitted", page.text)
        self.assertIn("qualification.pdf", page.text)
        document = self.url_open(
            "/my/appeals/%s/documents/%s" % (appeal.id, appeal.attachment_ids.id)
        )
        self.assertEqual(document.content, PDF_BYTES)
        # One appeal per decision: the button is gone, a second one is refused.
        self.assertNotIn("o_br_appeal_button", self.url_open(self.recent_a.access_url).text)
        again = self.post_appeal(self.recent_a)
        self.assertEqual(again.status_code, 403)
        self.assertIn("already appealed", again.text)
        self.assertEqual(self.Appeal.search_count([("request_id", "=", self.recent_a.id)]), 1)

    def test_portal_appeal_after_the_period_is_refused_with_the_deadline(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open(self.rejected_a.access_url)
        self.assertNotIn("o_br_appeal_button", page.text)
        self.assertIn("The period to appeal this decision ended on", page.text)
        response = self.post_appeal(self.rejected_a)
        self.assertEqual(response.status_code, 403)
        # Gregorian and Hijri: 2025/01/28 = 1446/07/28 AH; what was typed is kept.
        self.assertIn("ended on 1446/07/28 AH (2025/01/28)", response.text)
        self.assertIn("within 30 days of the decision letter", response.text)
        self.assertIn(REASONS, response.text)
        self.assertFalse(self.Appeal.search([("request_id", "=", self.rejected_a.id)]))

    def test_portal_appeal_in_arabic_and_bad_input(self):
        self.authenticate(self.user_b.login, self.user_b.login)
        response = self.post_appeal(self.rejected_a)
        self.assertEqual(response.status_code, 403, "not B's request")
        empty = self.post_appeal(self.recent_b, reasons="  ")
        self.assertEqual(empty.status_code, 400)
        self.assertIn("اكتب سبب اعتراضك على القرار", empty.text)
        wrong = self.post_appeal(self.recent_b, files={"documents": ("x.exe", b"MZ\x90\x00binary")})
        self.assertEqual(wrong.status_code, 400)
        self.assertIn(REASONS, wrong.text)
        self.assertFalse(self.Appeal.search([("request_id", "=", self.recent_b.id)]))

    def test_portal_user_sees_only_own_appeals(self):
        appeal_a = self.file_at_counter(self.recent_a)
        appeal_b = self.file_at_counter(self.recent_b)
        self.authenticate(self.user_b.login, self.user_b.login)
        for url in (
            appeal_a.access_url,
            appeal_a.access_url + "?report_type=pdf",
            appeal_a.access_url + "?access_token=wrong",
            "/my/requests/%s/appeal" % self.recent_a.id,
        ):
            self.assertEqual(self.url_open(url).status_code, 403, url)
        withdraw = self.url_open(
            "/my/appeals/%s/withdraw" % appeal_a.id, data={"csrf_token": self.csrf()}
        )
        self.assertEqual(withdraw.status_code, 403)
        self.assertEqual(appeal_a.state, "submitted")
        Appeal = self.Appeal.with_user(self.user_b)
        self.assertEqual(Appeal.search([]), appeal_b)
        with self.assertRaises(AccessError):
            appeal_a.with_user(self.user_b).read(["reasons"])
        answer = self.rpc(
            self.user_b.login, "beneficiary.appeal", "search_read", [[]], {"fields": ["ref"]}
        )
        self.assertEqual([r["ref"] for r in answer["result"]], [appeal_b.ref])
        self.refused(self.user_b.login, "beneficiary.appeal", "read", [appeal_a.ids, ["reasons"]])
        self.refused(
            self.user_b.login,
            "beneficiary.appeal",
            "create",
            [{"request_id": self.recent_b.id, "reasons": "x"}],
        )
        # The owner withdraws their own.
        self.authenticate(self.user_b.login, self.user_b.login)
        response = self.url_open(
            "/my/appeals/%s/withdraw" % appeal_b.id, data={"csrf_token": self.csrf()}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(appeal_b.state, "withdrawn")

    # ----------------------------------------------------------------- counter
    def test_counter_files_within_the_period_only(self):
        appeal = self.file_at_counter(self.recent_a)
        self.assertEqual(appeal.channel, "counter")
        self.assertEqual(appeal.filed_by_id, self.officer)
        self.assertEqual(self.recent_a.appeal_count, 1)
        self.assertIn(appeal.ref, self.recent_a.message_ids.mapped("body")[0])
        # Staff read the deadline in their language (Arabic), Hijri beside Gregorian.
        with self.assertRaisesText(UserError, "ended on 1446/07/28هـ الموافق 2025/01/28م"):
            self.rejected_a.with_user(self.officer).action_file_appeal()
        with self.assertRaisesText(UserError, "ended on"):
            self.Appeal.with_user(self.officer).create(
                {"request_id": self.rejected_a.id, "reasons": REASONS}
            )
        with self.assertRaisesText(UserError, "Only a rejected request"):
            self.Appeal.with_user(self.officer).create(
                {"request_id": self.done_a.id, "reasons": REASONS}
            )

    def test_documents_of_another_record_are_refused(self):
        foreign = self.env["ir.attachment"].create(
            {"name": "other.pdf", "raw": PDF_BYTES, "res_model": "res.partner", "res_id": 1}
        )
        with self.assertRaisesText(UserError, "Only documents uploaded to this appeal"):
            self.file_at_counter(self.recent_a, attachment_ids=[(6, 0, foreign.ids)])
        own = (
            self.env["ir.attachment"]
            .with_user(self.officer)
            .create({"name": "new.pdf", "raw": PDF_BYTES, "res_model": "beneficiary.appeal"})
        )
        appeal = self.file_at_counter(self.recent_a, attachment_ids=[(6, 0, own.ids)])
        self.assertEqual(own.res_id, appeal.id)

    # ------------------------------------------------------------ independence
    def test_examiner_who_decided_first_is_refused_over_rpc(self):
        self.recent_a.write({"decided_by_id": self.manager.id})
        appeal = self.file_at_counter(self.recent_a)
        # The association's manager decided: nobody examines by default, a manager is asked.
        self.assertFalse(appeal.examiner_id)
        self.assertEqual(appeal.activity_ids.user_id, self.manager)
        self.refused(
            "br_manager",
            "beneficiary.appeal",
            "write",
            [appeal.ids, {"examiner_id": self.manager.id}],
            message="took part in the first decision",
        )
        self.refused(
            "br_manager",
            "beneficiary.appeal",
            "write",
            [appeal.ids, {"examiner_id": self.officer2.id}],
            message="cannot examine appeals",
        )
        self.refused(
            "br_officer",
            "beneficiary.appeal",
            "write",
            [appeal.ids, {"examiner_id": self.manager2.id}],
            message="decides who can see this record",
        )
        self.env.invalidate_all()
        self.assertFalse(appeal.examiner_id)
        result = self.rpc(
            "br_manager",
            "beneficiary.appeal",
            "write",
            [appeal.ids, {"examiner_id": self.manager2.id}],
        )
        self.assertNotIn("error", result)
        self.env.invalidate_all()
        self.assertEqual(appeal.examiner_id, self.manager2)
        # Only the examiner decides; the first decider cannot, even over RPC.
        wizard = self.rpc(
            "br_manager",
            "beneficiary.appeal.decide",
            "create",
            [{"appeal_id": appeal.id, "outcome": "overturned", "reason": "x"}],
        )["result"]
        self.refused(
            "br_manager",
            "beneficiary.appeal.decide",
            "action_confirm",
            [[wizard]],
            message="Only the examiner",
        )
        self.env.invalidate_all()
        self.assertEqual(appeal.state, "submitted")
        self.assertEqual(self.recent_a.state, "rejected")

    def test_committee_members_who_voted_do_not_examine(self):
        committee = self.env["beneficiary.committee"].create(
            {
                "name": "لجنة البحث",
                "member_ids": [(6, 0, (self.committee | self.manager2).ids)],
                "chair_id": self.committee.id,
                "quorum": 1,
            }
        )
        self.service.committee_id = committee
        meeting = self.env["beneficiary.committee.meeting"].create(
            {
                "committee_id": committee.id,
                "state": "convened",
                "attendee_ids": [(6, 0, self.committee.ids)],
            }
        )
        decision = self.env["beneficiary.committee.decision"].create(
            {"meeting_id": meeting.id, "request_id": self.recent_a.id, "proposal": "reject"}
        )
        self.env["beneficiary.committee.vote"].create(
            {"decision_id": decision.id, "member_id": self.committee.id, "vote": "for"}
        )
        decision.write({"applied": True})
        appeal = self.file_at_counter(self.recent_a)
        with self.assertRaisesText(ValidationError, "took part in the first decision"):
            appeal.with_user(self.manager).write({"examiner_id": self.committee.id})
        # Manager2 sits on the committee but did not vote: may examine.
        appeal.with_user(self.manager).write({"examiner_id": self.manager2.id})
        self.assertEqual(appeal.examiner_id, self.manager2)

    # ---------------------------------------------------------------- outcomes
    def test_upheld_request_stays_rejected_and_beneficiary_is_told(self):
        appeal = self.file_at_counter(self.recent_a)
        appeal.with_user(self.manager).action_start_review()
        self.assertEqual(appeal.state, "under_review")
        with self.assertRaisesText(UserError, "Give the reasons"):
            appeal.with_user(self.manager)._decide("upheld", " ")
        messages = self.recent_a.message_ids
        self.decide_appeal(appeal, "upheld", reason="المستندات المقدمة لا تغيّر دخل الأسرة.")
        self.assertEqual(appeal.state, "upheld")
        self.assertEqual(appeal.decided_by_id, self.manager)
        self.assertTrue(appeal.decision_date)
        self.assertEqual(appeal.days_to_decide, 0)
        self.assertTrue(appeal.decided_in_time)
        self.assertEqual(self.recent_a.state, "rejected")
        sent = (self.recent_a.message_ids - messages).filtered(
            lambda m: m.message_type == "comment"
        )
        self.assertEqual(len(sent), 1)
        self.assertIn(appeal.ref, sent.subject)
        self.assertIn("المستندات المقدمة لا تغيّر دخل الأسرة.", sent.body)
        self.assertEqual(sent.partner_ids, self.recent_a.partner_id)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", sent.id)])
        self.assertTrue(mail, "an email leaves for the beneficiary")
        # A decided appeal is kept as it was.
        with self.assertRaisesText(UserError, "kept as it was"):
            appeal.with_user(self.officer).write({"reasons": "تعديل"})
        with self.assertRaises(UserError):
            appeal.with_user(self.officer).action_withdraw()

    def test_overturned_request_is_approved_with_one_message(self):
        appeal = self.file_at_counter(self.recent_b)
        messages = self.recent_b.message_ids
        self.decide_appeal(appeal, "overturned", reason="قُدِّمت شهادة المؤهل العلمي.")
        self.assertEqual(appeal.state, "overturned")
        self.assertEqual(self.recent_b.state, "approved")
        self.assertEqual(self.recent_b.decision, "approved")
        self.assertEqual(self.recent_b.decided_by_id, self.manager)
        sent = (self.recent_b.message_ids - messages).filtered(
            lambda m: m.message_type == "comment"
        )
        # The appeal's message only, in B's language (Arabic): not the approval's as well.
        self.assertEqual(len(sent), 1)
        self.assertIn(appeal.ref, sent.subject)
        self.assertIn("يسرّنا إبلاغكم بقبول تظلمكم", sent.body)
        self.assertEqual(self.recent_b.appeal_count, 1)

    def test_workflow_fields_refused_over_rpc(self):
        appeal = self.file_at_counter(self.recent_a)
        for login in ("br_officer", "br_manager"):
            self.refused(
                login,
                "beneficiary.appeal",
                "write",
                [appeal.ids, {"state": "overturned", "decided_by_id": self.manager.id}],
                message="change only through the buttons",
            )
        self.refused(
            "br_officer",
            "beneficiary.appeal",
            "create",
            [{"request_id": self.recent_b.id, "reasons": REASONS, "channel": "portal"}],
            message="change only through the buttons",
        )
        self.env.invalidate_all()
        self.assertEqual(appeal.state, "submitted")
        self.assertFalse(self.Appeal.search([("request_id", "=", self.recent_b.id)]))

    # ------------------------------------------------------------------ letters
    def test_letter_pdf_in_arabic_and_english(self):
        appeal_a = self.decide_appeal(
            self.file_at_counter(self.recent_a), "upheld", reason="سبب أول.\nسبب ثانٍ."
        )
        appeal_b = self.decide_appeal(
            self.file_at_counter(self.recent_b), "overturned", reason="قُدِّم المؤهل."
        )
        Report = self.env["ir.actions.report"]
        html_en = Report._render_qweb_html(APPEAL_LETTER, appeal_a.ids)[0].decode()
        self.assertRegex(html_en, r'class="page br_letter" dir="ltr"')  # A reads English
        self.assertIn("the association upholds its decision", html_en)
        self.assertIn("1010123456", html_en)
        self.assertIn(appeal_a.ref, html_en)
        self.assertIn(self.recent_a.ref, html_en)
        self.assertIn("سبب ثانٍ.", html_en)
        self.assertIn(" AH (", html_en)
        html_ar = Report._render_qweb_html(APPEAL_LETTER, appeal_b.ids)[0].decode()
        self.assertRegex(html_ar, r'class="page br_letter" dir="rtl"')
        self.assertIn("الموافق", html_ar)
        self.assertIn(self.company.name, html_ar)
        content, report_format = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            APPEAL_LETTER, res_ids=appeal_b.ids
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        # The beneficiary downloads it from the appeal's page; the refusal letter gives
        # the last day to appeal.
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open(appeal_a.access_url)
        self.assertIn("o_br_appeal_letter", page.text)
        pdf = self.url_open(appeal_a.access_url + "?report_type=pdf&download=true")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # Tests render the "PDF" as its HTML source (no wkhtmltopdf run in test mode).
        self.assertIn(appeal_a.ref, pdf.content.decode())
        self.assertIn("attachment", pdf.headers["Content-Disposition"])
        decision_letter = Report._render_qweb_html(
            "beneficiary_relations.action_report_decision_letter", self.rejected_a.ids
        )[0].decode()
        self.assertIn("You may appeal this decision until", decision_letter)
        self.assertIn("2025/01/28", decision_letter)

    # ------------------------------------------------------------------ reports
    def test_appeals_reported_by_state_and_service(self):
        self.decide_appeal(self.file_at_counter(self.recent_a), "upheld")
        self.file_at_counter(self.recent_b)
        groups = self.Appeal.with_user(self.manager)._read_group(
            [("request_id", "in", (self.recent_a | self.recent_b).ids)],
            ["service_id", "state"],
            ["__count", "days_to_decide:avg"],
        )
        counts = {(service.name, state): count for service, state, count, _days in groups}
        self.assertEqual(
            counts, {("Vocational Training", "upheld"): 1, ("Vocational Training", "submitted"): 1}
        )
        self.assertTrue(self.env.ref("beneficiary_relations.beneficiary_appeal_analysis_action"))
        self.assertEqual(DECISION_DATE.year, 2024)
