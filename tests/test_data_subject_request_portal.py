import re
from datetime import date

from odoo.tests import tagged

from .common import TINY_PDF
from .common_portal import PortalCommon
from .common_rpc import JsonRpcMixin

DSR = "beneficiary.data.subject.request"
LIMIT = "beneficiary_relations.data_request_limit_per_hour"


@tagged("post_install", "-at_install", "pdpl")
class TestDataSubjectRequestPortal(JsonRpcMixin, PortalCommon):
    """Rights requests from the portal (own and represented people), from the public
    page (nothing disclosed), and their limits over JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(LIMIT, 0)
        cls.minor = cls.create_beneficiary(
            first_name="ريم",
            birth_date=date.today().replace(year=date.today().year - 12),
            declaration=False,
            consent=False,
        )
        cls.minor.with_user(cls.officer).write(
            {
                "guardian_partner_id": cls.user_a.partner_id.id,
                "guardian_relation": "father",
                "guardian_proof_file": TINY_PDF,
                "guardian_proof_file_name": "deed.pdf",
            }
        )

    def page_csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def post_portal(self, **values):
        token = self.page_csrf("/my/data-requests/new")
        return self.url_open(
            "/my/data-requests/new", data={"csrf_token": token, "kind": "access", **values}
        )

    def post_public(self, **values):
        token = self.page_csrf("/data-request")
        data = {
            "csrf_token": token,
            "kind": "copy",
            "requester_name": "زائر الموقع",
            "requester_mobile": "0551234567",
            **values,
        }
        return self.url_open("/data-request", data=data)

    def test_portal_request_for_self_and_for_represented_person(self):
        self.authenticate("br_portal_a", "br_portal_a")
        response = self.post_portal(beneficiary_id=self.minor.id, details="أريد نسخة")
        self.assertEqual(response.status_code, 200)
        dsr = self.env[DSR].search([("beneficiary_id", "=", self.minor.id)])
        self.assertEqual(dsr.requester_partner_id, self.user_a.partner_id)
        self.assertEqual(dsr.requester_relation, "guardian")
        self.assertEqual(
            (dsr.channel, dsr.state, dsr.identity_method), ("portal", "verified", "portal")
        )
        self.assertIn(dsr.name, response.text)
        response = self.post_portal(beneficiary_id=self.file_a.id, kind="correction")
        self.assertIn("Tell us what to correct", response.text)
        self.post_portal(beneficiary_id=self.file_a.id, kind="correction", details="اسم الحي")
        own = self.env[DSR].search([("beneficiary_id", "=", self.file_a.id)])
        self.assertEqual(own.requester_relation, "self")
        listing = self.url_open("/my/data-requests")
        self.assertIn(own.name, listing.text)
        self.assertIn(dsr.name, listing.text)
        # B cannot file for A's file, nor read A's requests.
        self.authenticate("br_portal_b", "br_portal_b")
        response = self.post_portal(beneficiary_id=self.file_a.id)
        # B reads the portal in Arabic.
        self.assertIn("اختر صاحب البيانات التي يخصها الطلب", response.text)
        self.assertFalse(
            self.env[DSR].search([("requester_partner_id", "=", self.user_b.partner_id.id)])
        )
        self.assertEqual(self.url_open("/my/data-requests/%s" % own.id).status_code, 403)
        self.assertNotIn(own.name, self.url_open("/my/data-requests").text)

    def test_public_request_reveals_nothing(self):
        self.authenticate(None, None)
        known = self.post_public(national_id=self.file_a.national_id)
        unknown = self.post_public(national_id=self.new_national_id())
        self.assertEqual(known.status_code, unknown.status_code)
        requests = self.env[DSR].search([("channel", "=", "public")], order="id")
        self.assertEqual(len(requests), 2)

        def strip(text):
            for request in requests:
                text = text.replace(request.name, "REF")
            text = re.sub(r'name="csrf_token" value="[^"]+"', "", text)
            return re.sub(r'csrf_token: "[^"]+"', "", text)

        self.assertEqual(strip(known.text), strip(unknown.text))
        self.assertNotIn(self.file_a.name, known.text)
        # Nothing is linked nor sent before staff verify the identity.
        self.assertFalse(requests.beneficiary_id)
        self.assertEqual(set(requests.mapped("state")), {"received"})
        self.assertFalse(self.env["sms.sms"].search([("number", "=", "0551234567")]))

    def test_public_form_errors_keep_the_input(self):
        self.authenticate(None, None)
        response = self.post_public(national_id="1000000000", details="نص طويل")
        self.assertIn("national ID or Iqama", response.text)
        self.assertIn("نص طويل", response.text)
        self.assertFalse(self.env[DSR].search([("channel", "=", "public")]))

    def test_public_form_is_limited(self):
        self.env["ir.config_parameter"].set_param(LIMIT, 1)
        self.authenticate(None, None)
        self.post_public(national_id=self.new_national_id())
        response = self.post_public(national_id=self.new_national_id())
        self.assertEqual(response.status_code, 429)
        self.assertEqual(len(self.env[DSR].search([("channel", "=", "public")])), 1)

    def test_rpc_limits(self):
        dsr = self.env[DSR].create(
            {
                "kind": "access",
                "requester_name": "س",
                "requester_partner_id": self.user_a.partner_id.id,
            }
        )
        other = self.env[DSR].create({"kind": "access", "requester_name": "ص"})
        # The portal reads only its own requests and creates none directly.
        found = self.call("br_portal_a", DSR, "search_read", [[]], {"fields": ["name"]})
        self.assertEqual([row["id"] for row in found], dsr.ids)
        self.refused("br_portal_a", DSR, "read", [other.ids, ["name"]])
        self.refused("br_portal_a", DSR, "create", [{"kind": "access", "requester_name": "x"}])
        self.refused("br_portal_a", DSR, "write", [dsr.ids, {"state": "answered"}])
        # Committee and partnerships staff have no access; officers cannot jump the workflow.
        self.refused("br_committee", DSR, "read", [dsr.ids, ["name"]])
        self.refused("br_partnerships", DSR, "search_read", [[]])
        self.refused("br_officer", DSR, "write", [dsr.ids, {"state": "answered"}])
        self.refused(
            "br_officer",
            DSR,
            "create",
            [{"kind": "access", "requester_name": "x", "state": "verified"}],
        )
        self.refused("br_officer", DSR, "action_destroy", [dsr.ids])
        self.refused(
            "br_officer",
            DSR,
            "write",
            [dsr.ids, {"requester_partner_id": self.user_b.partner_id.id}],
        )
        self.assertEqual(dsr.state, "received")

    # ------------------------------------------------------------------- tour
    def check_tour(self, user, beneficiary):
        self.env.flush_all()
        self.start_tour(
            "/my/data-requests", "beneficiary_data_request_portal_tour", login=user.login
        )
        self.env.invalidate_all()
        dsr = self.env[DSR].search([("requester_partner_id", "=", user.partner_id.id)])
        self.assertEqual(len(dsr), 1)
        self.assertEqual(
            (dsr.kind, dsr.beneficiary_id, dsr.state), ("copy", beneficiary, "verified")
        )
        self.assertIn("Portal tour", dsr.details)

    def test_tour_english(self):
        self.user_b.lang = "en_US"
        self.check_tour(self.user_b, self.file_b)

    def test_tour_arabic(self):
        self.user_b.lang = "ar_001"
        self.check_tour(self.user_b, self.file_b)
