import re
from datetime import date

from odoo import Command
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from ..tools import saudi
from .common_apply import PDF, PortalApplyCommon
from .common_rpc import JsonRpcMixin
from .test_public_forms_security import APPLY_LIMIT

GUARDIAN_ID = saudi.national_id_check_digit("104444321")
MINOR_ID = saudi.national_id_check_digit("112222333")
TOUR_MINOR_ID = "1122223348"  # typed by portal_guardian_apply_tour
GUARDIAN_SERVICE = "خدمة رعاية الأطفال"


class GuardianApplyCommon(JsonRpcMixin, PortalApplyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.child_service = cls.env["beneficiary.service"].create(
            {
                "name": GUARDIAN_SERVICE,
                "company_id": cls.company.id,
                "portal_published": True,
                "decision_days": 10,
            }
        )
        cls.proof_type = cls.env.ref("beneficiary_relations.document_type_guardianship_proof")
        cls.minor_birth = date.today().replace(year=date.today().year - 11, day=1)
        cls.guardian_user = mail_new_test_user(
            cls.env,
            login="br_apply_guardian",
            groups="base.group_portal",
            name="عبدالله محمد الوصي",
            email="br_apply_guardian@example.com",
            mobile="+966 55 000 4321",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.other_user = mail_new_test_user(
            cls.env,
            login="br_apply_other",
            groups="base.group_portal",
            name="مستخدم آخر",
            email="br_apply_other@example.com",
        )

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param(APPLY_LIMIT, 0)

    def guardian_url(self, service=None):
        return self.url("/beneficiary/apply/%s/guardian" % (service or self.child_service).id)

    def open_guardian_form(self, service=None):
        response = self.url_open(self.guardian_url(service))
        self.assertEqual(response.status_code, 200)
        html = response.text
        return {
            "html": html,
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', html).group(1),
            "form_token": re.search(r'name="form_token" value="([^"]+)"', html).group(1),
            "privacy_notice_version": (
                re.search(r'name="privacy_notice_version" value="([^"]*)"', html) or [None, None]
            )[1],
        }

    def guardian_data(self, form, signed_in=False, **values):
        data = self.form_data(
            form,
            first_name="ريم",
            father_name="عبدالله",
            grandfather_name="محمد",
            family_name="الوصي",
            national_id=MINOR_ID,
            birth_date=self.minor_birth.isoformat(),
            email=None,
            category_ids=None,
            description="تحتاج ابنتي دعماً دراسياً",
            guardian_relation="father",
            guardian_national_id=GUARDIAN_ID,
        )
        if not signed_in:
            data.update(
                guardian_name="عبدالله محمد الوصي",
                guardian_mobile="0550004321",
                guardian_email="guardian.online@example.com",
            )
        for key, value in values.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return data

    def proof(self):
        return {"document_%s" % self.proof_type.id: ("deed.pdf", PDF, "application/pdf")}

    def send(self, form, data, files=None, service=None):
        return self.url_open(
            self.guardian_url(service),
            data=data,
            files=self.proof() if files is None else files,
        )

    def minor_file(self, national_id=MINOR_ID):
        self.env.invalidate_all()
        return self.Beneficiary.search([("national_id", "=", national_id)])


@tagged("post_install", "-at_install", "guardian")
class TestGuardianApplyOnline(GuardianApplyCommon):
    """P32 online: a guardian or legal representative applies for a minor or a person
    they represent, signs for them, is recorded on the file and follows the request."""

    def test_ordinary_form_offers_the_guardian_form(self):
        form = self.open_form(self.child_service)
        link = "/beneficiary/apply/%s/guardian" % self.child_service.id
        self.assertIn(link, form["html"])
        data = self.form_data(
            form,
            national_id=MINOR_ID,
            birth_date=self.minor_birth.isoformat(),
            category_ids=None,
            email=None,
        )
        response = self.submit(form, data, {}, service=self.child_service)
        self.assertIn("under 18 cannot accept the declaration and consent", response.text)
        self.assertIn("guardian&#39;s form", response.text.replace("'", "&#39;"))
        self.assertIn(link, response.text)
        self.assertFalse(self.minor_file())

    def test_visitor_guardian_applies_for_a_minor(self):
        form = self.open_guardian_form()
        for name in ("guardian_name", "guardian_national_id", "guardian_relation"):
            self.assertIn('name="%s"' % name, form["html"])
        response = self.send(form, self.guardian_data(form))
        self.assertEqual(response.status_code, 200)
        self.assertRegex(response.url, r"/beneficiary/apply/thanks/[\w-]+$")
        minor = self.minor_file()
        self.assertEqual(len(minor), 1)
        self.assertTrue(minor.is_minor)
        guardian = minor.guardian_partner_id
        self.assertEqual(guardian.name, "عبدالله محمد الوصي")
        self.assertEqual(guardian.email, "guardian.online@example.com")
        self.assertEqual(minor.guardian_relation, "father")
        self.assertTrue(minor.guardian_receives_messages)
        proof = minor.guardian_proof_document_id
        self.assertEqual(proof.document_type_id, self.proof_type)
        self.assertEqual(proof.state, "pending", "staff check the proof")
        self.assertTrue(minor.guardian_has_proof)
        # The guardian signed, for the minor.
        self.assertEqual(sorted(minor.declaration_ids.mapped("kind")), ["consent", "declaration"])
        self.assertEqual(set(minor.declaration_ids.mapped("signer_relation")), {"guardian"})
        self.assertEqual(set(minor.declaration_ids.mapped("signer_name")), {guardian.name})
        # The guardian has the account, not the minor.
        self.assertFalse(minor.partner_id.user_ids)
        self.assertEqual(guardian.user_ids.login, "guardian.online@example.com")
        self.assertTrue(guardian.user_ids.share)
        request = minor.support_request_ids
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.guardian_partner_id, guardian)
        note = request.message_ids.filtered(lambda m: GUARDIAN_ID in str(m.body))
        self.assertTrue(note, "the guardian's own identity is noted for staff")
        # The messages about the request go to the guardian.
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", request._name), ("res_id", "=", request.id)])
        )
        self.assertIn(guardian, mails.recipient_ids)
        self.assertNotIn(minor.partner_id, mails.recipient_ids)

    def test_mobile_only_guardian_is_followed_by_sms(self):
        form = self.open_guardian_form()
        response = self.send(form, self.guardian_data(form, guardian_email=""))
        self.assertRegex(response.url, r"/beneficiary/apply/thanks/[\w-]+$")
        minor = self.minor_file()
        guardian = minor.guardian_partner_id
        self.assertFalse(guardian.email)
        self.assertFalse(guardian.user_ids, "no account without an email")
        self.assertEqual(minor.preferred_channel, "sms")
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", guardian.id)])
        self.assertTrue(sms)
        self.assertIn(minor.support_request_ids.ref, sms[0].body)

    def test_signed_in_guardian_applies_and_follows_the_request(self):
        self.authenticate("br_apply_guardian", "br_apply_guardian")
        form = self.open_guardian_form()
        self.assertIn(self.guardian_user.partner_id.name, form["html"])
        self.assertNotIn('name="guardian_name"', form["html"], "the account says who they are")
        response = self.send(form, self.guardian_data(form, signed_in=True))
        self.assertRegex(response.url, r"/beneficiary/apply/thanks/[\w-]+$")
        minor = self.minor_file()
        self.assertEqual(minor.guardian_partner_id, self.guardian_user.partner_id)
        request = minor.support_request_ids
        page = self.url_open("/my/requests")
        self.assertIn(request.ref, page.text)
        self.assertIn(minor.name, page.text)
        self.assertEqual(self.url_open("/my/requests/%s" % request.id).status_code, 200)
        # Applying again for the same person: on the same file, no new proof needed.
        form = self.open_guardian_form()
        data = self.guardian_data(form, signed_in=True, description="طلب ثان")
        response = self.send(form, data, files={})
        self.assertRegex(response.url, r"/beneficiary/apply/thanks/[\w-]+$", response.text[:3000])
        self.assertEqual(len(self.minor_file()), 1)
        self.assertEqual(len(minor.support_request_ids), 2)
        self.assertIn("guardian", minor.declaration_ids.mapped("signer_relation"))

    def test_guardian_sees_only_the_person_represented(self):
        self.authenticate("br_apply_guardian", "br_apply_guardian")
        form = self.open_guardian_form()
        self.send(form, self.guardian_data(form, signed_in=True))
        minor = self.minor_file()
        request = minor.support_request_ids
        stranger = self.create_file()
        other_request = self.Request.create(
            {"beneficiary_id": stranger.id, "service_id": self.child_service.id}
        )
        # JSON-RPC, as the web client sends it.
        found = self.call(
            "br_apply_guardian",
            "beneficiary.support.request",
            "search_read",
            [[]],
            {"fields": ["ref"]},
        )
        self.assertEqual([row["id"] for row in found], request.ids)
        files = self.call(
            "br_apply_guardian",
            "beneficiary.beneficiary",
            "search_read",
            [[]],
            {"fields": ["name"]},
        )
        self.assertEqual([row["id"] for row in files], minor.ids)
        self.refused(
            "br_apply_guardian", "beneficiary.support.request", "read", [other_request.ids, ["ref"]]
        )
        self.refused(
            "br_apply_guardian", "beneficiary.beneficiary", "read", [stranger.ids, ["name"]]
        )
        # Nor can the guardian hand the file to someone else.
        self.refused(
            "br_apply_guardian",
            "beneficiary.beneficiary",
            "write",
            [minor.ids, {"guardian_partner_id": self.other_user.partner_id.id}],
        )
        # Another portal user sees nothing of it.
        found = self.call(
            "br_apply_other",
            "beneficiary.support.request",
            "search_read",
            [[]],
            {"fields": ["ref"]},
        )
        self.assertNotIn(request.id, [row["id"] for row in found])
        self.authenticate("br_apply_other", "br_apply_other")
        self.assertNotIn(request.ref, self.url_open("/my/requests").text)
        self.assertEqual(self.url_open("/my/requests/%s" % request.id).status_code, 403)

    def test_guardian_form_errors_keep_what_was_typed(self):
        before = self.Request.search_count([])
        partners_before = self.env["res.partner"].search_count([])
        for values, files, message in (
            ({"guardian_relation": ""}, None, "Choose your relation to the person."),
            ({}, {}, "Attach this document."),
            ({"guardian_national_id": MINOR_ID}, None, "the person&#39;s own ID number"),
            ({"guardian_mobile": "12345"}, None, "Enter a Saudi mobile number"),
            ({"guardian_name": "عبدالله"}, None, "Type your full name"),
        ):
            with self.subTest(message=message):
                form = self.open_guardian_form()
                response = self.send(form, self.guardian_data(form, **values), files=files)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text.replace("'", "&#39;"))
                self.assertIn('value="%s"' % MINOR_ID, response.text)
        self.assertEqual(self.Request.search_count([]), before)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertFalse(self.minor_file())

    def test_guardian_email_of_an_account_is_refused(self):
        mail_new_test_user(self.env, login="taken.guardian@example.com", groups="base.group_portal")
        form = self.open_guardian_form()
        data = self.guardian_data(form, guardian_email="taken.guardian@example.com")
        response = self.send(form, data)
        self.assertIn("log in to apply for the person you represent", response.text)
        self.assertFalse(self.minor_file())

    def test_known_id_on_the_guardian_form_records_nothing(self):
        """P10: whoever types a known ID number gets the same answer and changes nothing:
        no guardian is recorded on someone's file from the public page."""
        existing = self.create_file(national_id=MINOR_ID, birth_date=self.minor_birth)
        partners_before = self.env["res.partner"].search_count([])
        form = self.open_guardian_form()
        response = self.send(form, self.guardian_data(form))
        self.assertRegex(response.url, r"/beneficiary/apply/thanks/[\w-]+$")
        self.env.invalidate_all()
        self.assertFalse(existing.guardian_partner_id)
        self.assertFalse(existing.support_request_ids)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        # A signed-in user who is not the recorded guardian changes nothing either.
        self.authenticate("br_apply_guardian", "br_apply_guardian")
        form = self.open_guardian_form()
        self.send(form, self.guardian_data(form, signed_in=True))
        self.env.invalidate_all()
        self.assertFalse(existing.guardian_partner_id)
        self.assertFalse(existing.support_request_ids)

    def check_guardian_apply_tour(self, lang):
        self.guardian_user.lang = lang
        self.env.flush_all()
        self.start_tour(
            "/beneficiary/apply", "portal_guardian_apply_tour", login="br_apply_guardian"
        )
        minor = self.minor_file(TOUR_MINOR_ID)
        self.assertEqual(len(minor), 1)
        self.assertEqual(minor.guardian_partner_id, self.guardian_user.partner_id)
        self.assertEqual(minor.guardian_relation, "mother")
        self.assertTrue(minor.guardian_proof_document_id)
        self.assertEqual(minor.support_request_ids.state, "submitted")
        self.assertEqual(set(minor.declaration_ids.mapped("signer_relation")), {"guardian"})

    def test_guardian_apply_tour_english(self):
        self.check_guardian_apply_tour("en_US")

    def test_guardian_apply_tour_arabic(self):
        self.check_guardian_apply_tour("ar_001")
