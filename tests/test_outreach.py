from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_request import SupportRequestCommon


@tagged("post_install", "-at_install")
class TestOutreach(SupportRequestCommon):
    """P30: registered beneficiaries who meet a service's conditions are invited, in
    their language and by their preferred channel, and who applied is followed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.women_service = cls.create_service(name="Women's Training", gender="female")

        def registered(**values):
            beneficiary = cls.create_beneficiary(**values)
            beneficiary.action_register()
            return beneficiary

        cls.by_email = registered(
            gender="female", email="amal@example.com", preferred_channel="email", lang="en_US"
        )
        cls.by_sms = registered(gender="female", preferred_channel="sms", lang="ar_001")
        cls.by_visit = registered(gender="female", preferred_channel="visit")
        cls.man = registered(gender="male")
        cls.already = registered(gender="female")
        cls.create_request(beneficiary=cls.already, service=cls.women_service)
        cls.draft = cls.create_beneficiary(gender="female")

    def new_outreach(self):
        return (
            self.env["beneficiary.outreach"]
            .with_user(self.officer)
            .create({"name": "دورة التدريب النسائي", "service_id": self.women_service.id})
        )

    def test_only_eligible_registered_files_without_a_request_are_listed(self):
        outreach = self.new_outreach()
        outreach.action_find_beneficiaries()
        listed = outreach.line_ids.beneficiary_id
        self.assertIn(self.by_email, listed)
        self.assertIn(self.by_sms, listed)
        self.assertIn(self.by_visit, listed)
        for excluded in (self.man, self.already, self.draft):
            self.assertNotIn(excluded, listed)
        channels = {line.beneficiary_id: line.channel for line in outreach.line_ids}
        self.assertEqual(channels[self.by_email], "email")
        self.assertEqual(channels[self.by_sms], "sms")
        self.assertEqual(channels[self.by_visit], "none")

    def test_invitations_sent_in_their_language_and_applications_followed(self):
        outreach = self.new_outreach()
        outreach.action_find_beneficiaries()
        outreach.action_send()
        self.assertEqual(outreach.state, "sent")
        line_email = outreach.line_ids.filtered(lambda line: line.beneficiary_id == self.by_email)
        mail = self.env["mail.mail"].search(
            [("model", "=", "beneficiary.outreach.line"), ("res_id", "=", line_email.id)]
        )
        self.assertEqual(mail.recipient_ids, self.by_email.partner_id)
        self.assertIn("Women&#39;s Training", mail.body_html)
        sms = self.env["sms.sms"].search([("partner_id", "=", self.by_sms.partner_id.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn("/beneficiary/apply/%s" % self.women_service.id, sms.body)
        self.assertFalse(
            self.env["sms.sms"].search([("partner_id", "=", self.by_visit.partner_id.id)])
        )
        # Those to call or visit are listed, not counted as invited.
        to_call = outreach.line_ids.filtered(lambda line: line.channel == "none")
        self.assertIn(self.by_visit, to_call.beneficiary_id)
        self.assertEqual(outreach.invited_count, len(outreach.line_ids) - len(to_call))
        self.assertEqual(outreach.applied_count, 0)
        self.create_request(beneficiary=self.by_sms, service=self.women_service)
        self.env.invalidate_all()
        self.assertEqual(outreach.applied_count, 1)

    def test_lines_and_sending_move_only_through_the_buttons(self):
        outreach = self.new_outreach()
        outreach.action_find_beneficiaries()
        with self.assertRaises(AccessError):
            outreach.line_ids[:1].with_user(self.officer).write({"channel": "email"})
        with self.assertRaises(AccessError):
            outreach.with_user(self.officer).write({"state": "sent"})
        self.assertEqual(outreach.state, "draft")
