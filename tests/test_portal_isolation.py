import json
import logging

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import JsonRpcException, tagged

from .common_portal import PDF_BYTES, PortalCommon

_logger = logging.getLogger(__name__)

MODELS = (
    "beneficiary.support.request",
    "beneficiary.beneficiary",
    "beneficiary.document",
    "beneficiary.declaration",
    "beneficiary.family.member",
)


@tagged("post_install", "-at_install")
class TestPortalIsolation(PortalCommon):
    """A portal user reaches only their own records: by URL, JSON-RPC and attachment
    links (P7, PDPL). B tries everything on A's records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["beneficiary.family.member"].create(
            [
                {"beneficiary_id": cls.file_a.id, "name": "سارة", "relation": "daughter"},
                {"beneficiary_id": cls.file_b.id, "name": "خالد", "relation": "son"},
            ]
        )
        cls.doc_a = cls.file_a.document_ids[0]
        cls.attachment_a = cls.env["ir.attachment"].search(
            [
                ("res_model", "=", "beneficiary.document"),
                ("res_id", "=", cls.doc_a.id),
                ("res_field", "=", "file"),
            ]
        )

    def setUp(self):
        super().setUp()
        self.authenticate(self.user_b.login, self.user_b.login)

    def own_records(self, model, user_file):
        domain = {
            "beneficiary.support.request": [("beneficiary_id", "=", user_file.id)],
            "beneficiary.beneficiary": [("id", "=", user_file.id)],
        }.get(model, [("beneficiary_id", "=", user_file.id)])
        return self.env[model].search(domain)

    # -------------------------------------------------------------------- URLs
    def test_other_request_page_is_forbidden(self):
        for url in (
            self.open_a.access_url,
            self.rejected_a.access_url + "?report_type=pdf&download=true",
            self.rejected_a.access_url + "?report_type=html",
            self.rejected_a.access_url + "?access_token=wrong-token",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 403)
                self.assertNotIn(self.open_a.ref, response.text)
                self.assertNotIn(self.rejected_a.ref, response.text)
        self.assertEqual(self.url_open(self.open_b.access_url).status_code, 200)

    def test_other_request_upload_is_forbidden(self):
        response = self.upload(self.open_a, self.doc_disability_report)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(
            self.file_a.document_ids.filtered(
                lambda d: d.document_type_id == self.doc_disability_report
            )
        )
        self.assertFalse(self.open_a.activity_ids.filtered(lambda a: a.user_id == self.officer))

    def test_requests_list_shows_own_only(self):
        page = self.url_open("/my/requests")
        self.assertIn(self.open_b.ref, page.text)
        for request in self.open_a | self.rejected_a | self.done_a:
            self.assertNotIn(request.ref, page.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["br_request_count", "br_profile_count"]}
        )
        self.assertEqual(counters, {"br_request_count": 1, "br_profile_count": 1})

    def test_profile_and_export_are_own_only(self):
        page = self.url_open("/my/profile")
        self.assertIn(self.file_b.ref, page.text)
        self.assertNotIn(self.file_a.ref, page.text)
        self.assertNotIn(self.file_a.national_id, page.text)
        export = self.url_open("/my/profile/export")
        data = json.loads(export.content)
        self.assertEqual([f["file_number"] for f in data["files"]], [self.file_b.ref])
        for value in (
            self.file_a.ref,
            self.file_a.national_id,
            self.file_a.mobile,
            self.open_a.ref,
            self.rejected_a.ref,
            self.file_a.family_member_ids.name,
        ):
            self.assertNotIn(value, export.text)
        html = self.url_open("/my/profile/export?format=html")
        self.assertIn(self.file_b.ref, html.text)
        self.assertNotIn(self.file_a.ref, html.text)

    def test_profile_post_changes_own_file_only(self):
        response = self.url_open(
            "/my/profile",
            data=dict(
                self.file_b._portal_profile_values(),
                district="النرجس",
                id=str(self.file_a.id),
                beneficiary_id=str(self.file_a.id),
                csrf_token=self.csrf(),
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.file_b.district, "النرجس")
        self.assertEqual(self.file_a.district, "العليا")

    # ---------------------------------------------------------------- JSON-RPC
    def test_json_rpc_search_read_returns_own_records(self):
        for model in MODELS:
            with self.subTest(model=model):
                records = self.call_kw(model, "search_read", [[]], {"fields": ["display_name"]})
                self.assertEqual(
                    {r["id"] for r in records}, set(self.own_records(model, self.file_b).ids)
                )
                self.assertTrue(records)

    def test_json_rpc_read_of_other_records_is_denied(self):
        for model in MODELS:
            other = self.own_records(model, self.file_a)
            self.assertTrue(other, model)
            with self.subTest(model=model), self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self.call_kw(model, "read", [other.ids[:1], ["display_name"]])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.call_kw(
                "beneficiary.support.request", "write", [self.open_b.ids, {"state": "approved"}]
            )

    def test_json_rpc_staff_assessment_hidden_from_owner(self):
        """The social research report is staff work, even on the beneficiary's own request."""
        self.open_b.sudo().research_report = "<p>تقييم الباحث</p>"
        for field_name in ("research_report", "override_reason"):
            with (
                self.subTest(field=field_name),
                self.assertRaisesRegex(JsonRpcException, "AccessError"),
            ):
                self.call_kw("beneficiary.support.request", "read", [self.open_b.ids, [field_name]])
        [values] = self.call_kw("beneficiary.support.request", "read", [self.open_b.ids, ["ref"]])
        self.assertEqual(values["ref"], self.open_b.ref)

    def test_json_rpc_attachments(self):
        domain = [("res_model", "=", "beneficiary.document"), ("res_field", "=", "file")]
        try:
            found = self.call_kw("ir.attachment", "search_read", [domain], {"fields": ["res_id"]})
        except JsonRpcException as error:
            self.assertIn("AccessError", str(error))
            found = []
        self.assertNotIn(self.attachment_a.id, [a["id"] for a in found])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.call_kw("ir.attachment", "read", [self.attachment_a.ids, ["datas"]])

    # ------------------------------------------------------------- attachments
    def test_attachment_links(self):
        self.assertTrue(self.attachment_a)
        for url in (
            "/web/content/%s" % self.attachment_a.id,
            "/web/content/beneficiary.document/%s/file" % self.doc_a.id,
            "/web/content?model=beneficiary.document&id=%s&field=file" % self.doc_a.id,
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotEqual(response.content, PDF_BYTES)
        # The owner downloads their own document.
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open("/web/content/beneficiary.document/%s/file" % self.doc_a.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF_BYTES)

    # ----------------------------------------------------------- access tokens
    def test_access_token_link(self):
        self.authenticate(None, None)
        token = self.open_a._portal_ensure_token()
        response = self.url_open(self.open_a.access_url + "?access_token=" + token)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.open_a.ref, response.text)
        self.assertIn('name="access_token" value="%s"' % token, response.text)
        response = self.url_open(
            self.open_a.access_url
            + "?access_token="
            + token[:-1]
            + ("1" if token.endswith("0") else "0")
        )
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(self.open_a.ref, response.text)
        # A token opens one request only.
        response = self.url_open(self.rejected_a.access_url + "?access_token=" + token)
        self.assertEqual(response.status_code, 403)
        # Without a token: sign in first.
        response = self.url_open(self.open_a.access_url)
        self.assertIn("/web/login", response.url)
        self.assertNotIn(self.open_a.ref, response.text)
        # The token holder sends a missing document.
        response = self.upload(self.open_a, self.doc_disability_report, access_token=token)
        self.assertIn("upload=done", response.url)
        self.assertTrue(
            self.file_a.document_ids.filtered(
                lambda d: d.document_type_id == self.doc_disability_report
            )
        )

    # -------------------------------------------------------------- messages
    def test_internal_notes_never_shown(self):
        self.open_b.message_post(
            body="COMMENT-FOR-FAHD", subtype_xmlid="mail.mt_comment", message_type="comment"
        )
        self.open_b.message_post(
            body="INTERNAL-NOTE-SECRET", subtype_xmlid="mail.mt_note", message_type="comment"
        )
        self.open_a.message_post(
            body="COMMENT-FOR-NOURA", subtype_xmlid="mail.mt_comment", message_type="comment"
        )
        page = self.url_open(self.open_b.access_url)
        self.assertNotIn("INTERNAL-NOTE-SECRET", page.text)
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "beneficiary.support.request", "thread_id": self.open_b.id},
        )
        bodies = " ".join(str(m.get("body")) for m in result["data"]["mail.message"])
        self.assertIn("COMMENT-FOR-FAHD", bodies)
        self.assertNotIn("INTERNAL-NOTE-SECRET", bodies)
        messages = self.call_kw(
            "mail.message",
            "search_read",
            [[("model", "=", "beneficiary.support.request")]],
            {"fields": ["body", "res_id"]},
        )
        bodies = " ".join(m["body"] for m in messages)
        self.assertIn("COMMENT-FOR-FAHD", bodies)
        self.assertNotIn("INTERNAL-NOTE-SECRET", bodies)
        self.assertNotIn("COMMENT-FOR-NOURA", bodies)
        self.assertEqual({m["res_id"] for m in messages}, set(self.open_b.ids))
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "beneficiary.support.request", "thread_id": self.open_a.id},
        )
        self.assertFalse(result["data"]["mail.message"])

    # ----------------------------------------------------------------- speed
    def test_requests_list_query_count_is_constant(self):
        """/my/requests costs the same number of queries for 5 or 40 requests (pager)."""
        user_c = mail_new_test_user(
            self.env, login="br_portal_c", groups="base.group_portal", name="Portal C"
        )
        file_c = self.create_beneficiary(partner_id=user_c.partner_id.id)
        requests = self.env["beneficiary.support.request"]
        for _i in range(5):
            requests |= self.create_request(file_c, self.service_direct)
        self.authenticate(user_c.login, user_c.login)
        self.url_open("/my/requests")  # warm the caches (templates, assets)

        def count():
            self.env.flush_all()
            before = self.cr.sql_log_count
            response = self.url_open("/my/requests")
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before, response

        few, response = count()
        self.assertEqual(response.text.count("o_br_request_row"), 5)
        for _i in range(35):
            self.create_request(file_c, self.service_direct)
        self.env.flush_all()
        many, response = count()
        _logger.info("/my/requests: %s queries for 5 requests, %s for 40", few, many)
        self.assertGreater(few, 3)  # the counter sees the server's queries
        self.assertEqual(many, few, "query count grows with the number of requests")
        self.assertIn("/my/requests/page/2", response.text)
