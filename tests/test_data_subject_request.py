import json
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.beneficiary_workflow_fields import trusted_write
from .common import BeneficiaryCommon


@tagged("post_install", "-at_install", "pdpl")
class TestDataSubjectRequest(BeneficiaryCommon):
    """PDPL rights requests: identity checked first, 30-day clock, answer and evidence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.DSR = cls.env["beneficiary.data.subject.request"]
        cls.file = cls.create_beneficiary(mobile="+966500000111")
        cls.due_type = cls.env.ref(
            "beneficiary_relations.mail_activity_type_data_subject_request_due"
        )
        cls.overdue_type = cls.env.ref(
            "beneficiary_relations.mail_activity_type_data_subject_request_overdue"
        )

    def file_request(self, user=None, **values):
        env = self.env(user=user) if user else self.env
        return env["beneficiary.data.subject.request"].create(
            {"kind": "access", "requester_name": "محمد القحطاني", **values}
        )

    def test_numbered_with_30_day_clock_and_hijri(self):
        request = self.file_request(user=self.officer)
        self.assertTrue(request.name.startswith("DSR/"))
        self.assertEqual(request.state, "received")
        self.assertEqual(request.channel, "staff")
        self.assertEqual(request.received_date, self.today)
        self.assertEqual(request.due_date, self.today + timedelta(days=30))
        self.assertTrue(request.due_date_hijri)
        with self.assertRaises(ValidationError):
            self.file_request(requester_national_id="1000000000")

    def test_identity_checked_before_anything_else(self):
        request = self.file_request(user=self.officer).with_user(self.officer)
        with self.assertRaisesText(UserError, "choose the beneficiary file"):
            request.action_verify_identity()
        request.beneficiary_id = self.file
        # Nothing can be exported or answered before the identity is verified.
        with self.assertRaises(UserError):
            request.action_export_data()
        request.answer = "نسخة من بياناتك"
        with self.assertRaises(UserError):
            request.action_answer()
        request.identity_method = "counter"
        with self.assertRaisesText(UserError, "describe the ID document"):
            request.action_verify_identity()
        request.identity_note = "الهوية الأصلية عند الاستقبال"
        request.action_verify_identity()
        self.assertEqual(request.state, "verified")
        self.assertEqual(request.identity_verified_by_id, self.officer)
        # The file is chosen before the check, not changed after it.
        with self.assertRaisesText(UserError, "before the identity is verified"):
            request.beneficiary_id = self.create_beneficiary()

    def test_staff_export_attached_as_evidence_then_answer(self):
        request = self.file_request(
            user=self.officer,
            kind="copy",
            beneficiary_id=self.file.id,
            identity_method="counter",
            identity_note="الهوية الأصلية",
        ).with_user(self.officer)
        request.action_verify_identity()
        action = request.action_export_data()
        self.assertEqual(request.state, "in_progress")
        evidence = request.evidence_ids
        self.assertEqual(evidence.kind, "exported")
        self.assertEqual(evidence.user_id, self.officer)
        self.assertIn("/web/content/%s" % evidence.attachment_id.id, action["url"])
        data = json.loads(evidence.attachment_id.sudo().raw)
        # The same content as the portal's copy of my data.
        self.assertEqual(data, self.file.sudo()._portal_export_data())
        request.answer = "سُلّمت نسخة البيانات للمستفيد يدويًا"
        request.action_answer()
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answered_by_id, self.officer)
        self.assertEqual(request.evidence_ids.mapped("kind"), ["exported", "sent"])
        with self.assertRaisesText(UserError, "kept as it was"):
            request.answer = "تعديل بعد الإرسال"

    def test_code_goes_to_the_files_mobile_not_the_typed_one(self):
        request = self.file_request(
            user=self.officer, beneficiary_id=self.file.id, requester_mobile="+966511111999"
        ).with_user(self.officer)
        with patch("secrets.randbelow", return_value=123456):
            request.action_send_code()
        sms = self.env["sms.sms"].search([("body", "ilike", "123456")])
        self.assertEqual(sms.number, self.file.mobile)
        self.assertNotIn("123456", request.message_ids.mapped("body")[0])
        request.identity_code = "000000"
        result = request.action_check_code()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertEqual(request.state, "received")
        self.assertEqual(request.identity_code_attempts, 1)
        request.identity_code = "123456"
        request.action_check_code()
        self.assertEqual(request.state, "verified")
        self.assertEqual(request.identity_method, "code")

    def test_no_code_to_a_do_not_contact_number(self):
        """P33: the code never goes to a number marked "do not contact"."""
        self.file.write({"preferred_channel": "email", "no_contact_number": True})
        request = self.file_request(user=self.officer, beneficiary_id=self.file.id)
        with self.assertRaisesText(UserError, "must not be contacted on its number"):
            request.with_user(self.officer).action_send_code()
        self.assertFalse(self.env["sms.sms"].search([("number", "=", self.file.mobile)]))
        self.assertEqual(request.state, "received")

    def test_code_attempts_are_limited(self):
        request = self.file_request(user=self.officer, beneficiary_id=self.file.id)
        request = request.with_user(self.officer)
        with patch("secrets.randbelow", return_value=654321):
            request.action_send_code()
        for _attempt in range(5):
            request.identity_code = "111111"
            request.action_check_code()
        request.identity_code = "654321"
        with self.assertRaisesText(UserError, "expired"):
            request.action_check_code()
        self.assertEqual(request.state, "received")

    def test_destruction_calls_the_anonymisation(self):
        self.file.action_register()
        self.transition(self.file, "action_close", "طلب إتلاف")
        request = self.file_request(
            user=self.officer,
            kind="destruction",
            beneficiary_id=self.file.id,
            requester_national_id=self.file.national_id,
            identity_method="counter",
            identity_note="الهوية الأصلية",
        )
        request.with_user(self.officer).action_verify_identity()
        request.answer = "أُتلفت بياناتك"
        with self.assertRaisesText(UserError, "destroy the data first"):
            request.with_user(self.officer).action_answer()
        with self.assertRaises(AccessError):
            request.with_user(self.officer).action_destroy()
        request.with_user(self.manager).action_destroy()
        self.assertTrue(self.file.anonymised_on)
        self.assertIn(request.name, self.file.status_reason)
        self.assertIn("erased", request.evidence_ids.mapped("kind"))
        self.assertFalse(request.requester_national_id)
        request.with_user(self.officer).action_answer()
        self.assertEqual(request.state, "answered")

    def test_refusal_needs_a_reason(self):
        request = self.file_request(user=self.officer, kind="objection").with_user(self.officer)
        with self.assertRaisesText(UserError, "reason of the refusal"):
            request.action_refuse()
        request.refusal_reason = "المعالجة لازمة لالتزام نظامي"
        request.action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertEqual(request.evidence_ids.kind, "refused")

    def test_workflow_fields_only_through_actions(self):
        request = self.file_request(user=self.officer)
        for values in (
            {"state": "answered"},
            {"received_date": fields.Date.to_string(self.today - timedelta(days=60))},
            {"is_overdue": True},
            {"channel": "portal"},
        ):
            with self.assertRaises(AccessError):
                request.with_user(self.manager).write(values)
        with self.assertRaises(AccessError):
            self.file_request(user=self.officer, state="answered")

    def test_roles_and_companies(self):
        request = self.file_request(user=self.officer)
        self.assertEqual(request.with_user(self.manager).requester_name, "محمد القحطاني")
        for user in (self.committee, self.partnerships, self.officer_b, self.portal_user):
            with self.assertRaises(AccessError):
                request.with_user(user).read(["requester_name"])
        with self.assertRaises(AccessError):
            self.file_request(user=self.committee)
        with self.assertRaises(AccessError):
            request.with_user(self.manager).unlink()

    # ------------------------------------------------------------------ clock
    def test_clock_warns_then_flags_overdue_in_batches(self):
        requests = self.DSR
        for days in (27, 31, 32):
            request = self.file_request(user=self.officer)
            with trusted_write():
                request.received_date = self.today - timedelta(days=days)
            requests |= request
        warned, overdue, overdue2 = requests
        remaining = self.DSR._cron_legal_clock(batch_size=1)
        self.assertEqual(remaining, 2)
        self.DSR._cron_legal_clock()
        self.assertTrue(overdue.is_overdue and overdue2.is_overdue)
        self.assertFalse(warned.is_overdue)
        self.assertTrue(warned.warning_sent)
        self.assertEqual(warned.activity_ids.activity_type_id, self.due_type)
        self.assertEqual(warned.activity_ids.user_id, self.officer)
        self.assertEqual(overdue.activity_ids.activity_type_id, self.overdue_type)
        # Once each.
        self.DSR._cron_legal_clock()
        self.assertEqual(len(overdue.activity_ids), 1)
        # Answering clears them.
        overdue.write({"beneficiary_id": self.file.id, "identity_method": "counter"})
        overdue.identity_note = "الهوية"
        overdue.with_user(self.officer).action_verify_identity()
        overdue.answer = "تم"
        overdue.with_user(self.officer).action_answer()
        self.assertFalse(overdue.activity_ids)
