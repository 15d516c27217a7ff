import base64
import io
from datetime import timedelta

import openpyxl

from odoo.addons.beneficiary_relations.models.beneficiary_workflow_fields import trusted_write
from odoo.addons.beneficiary_relations.tools import hijri
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common_dashboard import DashboardCommon
from .common_rpc import JsonRpcMixin

HEADLINE_REPORT = "beneficiary_relations.action_report_headline_figures"


@tagged("post_install", "-at_install", "beneficiary_dashboard")
class TestHeadlineFigures(JsonRpcMixin, DashboardCommon, HttpCase):
    """Headline figures of a period for the board and the NCNP (issue 17), against the
    hand-counted history of ``DashboardCommon`` plus:

    r12: a second service of r5's beneficiary, decided 22 days ago (approved), started
    20 days ago, delivered 5 days ago, goal not reached; reach lines of 500 people in
    the period, 1,000 before it, 700 for the main association.

    Period: the last 30 days, today included.
      served: r5's and r6's beneficiaries (r5 and r12 are the same person) = 2
      decided in the period: approved r3, r5, r12; rejected r4, r8, r9; referred r7
      delivered: r5 (goal reached), r12 (not reached) = 2
      surveys: sent 3 (r3, r5, r6), answered 2 (50 and 80): 65 %, response 66.7 %
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.company_c.partner_id.lang = "ar_001"
        cls.r12 = cls.make_request(cls.files["r5"], "done", False, 25, 22, "approved")
        with trusted_write():
            cls.r12.write(
                {
                    "service_start_date": cls.today - timedelta(days=20),
                    "delivery_date": cls.today - timedelta(days=5),
                    "outcome_id": cls.outcome_bad.id,
                }
            )
        Reach = cls.env["beneficiary.reach"]
        medium = cls.env.ref("utm.utm_medium_website")
        for days, count, company in (
            (10, 500, cls.company_c),
            (100, 1000, cls.company_c),
            (10, 700, cls.company),
        ):
            Reach.create(
                {
                    "name": "حملة توعية",
                    "date": cls.today - timedelta(days=days),
                    "channel_id": medium.id,
                    "reach_count": count,
                    "company_id": company.id,
                }
            )
        cls.start = cls.today - timedelta(days=30)

    def wizard(self, **values):
        values.setdefault("date_from", self.start)
        values.setdefault("date_to", self.today)
        return self.env(user=self.manager_c)["beneficiary.headline.report"].create(values)

    def check_figures(self, figures):
        self.assertEqual(figures["served"], 2)
        self.assertEqual(figures["reach"], 500)
        self.assertEqual(figures["decided"], 7)
        self.assertEqual(figures["decisions"], [("Approved", 3), ("Rejected", 3), ("Referred", 1)])
        self.assertEqual(figures["delivered"], 2)
        self.assertEqual(figures["by_service"], [("خدمة الإرشاد", 2)])
        self.assertEqual(
            sorted(figures["outcomes"]),
            [
                ("خدمة الإرشاد", "حصل على عمل", True, 1),
                ("خدمة الإرشاد", "لم يكمل البرنامج", False, 1),
            ],
        )
        self.assertEqual((figures["invited"], figures["answered"]), (3, 2))
        self.assertEqual(figures["score"], 65.0)
        self.assertEqual(figures["response_rate"], 66.7)

    def test_figures_of_a_gregorian_period(self):
        self.check_figures(self.wizard()._headline_figures())

    def test_figures_of_a_hijri_period(self):
        wizard = self.wizard(
            calendar="hijri",
            date_from=False,
            date_to=False,
            hijri_from=hijri.hijri_str(self.start),
            hijri_to=hijri.hijri_str(self.today),
        )
        self.check_figures(wizard._headline_figures())

    def test_bad_period_is_refused_with_a_clear_message(self):
        with self.assertRaisesRegex(UserError, "is not a Hijri date"):
            self.wizard(calendar="hijri", hijri_from="1447/13/40", hijri_to="1447/12/01")._period()
        with self.assertRaisesRegex(UserError, "ends before it starts"):
            self.wizard(date_from=self.today, date_to=self.start)._period()

    def test_arabic_pdf(self):
        wizard = self.wizard()
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "beneficiary_relations.report_headline_figures")
        report = self.env.ref(HEADLINE_REPORT).with_user(self.manager_c)
        html = report._render_qweb_html(report.report_name, wizard.ids)[0].decode()
        self.assertIn('dir="rtl"', html)
        self.assertIn("الأرقام الرئيسية", html)
        self.assertIn("المستفيدون الذين خُدموا (مباشرة، دون تكرار)", html)
        self.assertIn(hijri.dual_date_str(self.start, "ar_001"), html)
        self.assertIn("لم يكمل البرنامج", html)
        self.assertIn(self.company_c.name, html)
        pdf = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, res_ids=wizard.ids
        )[0]
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_xlsx_export_holds_the_figures(self):
        wizard = self.wizard()
        action = wizard.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[-1].split("?")[0])
        )
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        sheet = book.worksheets[0]
        self.assertTrue(sheet.sheet_view.rightToLeft)
        rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(rows["المستفيدون الذين خُدموا (مباشرة، دون تكرار)"], 2)
        self.assertEqual(rows["الوصول غير المباشر (عدد الأشخاص)"], 500)
        self.assertEqual(rows["الخدمات المقدمة"], 2)
        self.assertEqual(rows["مؤشر الرضا (%)"], 65.0)
        outcomes = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(outcomes), 2)

    def test_managers_only(self):
        with self.assertRaises(AccessError):
            self.env(user=self.officer_c)["beneficiary.headline.report"].create(
                {"date_from": self.start, "date_to": self.today}
            )
        self.refused(
            "br_dash_officer",
            "beneficiary.headline.report",
            "create",
            [{"date_from": str(self.start), "date_to": str(self.today)}],
        )
