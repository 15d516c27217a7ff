from pathlib import Path
from unittest.mock import patch

from odoo import fields
from odoo.addons.sms.models.sms_sms import SmsSms
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools.translate import CodeTranslations

from .common_request import SupportRequestCommon

REASON = "الدخل الشهري للفرد يتجاوز الحد الأعلى للخدمة"
SENDER = "خدمة الإشعارات"
SERVICE = "علاج الإدمان الخارجي"


@tagged("post_install", "-at_install", "beneficiary_discreet")
class TestDiscreetMessages(SupportRequestCommon):
    """P33: neutral messages, do-not-contact flags, the preferred channel honoured."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.company.write({"name": "جمعية عون لعلاج الإدمان"})
        cls.service_discreet = cls.create_service(
            name=SERVICE, requires_research=False, requires_committee=False
        )
        cls.Mail = cls.env["mail.mail"].sudo()
        cls.Sms = cls.env["sms.sms"].sudo()

    def new_request(self, **file_values):
        file_values.setdefault("email", "discreet%s@example.com" % self.new_national_id()[-5:])
        file_values.setdefault("lang", "en_US")
        file = self.create_beneficiary(**file_values)
        request = self.create_request(file, service=self.service_discreet)
        request.write({"state": "submitted", "rejection_reason": REASON})
        return request

    def notify(self, request, event="rejected"):
        """The outgoing mails and SMS of ``event`` to the request's beneficiary."""
        mails, texts = self.Mail.search([]), self.Sms.search([])
        with patch.object(SmsSms, "_send", autospec=True):
            request._notify_beneficiary(event)
        self.env.flush_all()
        partner = request.partner_id
        new_mails = (self.Mail.search([]) - mails).filtered(
            lambda m: partner in m.recipient_ids or partner.email in (m.email_to or "")
        )
        return new_mails, self.Sms.search([]) - texts

    def assertNeutral(self, text):
        for revealing in (self.company.name, "عون", SERVICE, REASON, "Vocational"):
            self.assertNotIn(revealing, text or "")

    # ------------------------------------------------------------------ discreet
    def test_discreet_mail_and_sms_name_nothing(self):
        self.company.write(
            {"beneficiary_discreet_messages": True, "beneficiary_discreet_sender": SENDER}
        )
        request = self.new_request(preferred_channel="sms")
        mail, sms = self.notify(request)
        self.assertEqual(len(mail), 1)
        self.assertEqual(len(sms), 1)
        for text in (mail.subject, mail.body_html, mail.email_from, mail.reply_to, sms.body):
            self.assertNeutral(text)
        self.assertNotIn(request.ref, mail.body_html + sms.body)
        # The neutral sender, a link to sign in (no access token), no author's name.
        self.assertIn(SENDER, mail.email_from)
        self.assertFalse(mail.author_id)
        self.assertIn(SENDER, sms.body)
        link = "/my/requests/%s" % request.id
        self.assertIn(link, mail.body_html)
        self.assertIn(link, sms.body)
        self.assertNotIn("access_token", mail.body_html + sms.body)
        self.assertEqual(sms.number, request.partner_id.mobile)
        self.assertIn("discreet notice", " ".join(request.message_ids.mapped("body")))

    def test_discreet_in_arabic(self):
        """The neutral texts exist in Arabic, and an Arabic reader gets them."""
        po = Path(__file__).parent.parent / "i18n" / "ar.po"
        with po.open("rb") as po_file:
            arabic = CodeTranslations._read_code_translations_file(
                po_file, lambda row: row.get("value") and "odoo-python" in row["comments"]
            )
        self.assertEqual(arabic.get("You have a new message"), "لديك رسالة جديدة")
        self.assertEqual(arabic.get("Notification Service"), "خدمة الإشعارات")
        self.assertIn(
            "سجّل الدخول",
            arabic.get("You have a new message. Sign in to your account to read it:"),
        )
        self.assertIn("اتصل", arabic.get("Call the beneficiary"))
        self.company.write({"beneficiary_discreet_messages": True})
        request = self.new_request(preferred_channel="email", lang="ar_001")
        mail, sms = self.notify(request, "approved")
        self.assertFalse(sms)
        self.assertEqual(len(mail), 1)
        self.assertNeutral(mail.subject + mail.body_html + mail.email_from)
        self.assertEqual(mail.subject, "لديك رسالة جديدة")
        self.assertIn("خدمة الإشعارات", mail.email_from)

    def test_discreet_survey_invitation(self):
        self.company.write({"beneficiary_discreet_messages": True})
        request = self.new_request(preferred_channel="email")
        mails = self.Mail.search([])
        request.sudo()._satisfaction_invite()
        mail = self.Mail.search([]) - mails
        self.assertEqual(len(mail), 1)
        self.assertNeutral(mail.subject + mail.body_html + mail.email_from)
        self.assertIn(request.sudo().satisfaction_input_id.access_token, mail.body_html)

    # ------------------------------------------------------------- sensitive
    def test_rejection_reasons_never_by_sms_when_sensitive(self):
        request = self.new_request(preferred_channel="sms", categories=self.category_recovery)
        self.assertTrue(self.category_recovery.is_sensitive)
        mail, sms = self.notify(request)
        self.assertEqual(len(sms), 1)
        self.assertNotIn(REASON, sms.body)
        self.assertNotIn(self.company.name, sms.body)
        # The email (read behind the person's own password) keeps the reasons.
        self.assertIn(REASON, mail.body_html)

    def test_rejection_reasons_by_sms_otherwise(self):
        request = self.new_request(preferred_channel="sms")
        _mail, sms = self.notify(request)
        self.assertIn(REASON, sms.body)

    # ---------------------------------------------------------- do not contact
    def test_nothing_sent_to_a_do_not_contact_number(self):
        request = self.new_request(preferred_channel="email", no_contact_number=True)
        number = request.partner_id.mobile
        self.assertTrue(number)
        mail, sms = self.notify(request)
        self.assertEqual(len(mail), 1)
        self.assertFalse(sms)
        # Without an email, nothing goes either: staff are asked, not to call the number.
        request.partner_id.email = False
        mail, sms = self.notify(request)
        self.assertFalse(mail or sms)
        self.assertFalse(self.Sms.search([("number", "=", number)]))
        activity = request.activity_ids.filtered(lambda a: "not on the number" in a.summary)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))

    def test_do_not_contact_respected_by_other_senders(self):
        request = self.new_request(preferred_channel="email", no_contact_number=True)
        request.partner_id.email = False
        number = request.partner_id.mobile
        request.sudo()._satisfaction_invite()
        suggestion = self.env["beneficiary.suggestion"].create(
            {
                "name": "اقتراح",
                "description": "نص",
                "partner_id": request.partner_id.id,
            }
        )
        self.assertEqual(suggestion.beneficiary_id, request.beneficiary_id)
        request.beneficiary_id.sudo()._portal_apply_known(self.service_discreet)
        self.env.flush_all()
        self.assertFalse(self.Sms.search([("number", "=", number)]))
        self.assertEqual(request.satisfaction_state, "unreachable")

    def test_do_not_contact_respected_by_every_sender(self):
        """Every sender asks the one home (tools/contact.py): outreach invitations, breach
        notices, inquiry answers and the periodic review text nobody on such a number."""
        request = self.new_request(preferred_channel="email", no_contact_number=True)
        file = request.beneficiary_id
        file.partner_id.email = False
        number = file.partner_id.mobile
        self.assertTrue(number)
        with patch.object(SmsSms, "_send", autospec=True):
            request._notify_beneficiary("appeal_upheld")
            outreach = self.env["beneficiary.outreach"].create(
                {"name": "دعوة", "service_id": self.create_service(name="خدمة أخرى").id}
            )
            outreach.action_find_beneficiaries()
            line = outreach.line_ids.filtered(lambda line: line.beneficiary_id == file)
            self.assertEqual(line.channel, "none")
            outreach.action_send()
            breach = self.env["beneficiary.data.breach"].create(
                {
                    "title": "سرقة حاسوب",
                    "description": "سُرق حاسوب الاستقبال.",
                    "cause": "device",
                    "data_identity": True,
                    "data_contact": True,
                    "beneficiary_ids": [(6, 0, file.ids)],
                    "harm_likely": True,
                    "subject_notice": "سُرق حاسوب يحتوي اسمك.",
                }
            )
            breach.action_notify_subjects()
            lead = self.env["crm.lead"].create(
                {
                    "name": "استفسار",
                    "contact_name": file.name,
                    "mobile": number,
                    "is_inquiry": True,
                    "beneficiary_id": file.id,
                }
            )
            self.assertEqual(lead._send_inquiry_answer("نعم"), "none")
            file._ask_review_confirmation(fields.Date.today())
        self.env.flush_all()
        self.assertFalse(self.Sms.search([("number", "=", number)]))
        self.assertIn("No email or mobile for 1", str(breach.message_ids.mapped("body")))

    def test_review_confirmation_by_the_preferred_channel(self):
        """The periodic review's request to confirm the data follows the file's channels:
        a call activity for who prefers a call, an SMS for who prefers SMS."""
        by_phone = self.new_request(preferred_channel="phone").beneficiary_id
        by_sms = self.new_request(preferred_channel="sms").beneficiary_id
        (by_phone | by_sms)._ask_review_confirmation(fields.Date.today())
        self.env.flush_all()
        self.assertEqual(
            by_phone.activity_ids.filtered(
                lambda a: a.summary == "Call the beneficiary"
            ).activity_type_id,
            self.env.ref("mail.mail_activity_data_call"),
        )
        self.assertFalse(self.Sms.search([("partner_id", "=", by_phone.partner_id.id)]))
        sms = self.Sms.search([("partner_id", "=", by_sms.partner_id.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn("My beneficiary file", sms.body)

    def test_contradictory_preferences_refused(self):
        file = self.create_beneficiary(preferred_channel="email", no_contact_number=True)
        with self.assertRaisesText(ValidationError, "must not be contacted on its number"):
            file.preferred_channel = "sms"
        with self.assertRaisesText(ValidationError, "must not be contacted at home"):
            file.write({"no_contact_home": True, "preferred_channel": "visit"})

    # ------------------------------------------------------------ staff channels
    def test_phone_preference_is_a_call_activity(self):
        request = self.new_request(preferred_channel="phone")
        mail, sms = self.notify(request)
        self.assertFalse(mail or sms, "nothing is sent in place of the call")
        activity = request.activity_ids.filtered(lambda a: a.summary == "Call the beneficiary")
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.user_id, self.officer)
        self.assertIn("Do not name the association", str(activity.note))
        self.assertNotIn(REASON, str(activity.note))

    def test_whatsapp_preference_is_an_activity(self):
        request = self.new_request(preferred_channel="whatsapp")
        mail, sms = self.notify(request)
        self.assertFalse(mail or sms)
        activity = request.activity_ids.filtered(
            lambda a: a.summary == "Send the beneficiary a WhatsApp message"
        )
        self.assertEqual(len(activity), 1)
        self.assertIn("You have a new message", str(activity.note))

    def test_no_home_visit_for_the_research(self):
        file = self.create_beneficiary(no_contact_home=True)
        request = self.create_request(file)
        self.advance(request, "research")
        activity = request.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_research
        )
        self.assertIn("no home visit", str(activity.note))

    def test_officer_cannot_switch_discreet_mode(self):
        with self.assertRaises(AccessError):
            self.company.with_user(self.officer).write({"beneficiary_discreet_messages": True})
        self.company.with_user(self.manager).write(
            {"beneficiary_discreet_messages": True, "beneficiary_discreet_sender": SENDER}
        )
        self.assertTrue(self.company.beneficiary_discreet_messages)

    def test_missing_document_names_never_by_sms_when_sensitive(self):
        request = self.new_request(preferred_channel="sms", categories=self.category_recovery)
        request.service_id.document_type_ids = self.doc_disability_report
        document = self.doc_disability_report.with_context(lang="en_US").name
        _mail, sms = self.notify(request, "missing_documents")
        self.assertEqual(len(sms), 1)
        self.assertNotIn(document, sms.body)
        self.assertIn("/my/requests/%s" % request.id, sms.body)
        # Without a sensitive category, the SMS names them (the test above proves a rule).
        other = self.new_request(preferred_channel="sms")
        _mail, sms = self.notify(other, "missing_documents")
        self.assertIn(document, sms.body)
