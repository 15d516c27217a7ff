import base64
import json
import re
from datetime import date

from odoo.addons.beneficiary_relations.controllers.portal import BeneficiaryPortal
from odoo.addons.beneficiary_relations.tools import hijri
from odoo.tests import tagged

from .common_portal import PDF_BYTES, REJECTION_REASONS, PortalCommon

DECISION_LETTER = "beneficiary_relations.action_report_decision_letter"


@tagged("post_install", "-at_install")
class TestPortalMy(PortalCommon):
    """The beneficiary's own portal pages (P4, P5, P10, P17, P18; PDPL access)."""

    def setUp(self):
        super().setUp()
        self.authenticate(self.user_a.login, self.user_a.login)

    # -------------------------------------------------------------------- home
    def test_home_counters(self):
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["br_request_count", "br_request_open_count", "br_profile_count"]},
        )
        self.assertEqual(
            counters, {"br_request_count": 3, "br_request_open_count": 1, "br_profile_count": 1}
        )
        page = self.url_open("/my")
        self.assertEqual(page.status_code, 200)
        self.assertIn('href="/my/requests"', page.text)
        self.assertIn('href="/my/profile"', page.text)
        self.assertIn('data-placeholder_count="br_request_open_count"', page.text)

    def test_home_without_file(self):
        """A portal user without a beneficiary file (a partner association's user)."""
        self.authenticate(self.portal_user.login, self.portal_user.login)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["br_request_count", "br_profile_count"]}
        )
        self.assertEqual(counters, {"br_request_count": 0, "br_profile_count": 0})
        page = self.url_open("/my/profile")
        self.assertEqual(page.status_code, 200)
        self.assertIn("لا يوجد ملف مستفيد مرتبط بحسابك", page.text)
        self.assertEqual(self.url_open("/my/profile/export").status_code, 404)

    # ---------------------------------------------------------------- requests
    def test_requests_list(self):
        page = self.url_open("/my/requests")
        self.assertEqual(page.status_code, 200)
        for request in self.open_a | self.rejected_a | self.done_a:
            self.assertIn(request.ref, page.text)
            self.assertIn('href="/my/requests/%s"' % request.id, page.text)
        self.assertNotIn(self.open_b.ref, page.text)
        # Hijri beside Gregorian, in the user's language.
        self.assertIn(hijri.dual_date_str(date(2024, 12, 15), "en_US"), page.text)
        # The expected decision date while open, then the decision with its date.
        self.assertIn(hijri.dual_date_str(self.open_a.decision_deadline, "en_US"), page.text)
        self.assertIn(hijri.dual_date_str(date(2024, 12, 29), "en_US"), page.text)
        self.assertIn(self.service_docs.name, page.text)
        self.assertIn("Rejected", page.text)

    def test_requests_list_filters_and_sort(self):
        page = self.url_open("/my/requests?filterby=open")
        self.assertIn(self.open_a.ref, page.text)
        self.assertNotIn(self.rejected_a.ref, page.text)
        page = self.url_open("/my/requests?filterby=decided&sortby=state")
        self.assertIn(self.rejected_a.ref, page.text)
        self.assertIn(self.done_a.ref, page.text)
        self.assertNotIn(self.open_a.ref, page.text)
        page = self.url_open("/my/requests?filterby=cancelled")
        self.assertIn("You have no support request here yet.", page.text)

    def test_requests_list_bad_input(self):
        """Unknown filters, sorts and pages fall back to the defaults."""
        for url in (
            "/my/requests?filterby=drop&sortby=id;drop",
            "/my/requests/page/99",
            "/my/requests?sortby=deadline",
        ):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                self.assertIn(self.rejected_a.ref, page.text)

    def test_requests_list_pager(self):
        self.patch(BeneficiaryPortal, "_br_requests_per_page", 2)
        page = self.url_open("/my/requests?sortby=date")
        self.assertEqual(page.text.count("o_br_request_row"), 2)
        self.assertIn("/my/requests/page/2", page.text)
        page = self.url_open("/my/requests/page/2?sortby=date")
        self.assertEqual(page.text.count("o_br_request_row"), 1)

    def test_request_arabic_rtl(self):
        self.authenticate(self.user_b.login, self.user_b.login)
        page = self.url_open(self.open_b.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertRegex(page.text, r'<html[^>]* dir="rtl"')
        self.assertRegex(page.text, r'<html[^>]* lang="ar-001"')
        self.assertIn(
            hijri.dual_date_str(self.open_b.decision_deadline, "ar_001"),
            page.text,
        )

    def test_request_page_open(self):
        page = self.url_open(self.open_a.access_url)
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertIn(self.open_a.ref, text)
        self.assertIn("Progress of your request", text)
        self.assertIn("Request received", text)
        self.assertIn("Expected decision date", text)
        self.assertIn(hijri.dual_date_str(self.open_a.decision_deadline, "en_US"), text)
        # The missing document, with its upload form.
        self.assertIn("Documents we still need", text)
        self.assertIn(self.doc_disability_report.name, text)
        self.assertIn('action="/my/requests/%s/document"' % self.open_a.id, text)
        self.assertIn('name="csrf_token"', text)
        # No decision, no letter, no survey yet; the extension point is there.
        self.assertNotIn("o_br_letter_download", text)
        self.assertNotIn('id="br_request_satisfaction"', text)
        self.assertIn('id="br_request_extra"', text)
        # The portal chatter, for the messages meant for the beneficiary.
        self.assertIn('class="d-print-none o_portal_chatter', text)

    def test_request_page_rejected(self):
        page = self.url_open(self.rejected_a.access_url)
        text = page.text
        self.assertIn("Decision: Rejected", text)
        for reason in REJECTION_REASONS:
            self.assertIn(reason, text)
        self.assertIn(hijri.dual_date_str(date(2024, 12, 29), "en_US"), text)
        self.assertIn(
            'href="/my/requests/%s?report_type=pdf&amp;download=true"' % self.rejected_a.id, text
        )
        self.assertNotIn("Documents we still need", text)
        self.assertNotIn('id="br_request_satisfaction"', text)

    def test_request_page_done_has_satisfaction_placeholder(self):
        page = self.url_open(self.done_a.access_url)
        self.assertIn('id="br_request_satisfaction"', page.text)
        self.assertIn("Service delivered", page.text)

    def test_request_unknown(self):
        self.assertEqual(self.url_open("/my/requests/999999999").status_code, 404)
        self.assertEqual(self.url_open("/my/requests/abc").status_code, 404)

    # ----------------------------------------------------------- decision letter
    def test_decision_letter(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        html = self.url_open(self.rejected_a.access_url + "?report_type=html")
        self.assertEqual(html.status_code, 200)
        self.assertIn(REJECTION_REASONS[0], html.content.decode())
        pdf = self.url_open(self.rejected_a.access_url + "?report_type=pdf&download=true")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # Tests render the "PDF" as its HTML source (no wkhtmltopdf run in test mode).
        self.assertIn(self.rejected_a.ref, pdf.content.decode())
        self.assertIn("attachment", pdf.headers["Content-Disposition"])
        self.assertIn(self.rejected_a.ref.replace("/", "_"), pdf.headers["Content-Disposition"])

    def test_decision_letter_needs_a_decision(self):
        response = self.url_open(self.open_a.access_url + "?report_type=pdf")
        self.assertEqual(response.status_code, 404)

    # ------------------------------------------------------------------ upload
    def test_upload_missing_document(self):
        response = self.upload(self.open_a, self.doc_disability_report, name="تقرير.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("upload=done", response.url, self.upload_error(response))
        self.assertIn("your document was received", response.text)
        self.assertIn("Received, being checked", response.text)
        document = self.file_a.document_ids.filtered(
            lambda d: d.document_type_id == self.doc_disability_report
        )
        self.assertEqual(len(document), 1)
        self.assertEqual(document.state, "pending")
        self.assertEqual(document.file_name, "تقرير.pdf")
        self.assertEqual(base64.b64decode(document.file), PDF_BYTES)
        self.assertGreater(document.expiry_date, date.today())
        note = self.open_a.message_ids.filtered(lambda m: "تقرير.pdf" in (m.body or ""))
        self.assertEqual(note.author_id, self.user_a.partner_id)
        self.assertTrue(note.subtype_id.internal)
        activity = self.open_a.activity_ids.filtered(
            lambda a: self.doc_disability_report.name in (a.summary or "")
        )
        self.assertEqual(activity.user_id, self.officer)

    def test_upload_bad_input(self):
        """Each refused file is explained next to the form; nothing is recorded."""
        cases = [
            (self.open_a, self.doc_disability_report, b"plain text, not a PDF", "Send a PDF"),
            (self.open_a, self.doc_cv, PDF_BYTES, "not requested for this request"),
            (self.rejected_a, self.doc_disability_report, PDF_BYTES, "is decided"),
            (self.open_a, self.doc_disability_report, b"", "Choose the file"),
            (self.open_a, self.env["beneficiary.document.type"], PDF_BYTES, "not requested"),
        ]
        for request, doc_type, content, message in cases:
            with self.subTest(message=message):
                self.assertFalse(self.upload_and_check(request, doc_type, content, message))
        for expiry, message in (
            ("", "Give the expiry date"),
            ("2020-01-31", "This document has expired"),
            ("31/31/2031", "Give the expiry date"),
        ):
            with self.subTest(message=message):
                self.assertFalse(
                    self.upload_and_check(
                        self.open_a,
                        self.doc_disability_report,
                        PDF_BYTES,
                        message,
                        expiry_date=expiry,
                    )
                )
        self.env["ir.config_parameter"].sudo().set_param(
            "beneficiary_relations.portal_max_upload_mb", "0.01"
        )
        big = PDF_BYTES + b" " * 11000
        self.assertFalse(
            self.upload_and_check(self.open_a, self.doc_disability_report, big, "0.01 MB")
        )
        self.assertFalse(self.file_a.document_ids.filtered(lambda d: d.state == "pending"))
        self.assertFalse(self.open_a.activity_ids.filtered(lambda a: a.user_id == self.officer))

    @staticmethod
    def upload_error(response):
        return re.findall(r'id="br_upload_error">(.*?)</div>', response.text, re.S)

    def upload_and_check(self, request, doc_type, content, message, **data):
        """Upload; ``True`` when accepted, else check the error is shown next to the form."""
        response = self.upload(request, doc_type, content=content, **data)
        self.assertEqual(response.status_code, 200)
        if "upload=done" in response.url:
            return True
        self.assertIn(message, response.text)
        return False

    def test_upload_needs_csrf(self):
        response = self.url_open(
            "/my/requests/%s/document" % self.open_a.id,
            data={"document_type_id": self.doc_disability_report.id},
            files={"file": ("report.pdf", PDF_BYTES)},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.file_a.document_ids.filtered(lambda d: d.state == "pending"))

    # ----------------------------------------------------------------- profile
    def test_profile_shows_data_held(self):
        page = self.url_open("/my/profile")
        self.assertEqual(page.status_code, 200)
        for value in (self.file_a.ref, self.file_a.national_id, self.file_a.name, "2929"):
            self.assertIn(value, page.text)
        self.assertIn('href="/my/profile/export"', page.text)
        self.assertIn('<label class="form-label" for="br_mobile">Mobile</label>', page.text)

    def test_profile_update_contact_and_address(self):
        old_mobile = self.file_a.mobile
        response = self.post_profile(
            mobile="٠٥٥١٢٣٤٥٦٧", district="الملقا", email="Noura@Example.com"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("saved=1", response.url)
        self.assertIn("Your changes were saved.", response.text)
        self.file_a.invalidate_recordset()
        self.assertEqual(self.file_a.mobile, "+966 55 123 4567")
        self.assertEqual(self.file_a.district, "الملقا")
        self.assertEqual(self.file_a.email, "noura@example.com")
        self.assertEqual(self.tracked_values(self.file_a, "district")[-1], "الملقا")
        note = self.file_a.message_ids.filtered(
            lambda m: "corrected their contact data" in (m.body or "")
        )
        self.assertEqual(note.author_id, self.user_a.partner_id)
        self.assertIn("%s → +966 55 123 4567" % old_mobile, note.body)
        self.assertNotIn("District", note.body)  # traced by the field tracking instead

    def test_profile_bad_input_keeps_typed_values(self):
        before = self.file_a._portal_profile_values()
        response = self.post_profile(
            building_number="12", email="not-an-email", short_address="xx", street="", mobile="abc"
        )
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("correct the fields marked below", text)
        for field_name, message in (
            ("building_number", "The building number has 4 digits."),
            ("email", "Enter a valid email address"),
            ("short_address", "The short address is 4 letters"),
            ("street", "cannot be left empty"),
            ("mobile", "Enter a phone number with digits only"),
        ):
            with self.subTest(field=field_name):
                self.assertRegex(
                    text, r'id="br_%s_error"[^>]*>[^<]*%s' % (field_name, re.escape(message))
                )
                self.assertRegex(text, r'id="br_%s"[^>]*aria-invalid="true"' % field_name)
        self.assertIn('value="not-an-email"', text)
        self.assertIn('value="12"', text)
        self.file_a.invalidate_recordset()
        self.assertEqual(self.file_a._portal_profile_values(), before)

    def test_profile_ignores_other_fields(self):
        national_id, name, state = self.file_a.national_id, self.file_a.name, self.file_a.state
        response = self.post_profile(national_id="1000000008", name="اسم آخر", state="closed")
        self.assertEqual(response.status_code, 200)
        self.file_a.invalidate_recordset()
        self.assertEqual(
            (self.file_a.national_id, self.file_a.name, self.file_a.state),
            (national_id, name, state),
        )
        self.assertNotEqual(state, "closed")
        # Nothing the beneficiary may change was changed: no trace in the chatter.
        self.assertFalse(
            self.file_a.message_ids.filtered(
                lambda m: "corrected their contact data" in (m.body or "")
            )
        )

    # -------------------------------------------------------------- PDPL copy
    def test_export_json(self):
        self.open_a.message_post(
            body="رسالة إلى المستفيدة", subtype_xmlid="mail.mt_comment", message_type="comment"
        )
        self.open_a.message_post(
            body="ملاحظة داخلية سرية", subtype_xmlid="mail.mt_note", message_type="comment"
        )
        response = self.url_open("/my/profile/export")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn(".json", response.headers["Content-Disposition"])
        data = json.loads(response.content)
        self.assertIn("Personal Data Protection Law", data["note"])
        [file] = data["files"]
        self.assertEqual(file["file_number"], self.file_a.ref)
        self.assertEqual(file["identity"]["national_id"], self.file_a.national_id)
        self.assertEqual(file["national_address"]["building_number"], "2929")
        self.assertEqual(
            {d["document"] for d in file["documents"]},
            set(self.file_a.document_ids.document_type_id.mapped("name")),
        )
        self.assertEqual(
            {d["kind"] for d in file["declarations"]},
            {"Declaration of Correct Data", "Consent to the Service Terms"},
        )
        requests = {r["reference"]: r for r in file["support_requests"]}
        self.assertEqual(
            set(requests), set((self.open_a | self.rejected_a | self.done_a).mapped("ref"))
        )
        self.assertEqual(requests[self.rejected_a.ref]["decision"], "Rejected")
        self.assertEqual(
            requests[self.rejected_a.ref]["decision_reasons"][:2], list(REJECTION_REASONS)
        )
        texts = [m["text"] for m in requests[self.open_a.ref]["messages"]]
        self.assertIn("رسالة إلى المستفيدة", texts)
        self.assertNotIn("ملاحظة داخلية سرية", response.text)
        self.assertNotIn("research_report", response.text)

    def test_export_html(self):
        response = self.url_open("/my/profile/export?format=html")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Personal Data Protection Law", response.text)
        self.assertIn(self.file_a.ref, response.text)
        self.assertIn(self.rejected_a.ref, response.text)
        self.assertIn("window.print()", response.text)
        self.assertIn('<th scope="row" class="w-50">National ID / Iqama</th>', response.text)

    # ------------------------------------------------------------------- tours
    def check_portal_tour(self, user, beneficiary, request):
        self.env.flush_all()
        self.start_tour("/my", "beneficiary_portal_tour", login=user.login)
        self.env.invalidate_all()
        message = request.message_ids.filtered(lambda m: "Portal tour message" in (m.body or ""))
        self.assertEqual(message.author_id, user.partner_id)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(beneficiary.district, "حي الملقا")

    def test_portal_tour_english(self):
        self.check_portal_tour(self.user_a, self.file_a, self.open_a)

    def test_portal_tour_arabic(self):
        self.check_portal_tour(self.user_b, self.file_b, self.open_b)
