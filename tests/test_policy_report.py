from datetime import date

from odoo import Command
from odoo.addons.beneficiary_relations.tools import hijri
from odoo.tests import HttpCase, tagged

from .common import TINY_PDF, BeneficiaryCommon

POLICY_REPORT = "beneficiary_relations.action_report_policy"


@tagged("post_install", "-at_install")
class TestPolicyReport(HttpCase, BeneficiaryCommon):
    """The approved policy as a PDF in Arabic, with the board's approval block (P27)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.company.partner_id.lang = "ar_001"
        cls.report = cls.env.ref(POLICY_REPORT)
        cls.policy = (
            cls.env["beneficiary.policy"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "سياسة تنظيم العلاقة مع المستفيدين وتقديم الخدمات",
                    "version": "3.0",
                    "board_meeting_number": "27",
                    "board_session": "الثانية",
                    "approval_date": date(2026, 3, 15),
                    "chair_name": "د. هند بنت سعد العتيبي",
                    "body": "<h3>الهدف العام</h3><p>تقديم خدمة متميزة للمستفيدين.</p>",
                    "document_ids": [
                        Command.create(
                            {"kind": "bylaws", "name": "اللائحة الأساسية", "file": TINY_PDF}
                        ),
                        Command.create(
                            {
                                "kind": "research_guide",
                                "name": "دليل خدمات البحث الاجتماعي",
                                "file": TINY_PDF,
                            }
                        ),
                    ],
                }
            )
        )
        cls.policy.with_user(cls.manager).action_approve()

    def render_html(self, policy):
        report = self.report.with_context(lang="ar_001")
        return report._render_qweb_html(report.report_name, policy.ids)[0].decode()

    def test_policy_pdf(self):
        action = self.policy.with_user(self.officer).action_print()
        self.assertEqual(action["report_name"], self.report.report_name)
        pdf, report_type = self.report.with_context(force_report_rendering=True)._render_qweb_pdf(
            self.report.report_name, res_ids=self.policy.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_policy_in_arabic_with_approval_block(self):
        html = self.render_html(self.policy)
        self.assertIn('dir="rtl"', html)
        self.assertIn(self.policy.name, html)
        self.assertIn("تقديم خدمة متميزة للمستفيدين", html)
        for document in self.policy.document_ids:
            self.assertIn(document.name, html)
        # Approval block: meeting, session, Hijri date beside Gregorian, chair.
        hijri_date = hijri.hijri_str(self.policy.approval_date)
        self.assertEqual(hijri_date, "1447/09/26")
        self.assertIn("%sهـ الموافق 2026/03/15م" % hijri_date, html)
        self.assertIn(">27<", html)
        self.assertIn("الثانية", html)
        self.assertIn("د. هند بنت سعد العتيبي", html)
        self.assertIn('class="br_chair"', html)
        self.assertNotIn('class="br_mark', html, "the version in force carries no mark")
        self.assertEqual(html.count("<html"), 1)

    def test_superseded_version_is_marked(self):
        newer = (
            self.env["beneficiary.policy"]
            .with_user(self.manager)
            .create(
                {
                    "version": "4.0",
                    "board_meeting_number": "31",
                    "approval_date": date(2026, 9, 1),
                    "chair_name": "د. هند بنت سعد العتيبي",
                    "body": "<p>النص الجديد</p>",
                }
            )
        )
        newer.with_user(self.manager).action_approve()
        self.assertEqual(self.policy.state, "superseded")
        html = self.render_html(self.policy)
        self.assertIn('class="br_mark"', html)
        policy_ar = self.policy.with_context(lang="ar_001")
        self.assertIn(policy_ar._dual_date(self.policy.superseded_date), html)
        self.assertNotIn('class="br_mark', self.render_html(newer))
