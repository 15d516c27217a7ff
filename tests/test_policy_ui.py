from odoo.tests import HttpCase, tagged

from .common import BeneficiaryCommon


@tagged("post_install", "-at_install")
class TestPolicyAcknowledgementUi(BeneficiaryCommon, HttpCase):
    """P26: the top-bar reminder of the policy to acknowledge, in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.officer.lang = "ar_001"
        cls.Ack = cls.env["beneficiary.policy.acknowledgement"]

    def approve_policy(self, version):
        policy = (
            self.env["beneficiary.policy"]
            .with_user(self.manager)
            .create(
                {
                    "version": version,
                    "company_id": self.company.id,
                    "board_meeting_number": "14",
                    "board_session": "الثالثة",
                    "approval_date": self.today,
                    "chair_name": "د. هند بنت سعد العتيبي",
                    "body": "<p>نص السياسة المعتمد، الإصدار %s</p>" % version,
                    "declaration_text": "<p>إقرار بصحة البيانات</p>",
                    "consent_text": "<p>موافقة على شروط الخدمة</p>",
                }
            )
        )
        policy.action_approve()
        return policy

    def test_systray_reminder_until_acknowledged(self):
        officer_acks = self.Ack.with_user(self.officer)
        self.Ack.search([("user_id", "=", self.officer.id)]).sudo().write({"state": "acknowledged"})
        self.assertEqual(officer_acks.systray_pending()["count"], 0)
        policy = self.approve_policy("9.1")
        self.assertEqual(officer_acks.systray_pending(), {"count": 1, "version": "9.1"})

        self.start_tour("/odoo", "policy_acknowledgement_tour", login=self.officer.login)

        ack = self.Ack.search([("policy_id", "=", policy.id), ("user_id", "=", self.officer.id)])
        self.assertEqual(ack.state, "acknowledged")
        self.assertEqual(officer_acks.systray_pending()["count"], 0)

    def test_systray_silent_without_access(self):
        # A portal user never reads acknowledgements: the reminder asks nothing of them.
        portal = self.env["res.users"].create(
            {
                "name": "مستفيد البوابة",
                "login": "br_policy_portal",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.assertEqual(
            self.Ack.with_user(portal).systray_pending(), {"count": 0, "version": False}
        )
