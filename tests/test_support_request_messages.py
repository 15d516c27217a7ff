from datetime import datetime
from unittest.mock import patch

from odoo import Command
from odoo.addons.sms.models.sms_sms import SmsSms
from odoo.tests import tagged

from .common import BeneficiaryCommon

EVENTS = ("received", "missing_documents", "approved", "rejected", "referred", "done")
REASONS = (
    "الدخل الشهري للفرد يتجاوز الحد الأعلى للخدمة.",
    "لم تُقدَّم شهادة المؤهل العلمي.",
)
# Submitted on 2024-12-15: the decision is due 14 calendar days later (P10).
SUBMIT_DATE = datetime(2024, 12, 15, 8, 0)
DEADLINE_GREGORIAN = "2024/12/29"
DEADLINE_HIJRI = "1446/06/28"


@tagged("post_install", "-at_install")
class TestSupportRequestMessages(BeneficiaryCommon):
    """Mails and SMS telling the beneficiary about their request (P4, P10, P18)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.company.beneficiary_working_days = False
        cls.service = cls.env["beneficiary.service"].create(
            {
                "name": "Vocational Training",
                "company_id": cls.company.id,
                "decision_days": 14,
                "document_type_ids": [Command.set(cls.doc_disability_report.ids)],
            }
        )
        cls.association = cls.env["res.partner"].create(
            {
                "name": "جمعية إنسان الخيرية",
                "is_referral_association": True,
                "is_company": True,
                "phone": "+966 11 488 1000",
                "email": "info@ensan.example.org",
            }
        )
        cls.ben_ar = cls.create_beneficiary(
            lang="ar_001", email="ar.beneficiary@example.com", preferred_channel="email"
        )
        cls.ben_en = cls.create_beneficiary(
            lang="en_US", email="en.beneficiary@example.com", preferred_channel="email"
        )
        cls.request_ar = cls.create_request(cls.ben_ar)
        cls.request_en = cls.create_request(cls.ben_en)

    @classmethod
    def create_request(cls, beneficiary):
        """A request submitted on SUBMIT_DATE, refused and referred at once (for the
        texts only: each template reads the fields of its event)."""
        request = cls.env["beneficiary.support.request"].create(
            {"beneficiary_id": beneficiary.id, "service_id": cls.service.id}
        )
        request.write(
            {
                "state": "submitted",
                "submit_date": SUBMIT_DATE,
                "rejection_reason": "\n".join(REASONS),
                "referral_partner_id": cls.association.id,
                "referral_note": "يرجى إحضار صورة الهوية الوطنية عند المراجعة.",
            }
        )
        return request

    def render(self, event, request):
        template = self.env.ref("beneficiary_relations.mail_template_request_%s" % event)
        return (
            template._render_field("subject", request.ids, compute_lang=True)[request.id],
            template._render_field("body_html", request.ids, compute_lang=True)[request.id],
        )

    def render_sms(self, event, request):
        template = self.env.ref("beneficiary_relations.sms_template_request_%s" % event)
        return template._render_field("body", request.ids, compute_lang=True)[request.id]

    # ------------------------------------------------------------------ templates
    def test_deadline(self):
        self.assertEqual(str(self.request_ar.decision_deadline), "2024-12-29")
        self.assertEqual(self.request_ar.decision_deadline_hijri, DEADLINE_HIJRI)

    def test_templates_language(self):
        """Every mail and SMS is written in the beneficiary's language, not the user's."""
        for event in EVENTS:
            for kind in ("mail", "sms"):
                template = self.env.ref(
                    "beneficiary_relations.%s_template_request_%s" % (kind, event)
                )
                for request, lang in ((self.request_ar, "ar_001"), (self.request_en, "en_US")):
                    with self.subTest(event=event, kind=kind, lang=lang):
                        self.assertEqual(template._render_lang(request.ids)[request.id], lang)
            mail_template = self.env.ref("beneficiary_relations.mail_template_request_%s" % event)
            self.assertFalse(mail_template.auto_delete, "the message stays on the request")
            self.assertEqual(
                mail_template._render_field("partner_to", self.request_ar.ids)[self.request_ar.id],
                str(self.ben_ar.partner_id.id),
            )

    def test_templates_every_event_both_languages(self):
        for event in EVENTS:
            for request, direction in ((self.request_ar, "rtl"), (self.request_en, "ltr")):
                with self.subTest(event=event, lang=request.partner_id.lang):
                    subject, body = self.render(event, request)
                    self.assertIn(request.ref, subject)
                    self.assertIn(request.ref, body)
                    self.assertIn(self.ben_ar.company_id.name, subject)
                    self.assertIn('dir="%s"' % direction, body)
                    self.assertIn(request.partner_id.name, body)
                    self.assertIn(request.ref, self.render_sms(event, request))

    def test_template_received_dates(self):
        """The reference and the expected decision date, Hijri beside Gregorian (P10)."""
        _subject, body = self.render("received", self.request_ar)
        self.assertIn("%sهـ الموافق %sم" % (DEADLINE_HIJRI, DEADLINE_GREGORIAN), body)
        _subject, body = self.render("received", self.request_en)
        self.assertIn("%s AH (%s)" % (DEADLINE_HIJRI, DEADLINE_GREGORIAN), body)
        for request in (self.request_ar, self.request_en):
            sms = self.render_sms("received", request)
            self.assertIn(DEADLINE_HIJRI, sms)
            self.assertIn(DEADLINE_GREGORIAN, sms)

    def test_template_missing_documents(self):
        self.assertIn(self.doc_disability_report, self.request_en.missing_document_type_ids)
        for request in (self.request_ar, self.request_en):
            lang = request.partner_id.lang
            name = self.doc_disability_report.with_context(lang=lang).name
            _subject, body = self.render("missing_documents", request)
            self.assertIn(name, body)
            self.assertIn(name, self.render_sms("missing_documents", request))

    def test_template_approved(self):
        for request in (self.request_ar, self.request_en):
            _subject, body = self.render("approved", request)
            self.assertIn(self.service.with_context(lang=request.partner_id.lang).name, body)

    def test_template_rejected_reasons(self):
        """Each reason on its own line, as the decision recorded them (P18)."""
        for request in (self.request_ar, self.request_en):
            _subject, body = self.render("rejected", request)
            for reason in REASONS:
                self.assertIn("<li>%s</li>" % reason, body)
            sms = self.render_sms("rejected", request)
            for reason in REASONS:
                self.assertIn(reason, sms)

    def test_template_referred(self):
        for request in (self.request_ar, self.request_en):
            _subject, body = self.render("referred", request)
            self.assertIn(self.association.name, body)
            self.assertIn("+966 11 488 1000", body)
            self.assertIn("info@ensan.example.org", body)
            self.assertIn(request.referral_note, body)
            sms = self.render_sms("referred", request)
            self.assertIn(self.association.name, sms)
            self.assertIn("+966 11 488 1000", sms)

    def test_template_done(self):
        _subject, body = self.render("done", self.request_en)
        self.assertIn("satisfaction survey", body)

    # ----------------------------------------------------------- _notify_beneficiary
    def messages(self, request):
        """Messages of the request's chatter, tracking and activity notices left aside."""
        self.flush_tracking()
        return self.env["mail.message"].search(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("tracking_value_ids", "=", False),
                ("message_type", "!=", "user_notification"),
            ]
        )

    def test_notify_by_email(self):
        """The mail is posted in the request's chatter and sent to the beneficiary."""
        request = self.request_en
        before = self.messages(request)
        with patch.object(SmsSms, "_send", autospec=True) as sms_send:
            request._notify_beneficiary("received")
        message = self.messages(request) - before
        self.assertEqual(len(message), 1)
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(message.subject, self.render("received", request)[0])
        self.assertIn(request.ref, str(message.body))
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertTrue(mail)
        self.assertIn(request.partner_id, mail.recipient_ids)
        sms_send.assert_not_called()
        self.assertFalse(
            self.env["sms.sms"].sudo().search([("partner_id", "=", request.partner_id.id)])
        )

    def test_notify_by_email_and_sms(self):
        """A beneficiary who prefers SMS gets both, each posted on the request."""
        self.ben_ar.preferred_channel = "sms"
        request = self.request_ar
        before = self.messages(request)
        with patch.object(SmsSms, "_send", autospec=True):
            request._notify_beneficiary("approved")
        messages = self.messages(request) - before
        self.assertEqual(len(messages), 2)
        mail_message = messages.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(mail_message.subject, self.render("approved", request)[0])
        sms_message = messages.filtered(lambda m: m.message_type == "sms")
        self.assertTrue(sms_message)
        sms = self.env["sms.sms"].sudo().search([("mail_message_id", "=", sms_message.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.partner_id, request.partner_id)
        self.assertIn(request.ref, sms.body)
        self.assertTrue(sms.number)

    def test_notify_by_sms_only(self):
        """Without an email address the SMS is enough."""
        beneficiary = self.create_beneficiary(lang="ar_001", email=False, preferred_channel="visit")
        request = self.create_request(beneficiary)
        before = self.messages(request)
        with patch.object(SmsSms, "_send", autospec=True):
            request._notify_beneficiary("rejected")
        messages = self.messages(request) - before
        self.assertEqual(messages.mapped("message_type"), ["sms"])
        sms = self.env["sms.sms"].sudo().search([("mail_message_id", "in", messages.ids)])
        self.assertIn(REASONS[0], sms.body)

    def test_notify_without_contact(self):
        """No email, no mobile: a note and a call activity for the officer."""
        beneficiary = self.create_beneficiary(lang="ar_001", email=False, mobile=False, phone=False)
        request = self.create_request(beneficiary)
        request.officer_id = self.officer
        before = self.messages(request)
        request._notify_beneficiary("approved")
        messages = self.messages(request) - before
        self.assertEqual(len(messages), 1)
        self.assertIn("could not be told", str(messages.body))
        self.assertEqual(messages.subtype_id, self.env.ref("mail.mt_note"))
        self.assertFalse(
            self.env["mail.mail"].sudo().search([("mail_message_id", "in", messages.ids)])
        )
        activity = request.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_call")
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.officer)
