import base64
import io
import zipfile
from datetime import timedelta

import openpyxl

from odoo.tests import HttpCase, tagged

from .common_dashboard import SIGNED_COPY, DashboardCommon
from .common_rpc import JsonRpcMixin


@tagged("post_install", "-at_install", "beneficiary_dashboard")
class TestEvidencePack(JsonRpcMixin, DashboardCommon, HttpCase):
    """The governance evidence pack of the last 30 days (issue 17), against the
    hand-counted history of ``DashboardCommon``:

    - policy 2.0 in force (approved 100 days ago), its PDF; 1.0 was never in force here;
    - acknowledgements: the association's six internal users, three acknowledged;
    - decided in the period: r3 (10 days), r4 (5), r5 (30: late), r7 (3), r8 (4),
      r9 (6) on a 10-day clock: 6, of which 5 in time;
    - appeals: 3 filed, 2 decided, 1 overturned; surveys: 3 sent, 2 answered;
    - suggestions: 1 suggestion, 3 complaints (1 answered); breaches: 3;
    - data-subject requests: d1, d2, d3 still open, d4 answered today (d5 refused 45
      days ago is out of the period): 4, of which 3 past their 30 days (d1, d3, d4).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.company_c.partner_id.lang = "ar_001"

    def export(self):
        wizard = self.env(user=self.manager_c)["beneficiary.evidence.pack"].create(
            {"date_from": self.today - timedelta(days=30), "date_to": self.today}
        )
        action = wizard.action_export()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[-1].split("?")[0])
        )
        return zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas))), wizard

    @staticmethod
    def sheet_rows(archive, name, index=0):
        book = openpyxl.load_workbook(io.BytesIO(archive.read(name)))
        return list(book.worksheets[index].iter_rows(min_row=2, values_only=True))

    def test_pack_holds_the_files_and_figures(self):
        archive, wizard = self.export()
        self.assertEqual(
            sorted(archive.namelist()),
            [
                "00-summary.pdf",
                "01-policy-2.0.pdf",
                "02-policy-2.0-signed-copy.pdf",
                "03-acknowledgements.xlsx",
                "04-decision-timeliness.xlsx",
                "05-appeals.xlsx",
                "06-satisfaction.xlsx",
                "07-suggestions-complaints.xlsx",
                "08-breaches.xlsx",
                "09-data-subject-requests.xlsx",
            ],
        )
        self.assertEqual(archive.read("02-policy-2.0-signed-copy.pdf"), SIGNED_COPY)
        acks = {row[1]: row for row in self.sheet_rows(archive, "03-acknowledgements.xlsx")}
        self.assertEqual(len(acks), 6)
        self.assertEqual(sum(1 for row in acks.values() if row[3] == "تم الإقرار"), 3)
        self.assertEqual(acks["متطوع"][0], "2.0")
        self.assertIn("هـ الموافق", acks["متطوع"][5])
        self.assertEqual(acks[self.manager_c.name][3], "لم يُطلب")
        # The AML reading has its own column: nobody confirmed it here (not required).
        self.assertEqual(len(acks["متطوع"]), 7)
        self.assertFalse(any(row[6] for row in acks.values()))
        decided = self.sheet_rows(archive, "04-decision-timeliness.xlsx")
        self.assertEqual(
            sorted(row[0] for row in decided),
            sorted(self.requests[k].ref for k in ("r3", "r4", "r5", "r7", "r8", "r9")),
        )
        late = [row[0] for row in decided if row[6] == "لا"]
        self.assertEqual(late, [self.requests["r5"].ref])
        appeals = self.sheet_rows(archive, "05-appeals.xlsx")
        self.assertEqual(len(appeals), 3)
        satisfaction = dict(self.sheet_rows(archive, "06-satisfaction.xlsx"))
        self.assertEqual(satisfaction["مؤشر الرضا (%)"], 65.0)
        self.assertEqual(satisfaction["نسبة الاستجابة (%)"], 66.7)
        suggestions = self.sheet_rows(archive, "07-suggestions-complaints.xlsx")
        self.assertEqual(len(suggestions), 4)
        answered = [row for row in suggestions if row[9]]
        self.assertEqual([row[9] for row in answered], ["نعتذر، أضفنا موظفاً."])
        self.assertEqual(len(self.sheet_rows(archive, "08-breaches.xlsx")), 3)
        summary = wizard._evidence_summary()
        self.assertEqual((summary["acks_done"], summary["acks_total"]), (3, 6))
        self.assertEqual(summary["acks_rate"], 50.0)
        self.assertEqual(
            (summary["aml_required"], summary["aml_done"], summary["aml_rate"]), (False, 0, 0.0)
        )
        self.assertEqual((summary["decided"], summary["in_time"]), (6, 5))
        # 10 + 5 + 30 + 3 + 4 + 6 = 58 days / 6
        self.assertEqual(summary["days_avg"], 9.7)
        self.assertEqual((summary["appeals_decided"], summary["appeals_overturned"]), (2, 1))
        self.assertEqual((summary["suggestions"], summary["complaints"]), (1, 3))
        self.assertEqual(
            (
                summary["data_requests"],
                summary["data_requests_open"],
                summary["data_requests_overdue"],
            ),
            (4, 3, 3),
        )
        report = self.env.ref("beneficiary_relations.action_report_evidence_pack")
        html = (
            report.with_user(self.manager_c)
            ._render_qweb_html(report.report_name, wizard.ids)[0]
            .decode()
        )
        self.assertIn("ملف أدلة الحوكمة", html)
        self.assertIn("14", html)
        self.assertIn(self.policy_c.chair_name, html)
        self.assertIn("09-data-subject-requests.xlsx", html)
        # The AML reading is recorded now (its own column, no row here: not required).
        self.assertNotIn("لا يسجل هذا النظام الاطلاع على سياسة مكافحة غسل", html)

    def test_data_subject_requests_with_their_clocks(self):
        archive, _wizard = self.export()
        rows = self.sheet_rows(archive, "09-data-subject-requests.xlsx")
        by_ref = {row[0]: row for row in rows}
        expected = {
            self.data_requests[key].name: overdue
            for key, overdue in (("d1", "نعم"), ("d2", "لا"), ("d3", "نعم"), ("d4", "نعم"))
        }
        self.assertEqual({ref: row[6] for ref, row in by_ref.items()}, expected)
        d4 = by_ref[self.data_requests["d4"].name]
        self.assertIn("هـ الموافق", d4[3])  # received, Hijri beside Gregorian
        self.assertIn("هـ الموافق", d4[4])  # due
        self.assertIn("هـ الموافق", d4[5])  # answered
        self.assertFalse(by_ref[self.data_requests["d1"].name][5])
        # The reference and the right exercised only: no name, ID or contact.
        cells = " ".join(str(cell) for row in rows for cell in row if cell)
        for key in ("d1", "d2", "d3", "d4"):
            self.assertNotIn(self.data_requests[key].requester_name, cells)
            national_id = self.data_requests[key].beneficiary_id.national_id
            if national_id:
                self.assertNotIn(national_id, cells)

    def test_refused_over_rpc(self):
        period = {"date_from": str(self.today - timedelta(days=30)), "date_to": str(self.today)}
        self.refused("br_dash_officer", "beneficiary.evidence.pack", "create", [period])
        # A manager of another association cannot export this one's pack.
        pack_id = self.call(
            "br_manager",
            "beneficiary.evidence.pack",
            "create",
            [{**period, "company_id": self.company_c.id}],
        )
        self.refused("br_manager", "beneficiary.evidence.pack", "action_export", [[pack_id]])
        action = self.call(
            "br_dash_manager",
            "beneficiary.evidence.pack",
            "action_export",
            [[self.call("br_dash_manager", "beneficiary.evidence.pack", "create", [period])]],
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
