import base64

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common_portal import PDF_BYTES, PortalCommon

PARTNER_REQUEST = "beneficiary.partner.request"
NONEXISTENT = 999_999_999


@tagged("post_install", "-at_install")
class TestPortalStreamsSecurity(PortalCommon):
    """P4 / principle 5: a file is streamed as superuser only once it is proven to belong
    to a record the user may read. Attacked with foreign attachment ids (another
    beneficiary's, another association's, an unrelated model's, a nonexistent one) as the
    portal beneficiary, the partner association's portal user and a visitor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        portal_group = cls.env.ref("base.group_portal")

        def association(name, login):
            partner = Partner.create(
                {"name": name, "is_company": True, "is_partner_association": True}
            )
            user = cls.env["res.users"].create(
                {
                    "name": "منسق %s" % name,
                    "login": login,
                    "password": login,
                    "email": "%s@example.com" % login,
                    "company_id": cls.company.id,
                    "company_ids": [Command.set(cls.company.ids)],
                    "groups_id": [Command.set(portal_group.ids)],
                }
            )
            user.partner_id.parent_id = partner
            return partner, user

        cls.assoc_a, cls.assoc_user_a = association("جمعية البث أ", "br_stream_assoc_a")
        cls.assoc_b, cls.assoc_user_b = association("جمعية البث ب", "br_stream_assoc_b")

        cls.region = cls.env["beneficiary.region"].create(
            {"name": "منطقة اختبار البث", "need_level": "3"}
        )

        def partner_request(assoc):
            return cls.env[PARTNER_REQUEST].create(
                {
                    "partner_id": assoc.id,
                    "region_id": cls.region.id,
                    "service_id": cls.service.id,
                    "expected_beneficiaries": 10,
                    "objectives": "أهداف",
                }
            )

        cls.partner_request_a = partner_request(cls.assoc_a)
        cls.partner_request_b = partner_request(cls.assoc_b)
        Attachment = cls.env["ir.attachment"]

        def attachment(marker, res_model, res_id):
            return Attachment.create(
                {
                    "name": "%s.pdf" % marker,
                    "raw": PDF_BYTES + marker.encode(),
                    "res_model": res_model,
                    "res_id": res_id,
                }
            )

        cls.own_doc = attachment("OWN-ASSOC-A", PARTNER_REQUEST, cls.partner_request_a.id)
        cls.partner_request_a.attachment_ids = cls.own_doc
        cls.other_assoc_doc = attachment("OTHER-ASSOC-B", PARTNER_REQUEST, cls.partner_request_b.id)
        cls.partner_request_b.attachment_ids = cls.other_assoc_doc
        cls.other_beneficiary_request_doc = attachment(
            "BENEFICIARY-B-REQUEST", "beneficiary.support.request", cls.open_b.id
        )
        cls.other_beneficiary_file_doc = attachment(
            "BENEFICIARY-B-FILE", "beneficiary.beneficiary", cls.file_b.id
        )
        cls.unrelated_doc = attachment("UNRELATED-PARTNER", "res.partner", cls.assoc_b.id)
        cls.foreign = {
            "other association": cls.other_assoc_doc.id,
            "other beneficiary's request": cls.other_beneficiary_request_doc.id,
            "other beneficiary's file": cls.other_beneficiary_file_doc.id,
            "unrelated model": cls.unrelated_doc.id,
            "nonexistent": NONEXISTENT,
        }
        cls.markers = (
            b"OTHER-ASSOC-B",
            b"BENEFICIARY-B-REQUEST",
            b"BENEFICIARY-B-FILE",
            b"UNRELATED-PARTNER",
        )

    def document_url(self, request, attachment_id):
        return "/my/partner-requests/%s/documents/%s" % (request.id, attachment_id)

    def assertNoFile(self, response):
        for marker in self.markers + (b"OWN-ASSOC-A",):
            self.assertNotIn(marker, response.content)

    # ---------------------------------------------------------- partner documents
    def test_partner_document_foreign_ids_refused(self):
        self.authenticate("br_stream_assoc_a", "br_stream_assoc_a")
        for case, attachment_id in self.foreign.items():
            for request in (self.partner_request_a, self.partner_request_b):
                with self.subTest(case=case, request=request.id):
                    response = self.url_open(self.document_url(request, attachment_id))
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNoFile(response)
        # The legitimate owner still gets the file.
        response = self.url_open(self.document_url(self.partner_request_a, self.own_doc.id))
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"OWN-ASSOC-A", response.content)

    def test_partner_document_linked_from_another_record_is_not_served(self):
        """A file of another record put among the request's documents (by a staff mistake
        or a crafted write) is not proof of ownership: never streamed."""
        self.partner_request_a.attachment_ids = [
            Command.link(self.other_beneficiary_file_doc.id),
            Command.link(self.unrelated_doc.id),
            Command.link(self.other_assoc_doc.id),
        ]
        self.authenticate("br_stream_assoc_a", "br_stream_assoc_a")
        for attachment in (
            self.other_beneficiary_file_doc,
            self.unrelated_doc,
            self.other_assoc_doc,
        ):
            with self.subTest(attachment=attachment.name):
                response = self.url_open(self.document_url(self.partner_request_a, attachment.id))
                self.assertEqual(response.status_code, 404)
                self.assertNoFile(response)
        response = self.url_open(self.document_url(self.partner_request_a, self.own_doc.id))
        self.assertEqual(response.status_code, 200)

    def test_partner_document_as_beneficiary_and_visitor(self):
        self.authenticate("br_portal_b", "br_portal_b")
        for attachment_id in (self.own_doc.id, *self.foreign.values()):
            response = self.url_open(self.document_url(self.partner_request_a, attachment_id))
            self.assertIn(response.status_code, (403, 404))
            self.assertNoFile(response)
        self.authenticate(None, None)
        for attachment_id in (self.own_doc.id, *self.foreign.values()):
            response = self.url_open(
                self.document_url(self.partner_request_a, attachment_id), allow_redirects=False
            )
            # No session: sent to the login page, nothing of the file.
            self.assertIn(response.status_code, (303, 403, 404))
            self.assertNoFile(response)

    # ---------------------------------------------------------- decision letters
    def test_decision_letter_of_another_beneficiary_refused(self):
        for login in ("br_portal_b", "br_stream_assoc_a"):
            self.authenticate(login, login)
            for report_type in ("pdf", "html"):
                with self.subTest(login=login, report_type=report_type):
                    response = self.url_open(
                        "/my/requests/%s?report_type=%s" % (self.rejected_a.id, report_type)
                    )
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn("الدخل الشهري", response.content.decode())
            response = self.url_open("/my/requests/%s?report_type=pdf" % NONEXISTENT)
            self.assertIn(response.status_code, (403, 404))
        # A visitor with a made-up token.
        self.authenticate(None, None)
        response = self.url_open(
            "/my/requests/%s?report_type=html&access_token=forged" % self.rejected_a.id
        )
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("الدخل الشهري", response.content.decode())
        # The owner reads their letter.
        self.authenticate("br_portal_a", "br_portal_a")
        response = self.url_open("/my/requests/%s?report_type=html" % self.rejected_a.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("الدخل الشهري", response.content.decode())

    # ------------------------------------------------------ attaching by reference
    def test_partner_request_form_ignores_attachment_ids(self):
        """The client cannot attach an existing file by its id to a new request: only the
        files uploaded with the form are attached."""
        self.authenticate("br_stream_assoc_a", "br_stream_assoc_a")
        region = self.region
        before = self.env[PARTNER_REQUEST].search([])
        response = self.url_open(
            "/my/partner-requests/new",
            data={
                "csrf_token": self.csrf(),
                "service_id": self.service.id,
                "region_id": region.id,
                "expected_beneficiaries": "20",
                "objectives": "أهداف جديدة",
                "attachment_ids": [str(a) for a in self.foreign.values()],
                "attachment_id": str(self.other_beneficiary_file_doc.id),
            },
            files={"documents": ("mine.pdf", PDF_BYTES + b"MINE", "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        created = self.env[PARTNER_REQUEST].search([]) - before
        self.assertEqual(len(created), 1)
        self.assertEqual(created.attachment_ids.mapped("name"), ["mine.pdf"])
        self.assertEqual(created.attachment_ids.res_id, created.id)
        for attachment in (self.other_beneficiary_file_doc, self.other_assoc_doc):
            self.assertNotEqual(attachment.res_id, created.id)

    def test_request_upload_ignores_attachment_ids(self):
        self.authenticate("br_portal_a", "br_portal_a")
        documents_before = self.open_a.beneficiary_id.document_ids
        response = self.upload(
            self.open_a,
            self.doc_disability_report,
            attachment_ids=str(self.other_beneficiary_file_doc.id),
            attachment_id=str(self.other_beneficiary_request_doc.id),
        )
        self.assertEqual(response.status_code, 200)
        new_documents = self.open_a.beneficiary_id.document_ids - documents_before
        self.assertEqual(len(new_documents), 1)
        self.assertEqual(base64.b64decode(new_documents.file), PDF_BYTES)
        self.assertEqual(self.other_beneficiary_file_doc.res_id, self.file_b.id)
        self.assertEqual(self.other_beneficiary_request_doc.res_id, self.open_b.id)

    def test_chatter_post_with_foreign_attachment_refused(self):
        """The portal chatter refuses an attachment the user did not upload (no token)."""
        self.authenticate("br_portal_a", "br_portal_a")
        for attachment_id in (
            self.other_beneficiary_file_doc.id,
            self.other_beneficiary_request_doc.id,
            self.other_assoc_doc.id,
        ):
            with self.subTest(attachment=attachment_id), self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    "/mail/message/post",
                    {
                        "thread_model": "beneficiary.support.request",
                        "thread_id": self.open_a.id,
                        "post_data": {
                            "body": "انظر المرفق",
                            "attachment_ids": [attachment_id],
                            "message_type": "comment",
                        },
                    },
                )
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", "beneficiary.support.request"),
                    ("res_id", "=", self.open_a.id),
                    ("attachment_ids", "!=", False),
                ]
            )
        )
        self.assertEqual(self.other_beneficiary_file_doc.res_model, "beneficiary.beneficiary")
        self.assertEqual(self.other_beneficiary_file_doc.res_id, self.file_b.id)
