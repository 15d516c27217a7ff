from datetime import timedelta

from odoo import fields
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_request import SupportRequestCommon

EASTERN_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@tagged("post_install", "-at_install")
class TestCrmIntake(SupportRequestCommon):
    """Inquiries and applications from every channel, handled in CRM (P2, P4, P5, P8)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"].with_user(cls.officer)
        cls.Beneficiary = cls.env["beneficiary.beneficiary"]
        cls.channel_phone = cls.env.ref("beneficiary_relations.utm_medium_phone")
        cls.channel_website = cls.env.ref("beneficiary_relations.utm_medium_website")
        cls.lost_reason_answered = cls.env.ref("beneficiary_relations.crm_lost_reason_answered")

    def new_lead(self, **values):
        return self.Lead.create(
            {
                "name": "طلب خدمة",
                "type": "opportunity",
                "requested_service_id": self.service.id,
                **values,
            }
        )

    def convert(self, lead):
        action = lead.action_convert_to_beneficiary()
        self.assertEqual(action["res_model"], "beneficiary.support.request")
        return self.env["beneficiary.support.request"].browse(action["res_id"])

    # -------------------------------------------------------------- conversion
    def test_convert_lead_of_an_existing_beneficiary(self):
        existing = self.create_beneficiary()
        typed = existing.national_id.translate(EASTERN_DIGITS)
        self.assertNotEqual(typed, existing.national_id)
        lead = self.new_lead(
            contact_name="محمد القحطاني",
            beneficiary_national_id=typed,
            medium_id=self.channel_phone.id,
            description="<p>يسأل عن دورة الحاسب الآلي المسائية</p>",
        )
        files_before = self.Beneficiary.with_context(active_test=False).search_count([])

        request = self.convert(lead)

        self.assertEqual(
            self.Beneficiary.with_context(active_test=False).search_count([]),
            files_before,
            "no duplicate file is created",
        )
        self.assertEqual(request.beneficiary_id, existing)
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.service_id, self.service)
        self.assertEqual(request.channel_id, self.channel_phone)
        self.assertEqual(request.description, "يسأل عن دورة الحاسب الآلي المسائية")
        self.assertEqual(request.officer_id, self.officer)
        # Linked both ways, and the lead is won.
        self.assertEqual(request.lead_id, lead)
        self.assertEqual(lead.support_request_id, request)
        self.assertEqual(lead.beneficiary_id, existing)
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(lead.probability, 100)
        self.assertTrue(lead.active)

    def test_convert_lead_of_a_new_applicant(self):
        number = self.new_national_id()
        lead = self.new_lead(
            contact_name="سارة أحمد عبدالله العتيبي",
            mobile="+966 55 123 4567",
            beneficiary_national_id=number,
            medium_id=self.channel_website.id,
        )
        request = self.convert(lead)
        beneficiary = request.beneficiary_id
        self.assertEqual(beneficiary.state, "draft")
        self.assertEqual(beneficiary.first_name, "سارة")
        self.assertEqual(beneficiary.father_name, "أحمد")
        self.assertEqual(beneficiary.grandfather_name, "عبدالله")
        self.assertEqual(beneficiary.family_name, "العتيبي")
        self.assertEqual(beneficiary.name, "سارة أحمد عبدالله العتيبي")
        self.assertEqual(beneficiary.mobile, "+966 55 123 4567")
        self.assertEqual(beneficiary.national_id, number)
        self.assertEqual(beneficiary.company_id, self.company)
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.channel_id, self.channel_website)
        self.assertFalse(request.description)
        self.assertEqual(lead.beneficiary_id, beneficiary)
        self.assertTrue(lead.stage_id.is_won)

    def test_long_family_name_is_kept_whole(self):
        lead = self.new_lead(
            contact_name="عبدالرحمن محمد صالح آل الشيخ",
            beneficiary_national_id=self.new_national_id().translate(EASTERN_DIGITS),
        )
        beneficiary = self.convert(lead).beneficiary_id
        self.assertEqual(beneficiary.grandfather_name, "صالح")
        self.assertEqual(beneficiary.family_name, "آل الشيخ")
        self.assertTrue(beneficiary.national_id.isascii(), "digits are stored as 0-9")

    def test_channel_defaults_to_interview(self):
        lead = self.new_lead(
            contact_name="خالد سعد", beneficiary_national_id=self.new_national_id()
        )
        request = self.convert(lead)
        self.assertEqual(request.channel_id, self.channel_interview)

    def test_conversion_refused_without_a_service(self):
        lead = self.new_lead(
            contact_name="نورة علي", beneficiary_national_id=self.new_national_id()
        )
        lead.requested_service_id = False
        files_before = self.Beneficiary.search_count([])
        with self.assertRaisesText(UserError, "Choose the requested service first"):
            lead.action_convert_to_beneficiary()
        self.assertEqual(self.Beneficiary.search_count([]), files_before)
        self.assertFalse(lead.support_request_id)
        self.assertFalse(lead.stage_id.is_won)

    def test_conversion_refused_when_already_converted(self):
        lead = self.new_lead(
            contact_name="فهد ناصر", beneficiary_national_id=self.new_national_id()
        )
        request = self.convert(lead)
        with self.assertRaisesText(UserError, "already converted"):
            lead.action_convert_to_beneficiary()
        self.assertEqual(
            self.env["beneficiary.support.request"].search([("lead_id", "=", lead.id)]), request
        )

    # --------------------------------------------------------------- inquiries
    def test_answer_closes_the_inquiry(self):
        lead = self.new_lead(
            contact_name="ريم",
            email_from="reem@example.com",
            is_inquiry=True,
            requested_service_id=False,
        )
        action = lead.action_answer_inquiry()
        self.assertEqual(action["res_model"], "crm.lead.answer")
        answer = "التسجيل في الدورات يفتح أول كل شهر عبر موقع الجمعية"
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer)
            .with_context(**action["context"])
            .create({"answer": answer})
        )
        self.assertEqual(wizard.lost_reason_id, self.lost_reason_answered)
        wizard.action_confirm()
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, self.lost_reason_answered)
        self.assertEqual(lead.inquiry_answer, answer)
        posted = lead.message_ids.filtered(lambda m: answer in (m.body or ""))
        self.assertEqual(len(posted), 1)
        self.assertEqual(posted.message_type, "comment")
        self.assertEqual(posted.author_id, self.officer.partner_id)
        # The applicant left only an e-mail address: the answer goes there (P4).
        mail = self.env["mail.mail"].search([("model", "=", "crm.lead"), ("res_id", "=", lead.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "reem@example.com")
        self.assertIn(answer, mail.body_html)
        self.assertEqual(lead.inquiry_answer_channel, "email")
        self.assertTrue(lead.inquiry_answered_on)

    def test_answer_by_sms_when_only_a_phone_was_left(self):
        lead = self.new_lead(
            contact_name="أبو فهد",
            mobile="+966 50 123 4567",
            is_inquiry=True,
            requested_service_id=False,
        )
        answer = "نعم، تقبل الجمعية طلبات المقيمين"
        self.env["crm.lead.answer"].with_user(self.officer).create(
            {"lead_id": lead.id, "answer": answer}
        ).action_confirm()
        sms = self.env["sms.sms"].search([("number", "like", "501234567")])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.body, answer)
        self.assertFalse(
            self.env["mail.mail"].search([("res_id", "=", lead.id), ("model", "=", "crm.lead")])
        )
        self.assertEqual(lead.inquiry_answer_channel, "sms")

    def test_inquiry_deadline_and_overdue_filter(self):
        self.company.write(
            {"beneficiary_inquiry_response_days": 2, "beneficiary_working_days": False}
        )
        lead = self.new_lead(
            contact_name="سائل", phone="0112345678", is_inquiry=True, requested_service_id=False
        )
        today = fields.Date.context_today(lead)
        self.assertEqual(lead.inquiry_deadline, today + timedelta(days=2))
        self.assertFalse(lead.inquiry_overdue)
        lead.sudo().inquiry_deadline = today - timedelta(days=1)
        self.assertTrue(lead.inquiry_overdue)
        self.assertIn(lead, self.Lead.search([("inquiry_overdue", "=", True)]))
        self.env["crm.lead.answer"].with_user(self.officer).create(
            {"lead_id": lead.id, "answer": "تم الرد هاتفيًا", "send_to_applicant": False}
        ).action_confirm()
        self.assertFalse(lead.inquiry_overdue)
        self.assertNotIn(
            lead, self.Lead.with_context(active_test=False).search([("inquiry_overdue", "=", True)])
        )

    def test_intake_counted_by_channel(self):
        self.new_lead(medium_id=self.channel_phone.id, is_inquiry=True)
        self.new_lead(medium_id=self.channel_phone.id)
        self.new_lead(medium_id=self.channel_website.id)
        groups = dict(
            self.Lead._read_group(
                [("medium_id", "in", (self.channel_phone | self.channel_website).ids)],
                ["medium_id"],
                ["__count"],
            )
        )
        self.assertEqual(groups[self.channel_phone], 2)
        self.assertEqual(groups[self.channel_website], 1)

    def test_answer_without_contact_is_logged(self):
        lead = self.new_lead(contact_name="زائر", is_inquiry=True, requested_service_id=False)
        wizard = (
            self.env["crm.lead.answer"]
            .with_user(self.officer)
            .create({"lead_id": lead.id, "answer": "الدوام من الأحد إلى الخميس"})
        )
        # Nothing to send it to: said plainly, and nothing is closed.
        with self.assertRaisesText(UserError, "no e-mail, mobile or phone"):
            wizard.action_confirm()
        self.assertTrue(lead.active)
        wizard.send_to_applicant = False
        wizard.action_confirm()
        self.assertFalse(lead.active)
        note = lead.message_ids.filtered(lambda m: "الدوام من الأحد إلى الخميس" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id.internal, "logged as an internal note")

    # ------------------------------------------------------ research officer
    def test_refer_to_the_social_research_officer(self):
        lead = self.new_lead(contact_name="أم محمد", requested_service_id=False)
        lead.action_refer_to_researcher()
        self.assertEqual(lead.beneficiary_researcher_id, self.researcher)
        activity = self.activities(lead, self.activity_research)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.researcher)
        self.assertIn("procedure", activity.summary)
        # The researcher sees it in their own list.
        self.assertIn(lead, self.env["crm.lead"].with_user(self.researcher).search([]))

    def test_refer_refused_without_a_research_officer(self):
        self.company.beneficiary_research_officer_id = False
        lead = self.new_lead(contact_name="أم محمد", requested_service_id=False)
        with self.assertRaisesText(UserError, "Set the social-research officer"):
            lead.action_refer_to_researcher()
        self.assertFalse(lead.beneficiary_researcher_id)
        self.assertFalse(self.activities(lead, self.activity_research))

    # ------------------------------------------------------------ intake team
    def test_officers_share_their_intake_team_leads(self):
        team = self.env.ref("beneficiary_relations.crm_team_beneficiary_intake")
        colleague = mail_new_test_user(
            self.env,
            login="br_officer_colleague",
            name="زميل",
            groups="beneficiary_relations.group_beneficiary_officer",
        )
        team.member_ids = self.officer | colleague
        other_team = self.env["crm.team"].create({"name": "فريق آخر"})
        lead = self.new_lead(contact_name="أم سعد", team_id=team.id)
        self.assertEqual(lead.user_id, self.officer)
        outside = self.new_lead(contact_name="أبو علي", team_id=other_team.id)
        seen = (
            self.env["crm.lead"].with_user(colleague).search([("id", "in", (lead | outside).ids)])
        )
        self.assertEqual(seen, lead, "a colleague of the intake team sees the team's lead")
        # Someone outside the team keeps the standard "own leads only" limit.
        team.member_ids = self.officer
        self.env.invalidate_all()
        self.assertFalse(
            self.env["crm.lead"].with_user(colleague).search([("id", "in", (lead | outside).ids)])
        )
