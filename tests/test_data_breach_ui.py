from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import BeneficiaryCommon

MY_URL = "/odoo/action-beneficiary_relations.beneficiary_data_breach_action_my/new"
REGISTER_URL = "/odoo/action-beneficiary_relations.beneficiary_data_breach_action/%s"


@tagged("post_install", "-at_install")
class TestDataBreachUi(HttpCase, BeneficiaryCommon):
    """A staff member reports a breach; a manager handles it, in Arabic and English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        (cls.officer | cls.manager).write({"tz": "Asia/Riyadh"})

    def test_staff_reports_a_breach(self):
        self.officer.lang = "ar_001"
        self.start_tour(MY_URL, "data_breach_report_tour", login=self.officer.login)
        breach = self.env["beneficiary.data.breach"].search(
            [("reported_by_id", "=", self.officer.id)]
        )
        self.assertEqual(len(breach), 1)
        self.assertEqual(breach.title, "ضياع ملف ورقي لمستفيدين")
        self.assertEqual(breach.state, "open")
        self.assertTrue(breach.sensitive_data)
        self.assertEqual(breach.estimated_count, 12)
        self.assertAlmostEqual(
            (breach.sdaia_deadline - fields.Datetime.now()).total_seconds() / 3600, 72, delta=0.5
        )
        self.assertIn(self.manager.partner_id, breach.message_partner_ids)

    def run_manager_tour(self, lang):
        self.manager.lang = lang
        beneficiaries = self.create_beneficiary(
            documents=False, declaration=False, consent=False, email="a@example.com"
        ) | self.create_beneficiary(
            documents=False, declaration=False, consent=False, email="b@example.com"
        )
        breach = self.env["beneficiary.data.breach"].create(
            {
                "title": "اختراق حساب البريد",
                "description": "دخول غير مصرح به إلى بريد الاستقبال",
                "cause": "unauthorised_access",
                "discovered_on": fields.Datetime.now() - timedelta(hours=5),
                "beneficiary_ids": [Command.set(beneficiaries.ids)],
                "harm_likely": True,
                "risk_level": "high",
            }
        )
        self.start_tour(
            REGISTER_URL % breach.id, "data_breach_manager_tour", login=self.manager.login
        )
        self.assertEqual(breach.state, "closed")
        self.assertEqual(breach.sdaia_reference, "SDAIA-2026-501")
        self.assertTrue(breach.subjects_notified_on)
        notified = self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", breach._name),
                ("mail_message_id.res_id", "=", breach.id),
                ("notification_type", "=", "email"),
            ]
        )
        self.assertEqual(notified.res_partner_id, beneficiaries.partner_id)

    def test_manager_handles_a_breach_arabic(self):
        self.run_manager_tour("ar_001")

    def test_manager_handles_a_breach_english(self):
        self.run_manager_tour("en_US")
