import base64

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import TINY_PDF
from .common_partner import PartnerCommon


@tagged("post_install", "-at_install")
class TestPartnerPortal(HttpCase, PartnerCommon):
    """Partner associations on the portal (P21, P25): each reaches only its own records,
    by page, JSON-RPC or attachment link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request_a = cls.new_request(cls.assoc_a)
        cls.request_b = cls.new_request(cls.assoc_b, objectives="أهداف الجمعية ب السرية")
        cls.attachment_b = cls.env["ir.attachment"].create(
            {
                "name": "licence-b.pdf",
                "raw": base64.b64decode(TINY_PDF),
                "res_model": cls.request_b._name,
                "res_id": cls.request_b.id,
            }
        )
        cls.request_b.attachment_ids = cls.attachment_b
        cls.mou_a = cls.active_mou(partner=cls.assoc_a)
        cls.mou_b = cls.active_mou(partner=cls.assoc_b)
        cls.report_a = cls.mou_a.report_ids.sorted("number")[0]
        cls.report_b = cls.mou_b.report_ids.sorted("number")[0]

    def post(self, url, data, files=None):
        return self.url_open(
            url, data={**data, "csrf_token": http.Request.csrf_token(self)}, files=files
        )

    def test_lists_show_only_own_association(self):
        self.authenticate("br_assoc_a", "br_assoc_a")
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('href="/my/partner-requests"', home.text)
        self.assertIn('href="/my/mous"', home.text)
        page = self.url_open("/my/partner-requests")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.request_a.name, page.text)
        self.assertNotIn(self.request_b.name, page.text)
        page = self.url_open("/my/mous")
        self.assertIn(self.mou_a.name, page.text)
        self.assertNotIn(self.mou_b.name, page.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["br_partner_request_count", "br_mou_count"]}
        )
        self.assertEqual(counters["br_partner_request_count"], 1)
        self.assertEqual(counters["br_mou_count"], 1)

    def test_other_association_is_refused_by_url(self):
        self.authenticate("br_assoc_a", "br_assoc_a")
        self.assertEqual(self.url_open(self.request_a.access_url).status_code, 200)
        for url in (
            "/my/partner-requests/%s" % self.request_b.id,
            "/my/mous/%s" % self.mou_b.id,
            "/my/mous/%s/pdf" % self.mou_b.id,
            "/my/mous/%s/reports/%s" % (self.mou_b.id, self.report_b.id),
            # Own MOU, other association's report.
            "/my/mous/%s/reports/%s" % (self.mou_a.id, self.report_b.id),
            "/web/content/%s" % self.attachment_b.id,
            "/my/partner-requests/%s/documents/%s" % (self.request_b.id, self.attachment_b.id),
            # Own request, other association's document.
            "/my/partner-requests/%s/documents/%s" % (self.request_a.id, self.attachment_b.id),
        ):
            response = self.url_open(url)
            self.assertIn(response.status_code, (403, 404), url)
            self.assertNotIn("أهداف الجمعية ب السرية", response.text)
        self.assertEqual(self.url_open("/my/partner-requests/999999").status_code, 404)
        response = self.post(
            "/my/mous/%s/reports/%s" % (self.mou_b.id, self.report_b.id),
            {"summary": "تقرير مزور"},
        )
        self.assertIn(response.status_code, (403, 404))
        self.assertEqual(self.report_b.state, "pending")

    def test_other_association_is_refused_by_json_rpc(self):
        self.authenticate("br_assoc_a", "br_assoc_a")

        def call(model, method, *args, **kwargs):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            )

        rows = call("beneficiary.partner.request", "search_read", [], fields=["name"])
        self.assertEqual([row["id"] for row in rows], self.request_a.ids)
        rows = call("beneficiary.mou.report", "search_read", [], fields=["name"])
        self.assertEqual({row["id"] for row in rows}, set(self.mou_a.report_ids.ids))
        with self.assertRaises(JsonRpcException):
            call("beneficiary.partner.request", "read", self.request_b.ids, ["objectives"])
        with self.assertRaises(JsonRpcException):
            call("beneficiary.mou", "read", self.mou_b.ids, ["name"])
        with self.assertRaises(JsonRpcException):
            call("beneficiary.mou.report", "write", self.report_a.ids, {"state": "accepted"})
        with self.assertRaises(JsonRpcException):
            call("beneficiary.partner.request", "read", self.request_a.ids, ["priority_score"])
        self.assertEqual(self.report_a.state, "pending")

    def test_file_a_request(self):
        self.authenticate("br_assoc_a", "br_assoc_a")
        self.assertEqual(self.url_open("/my/partner-requests/new").status_code, 200)
        values = {
            "service_id": str(self.service.id),
            "region_id": str(self.region_low.id),
            "expected_beneficiaries": "75",
            "objectives": "تأهيل 75 فتاة للعمل عن بعد",
            "date_start": "2026-09-01",
            "date_end": "2026-12-31",
        }
        # A text file named .pdf is refused, and nothing is created.
        response = self.post(
            "/my/partner-requests/new",
            values,
            files={"documents": ("licence.pdf", b"not really a pdf", "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("الملف licence.pdf ليس ملف PDF", response.text)
        Request = self.env["beneficiary.partner.request"]
        domain = [("partner_id", "=", self.assoc_a.id), ("channel", "=", "portal")]
        self.assertFalse(Request.search(domain))
        # Missing objectives: told next to the field.
        response = self.post("/my/partner-requests/new", {**values, "objectives": " "})
        self.assertIn('id="objectives_error"', response.text)
        self.assertFalse(Request.search(domain))

        response = self.post(
            "/my/partner-requests/new",
            values,
            files={"documents": ("licence.pdf", base64.b64decode(TINY_PDF), "application/pdf")},
        )
        created = Request.search(domain)
        self.assertEqual(len(created), 1)
        self.assertTrue(response.url.endswith("/my/partner-requests/%s?created=1" % created.id))
        self.assertEqual(created.state, "submitted")
        self.assertEqual(created.contact_id, self.contact_a)
        self.assertEqual(created.expected_beneficiaries, 75)
        self.assertEqual(created.attachment_ids.mapped("name"), ["licence.pdf"])
        # The association downloads its own document.
        url = "/my/partner-requests/%s/documents/%s" % (created.id, created.attachment_ids.id)
        self.assertIn(url, self.url_open(created.access_url).text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_only_partner_associations_file_requests(self):
        self.assoc_b.is_partner_association = False
        self.authenticate("br_assoc_b", "br_assoc_b")
        self.assertEqual(self.url_open("/my/partner-requests/new").status_code, 403)

    def test_send_impact_report(self):
        self.authenticate("br_assoc_a", "br_assoc_a")
        url = "/my/mous/%s/reports/%s" % (self.mou_a.id, self.report_a.id)
        self.assertEqual(self.url_open(url).status_code, 200)
        lines = self.report_a.line_ids.sorted("id")
        data = {"achieved_%s" % lines[0].id: "-3", "summary": "أثر الربع الأول"}
        response = self.post(url, data)
        self.assertIn('id="achieved_%s_error"' % lines[0].id, response.text)
        self.assertEqual(self.report_a.state, "pending")
        data = {
            "achieved_%s" % lines[0].id: "33",
            "achieved_%s" % lines[1].id: "5",
            "summary": "أثر الربع الأول",
        }
        response = self.post(
            url, data, files={"file": ("q1.pdf", base64.b64decode(TINY_PDF), "application/pdf")}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.report_a.state, "submitted")
        self.assertEqual(self.report_a.submitted_by_id, self.portal_a)
        self.assertEqual(self.report_a.file_name, "q1.pdf")
        self.assertEqual(lines[0].target_id.achieved_value, 33.0)
        # Sent once only.
        response = self.post(url, data)
        self.assertIn("سبق إرسال هذا التقرير.", response.text)

    def test_download_mou_pdf(self):
        self.authenticate("br_assoc_a", "br_assoc_a")
        response = self.url_open("/my/mous/%s/pdf" % self.mou_a.id, timeout=60)
        self.assertEqual(response.status_code, 200)
        # Tests render the report as HTML unless forced; the headers are the PDF's.
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn(self.mou_a.name, response.text)

    def test_list_queries_do_not_grow(self):
        self.authenticate("br_assoc_a", "br_assoc_a")
        self.url_open("/my/partner-requests")  # warm the caches

        def queries():
            self.env.registry.clear_cache()
            before = self.env.cr.sql_log_count
            self.assertEqual(self.url_open("/my/partner-requests").status_code, 200)
            return self.env.cr.sql_log_count - before

        few = queries()
        for _i in range(6):
            self.new_request(self.assoc_a)
        self.env.flush_all()
        many = queries()
        self.assertLessEqual(many, few + 2, (few, many))
