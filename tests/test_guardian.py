from datetime import date, datetime, time, timedelta

from odoo import Command
from odoo.addons.beneficiary_relations.tools import deadline, hijri, saudi
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import TINY_PDF
from .common_apply import PortalApplyCommon
from .common_portal import PortalCommon
from .common_rpc import JsonRpcMixin

PROOF = TINY_PDF
# 2025-06-12 is a Thursday.
THURSDAY = "2025-06-12 09:00:00"


@tagged("post_install", "-at_install")
class TestGuardian(JsonRpcMixin, PortalCommon):
    """Guardians and legal representatives (P32): recorded with proof, they sign, receive
    the messages and follow the file on the portal; nobody else gains access by it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.minor = cls.create_beneficiary(
            first_name="ريم",
            birth_date=date.today().replace(year=date.today().year - 12),
            declaration=False,
            consent=False,
            email="reem.minor@example.com",
            mobile="+966 50 999 0001",
            preferred_channel="sms",
        )
        cls.guardian_user = cls.env["res.users"].create(
            {
                "name": "عبدالله الوصي",
                "login": "br_guardian",
                "password": "br_guardian",
                "email": "guardian@example.com",
                "mobile": "+966 55 000 1234",
                "lang": "en_US",
                "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )
        cls.guardian = cls.guardian_user.partner_id
        cls.other_guardian = cls.env["res.partner"].create(
            {"name": "خالد القريب", "email": "other@example.com"}
        )
        cls.proof_type = cls.env.ref("beneficiary_relations.document_type_guardianship_proof")

    def record_guardian(self, beneficiary=None, user=None, **values):
        beneficiary = (beneficiary or self.minor).with_user(user or self.officer)
        beneficiary.write(
            {
                "guardian_partner_id": self.guardian.id,
                "guardian_relation": "father",
                "guardian_proof_file": PROOF,
                "guardian_proof_file_name": "deed.pdf",
                **values,
            }
        )
        return beneficiary

    def represent(self, **values):
        """The guardian recorded with proof, who then signs for the minor."""
        self.record_guardian(**values)
        self.sign_wizard(self.minor).action_confirm()

    def sign_wizard(self, beneficiary, **values):
        return (
            self.env["beneficiary.beneficiary.sign"]
            .with_user(self.officer)
            .with_context(default_beneficiary_id=beneficiary.id)
            .create(
                {
                    "accept_declaration": True,
                    "accept_consent": True,
                    "signer_name": "Someone typed",
                    "channel_id": self.channel_interview.id,
                    **values,
                }
            )
        )

    # ---------------------------------------------------------------- recording
    def test_guardian_needs_relation_and_proof(self):
        minor = self.minor.with_user(self.officer)
        for values, message in (
            ({"guardian_relation": "father"}, "proof of the relation"),
            ({"guardian_proof_file": PROOF}, "Give the guardian's relation"),
        ):
            with self.assertRaises(ValidationError) as caught:
                minor.write({"guardian_partner_id": self.guardian.id, **values})
            self.assertIn(message, str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            minor.write({"guardian_receives_messages": True})
        self.assertIn("Record the guardian", str(caught.exception))
        self.record_guardian()
        self.assertTrue(self.minor.guardian_has_proof)
        self.assertTrue(self.minor.is_minor)
        note = self.minor.message_ids.filtered(lambda m: "Access changed by" in str(m.body))
        self.assertTrue(note, "the change of an access-granting field is logged")
        self.assertIn(self.guardian.name, str(note[0].body))

    def test_proof_document_is_a_guardianship_proof_of_the_file(self):
        Document = self.env["beneficiary.document"]
        wrong_type = Document.create(
            {
                "beneficiary_id": self.minor.id,
                "document_type_id": self.doc_cv.id,
                "file": PROOF,
            }
        )
        other_file = Document.create(
            {
                "beneficiary_id": self.file_b.id,
                "document_type_id": self.proof_type.id,
                "file": PROOF,
            }
        )
        for document in (wrong_type, other_file):
            with self.assertRaises(ValidationError) as caught:
                self.record_guardian(
                    guardian_proof_document_id=document.id, guardian_proof_file=False
                )
            self.assertIn("guardianship proof document of this file", str(caught.exception))
        proof = Document.create(
            {"beneficiary_id": self.minor.id, "document_type_id": self.proof_type.id, "file": PROOF}
        )
        self.record_guardian(guardian_proof_document_id=proof.id, guardian_proof_file=False)
        self.assertTrue(self.minor.guardian_has_proof)

    def test_only_a_manager_replaces_or_removes_a_guardian(self):
        self.record_guardian()
        minor = self.minor.with_user(self.officer)
        with self.assertRaises(AccessError):
            minor.write({"guardian_partner_id": self.other_guardian.id})
        with self.assertRaises(AccessError):
            minor.write({"guardian_partner_id": False})
        # Other roles never record one.
        with self.assertRaises(AccessError):
            self.record_guardian(beneficiary=self.create_beneficiary(), user=self.committee)
        self.minor.with_user(self.manager).write({"guardian_partner_id": self.other_guardian.id})
        self.assertEqual(self.minor.guardian_partner_id, self.other_guardian)

    # ------------------------------------------------------------------ signing
    def test_guardian_signs_for_the_minor(self):
        for relation, message in (("self", "under 18"), ("guardian", "No guardian is recorded")):
            with self.assertRaises(UserError) as caught:
                self.sign_wizard(self.minor, signer_relation=relation).action_confirm()
            self.assertIn(message, str(caught.exception))
        self.assertFalse(self.minor.declaration_ids)
        self.record_guardian()
        wizard = self.sign_wizard(self.minor)
        self.assertEqual(wizard.signer_relation, "guardian", "the recorded guardian by default")
        wizard.action_confirm()
        declarations = self.minor.declaration_ids
        self.assertEqual(sorted(declarations.mapped("kind")), ["consent", "declaration"])
        self.assertEqual(set(declarations.mapped("signer_name")), {self.guardian.name})
        self.assertEqual(set(declarations.mapped("signer_relation")), {"guardian"})
        self.assertTrue(self.minor.consent_date)

    def test_adult_still_signs_for_themselves(self):
        adult = self.create_beneficiary(declaration=False, consent=False)
        self.sign_wizard(adult, signer_relation="self", signer_name=adult.name).action_confirm()
        self.assertEqual(adult.declaration_ids.mapped("signer_relation"), ["self", "self"])

    # ----------------------------------------------------------------- messages
    def test_messages_go_to_the_guardian_when_the_file_says_so(self):
        self.represent(guardian_receives_messages=True)
        request = self.create_request(self.minor, self.service)
        request.action_submit()
        self.assertEqual(request._message_recipient(), self.guardian)
        message = request.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertIn(self.guardian, mail.recipient_ids)
        self.assertNotIn(self.minor.partner_id, mail.recipient_ids)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.guardian.id)])
        self.assertTrue(sms, "the minor prefers SMS: the guardian's mobile gets it")
        self.assertIn("550001234", sms.number.replace(" ", ""))
        self.assertFalse(
            self.env["sms.sms"].sudo().search([("partner_id", "=", self.minor.partner_id.id)])
        )

    def test_messages_stay_with_the_person_by_default(self):
        self.record_guardian()
        request = self.create_request(self.minor, self.service)
        self.assertEqual(request._message_recipient(), self.minor.partner_id)

    # ------------------------------------------------------------- portal (ORM)
    def test_guardian_portal_user_sees_the_represented_file_only(self):
        request = self.create_request(self.minor, self.service)
        Request = self.env["beneficiary.support.request"].with_user(self.guardian_user)
        Beneficiary = self.env["beneficiary.beneficiary"].with_user(self.guardian_user)
        self.assertFalse(Request.search([]))
        self.assertFalse(Beneficiary.search([]))
        self.record_guardian()
        self.assertEqual(Request.search([]), request)
        self.assertEqual(Beneficiary.search([]), self.minor)
        with self.assertRaises(AccessError):
            Request.browse(self.open_a.id).read(["ref"])
        # Removed by a manager: the access goes with it.
        self.minor.with_user(self.manager).write({"guardian_partner_id": False})
        self.env.invalidate_all()
        self.assertFalse(Request.search([]))

    # ------------------------------------------------------------- JSON-RPC
    def test_rpc_guardian_field_is_protected(self):
        self.record_guardian()
        # An officer cannot hand the file to another contact over JSON-RPC.
        answer = self.rpc(
            "br_officer",
            "beneficiary.beneficiary",
            "write",
            [[self.minor.id], {"guardian_partner_id": self.other_guardian.id}],
        )
        self.assertIn("error", answer)
        self.assertIn("decides who can see this record", answer["error"]["data"]["message"])
        # A portal user cannot make themselves someone's guardian.
        answer = self.rpc(
            "br_portal_b",
            "beneficiary.beneficiary",
            "write",
            [
                [self.file_a.id],
                {
                    "guardian_partner_id": self.user_b.partner_id.id,
                    "guardian_relation": "agent",
                    "guardian_proof_file": PROOF.decode(),
                },
            ],
        )
        self.assertIn("error", answer)
        self.env.invalidate_all()
        self.assertEqual(self.minor.guardian_partner_id, self.guardian)
        self.assertFalse(self.file_a.guardian_partner_id)

    def test_rpc_guardian_reads_the_requests_of_the_file_only(self):
        request = self.create_request(self.minor, self.service)
        self.record_guardian()
        answer = self.rpc(
            "br_guardian", "beneficiary.support.request", "search_read", [[]], {"fields": ["ref"]}
        )
        self.assertEqual([row["id"] for row in answer["result"]], request.ids)
        answer = self.rpc(
            "br_guardian", "beneficiary.support.request", "read", [self.open_a.ids, ["ref"]]
        )
        self.assertIn("error", answer)

    # --------------------------------------------------------------- portal HTTP
    def test_portal_guardian_view(self):
        self.represent()
        request = self.advance(self.create_request(self.minor, self.service), "submitted")
        self.authenticate("br_portal_b", "br_portal_b")
        self.assertNotIn(request.ref, self.url_open("/my/requests").text)
        self.assertEqual(self.url_open("/my/requests/%s" % request.id).status_code, 403)
        self.authenticate("br_guardian", "br_guardian")
        page = self.url_open("/my/requests")
        self.assertEqual(page.status_code, 200)
        self.assertIn(request.ref, page.text)
        self.assertIn("On behalf of", page.text)
        self.assertIn(self.minor.name, page.text)
        self.assertNotIn(self.open_a.ref, page.text)
        detail = self.url_open("/my/requests/%s" % request.id)
        self.assertEqual(detail.status_code, 200)
        self.assertIn(self.minor.name, detail.text)
        self.assertEqual(self.url_open("/my/requests/%s" % self.open_a.id).status_code, 403)
        # The person's own page does not say "on behalf of".
        self.authenticate("br_portal_a", "br_portal_a")
        self.assertNotIn("On behalf of", self.url_open("/my/requests").text)

    def check_guardian_tour(self, lang):
        self.guardian_user.lang = lang
        self.represent()
        request = self.advance(self.create_request(self.minor, self.service), "submitted")
        self.env.flush_all()
        self.start_tour("/my", "portal_guardian_tour", login="br_guardian")
        self.env.invalidate_all()
        message = request.message_ids.filtered(lambda m: "Guardian tour message" in (m.body or ""))
        self.assertEqual(message.author_id, self.guardian)

    def test_portal_guardian_tour_english(self):
        self.check_guardian_tour("en_US")

    def test_portal_guardian_tour_arabic(self):
        self.check_guardian_tour("ar_001")


@tagged("post_install", "-at_install")
class TestGuardianOnlineApplication(PortalApplyCommon):
    """Online: no self-consent for a minor, who is offered the guardian's path (P32); the
    birth date may be typed in Hijri."""

    def test_minor_cannot_consent_online(self):
        before = self.Request.search_count([])
        form = self.open_form()
        self.assertIn('name="birth_date_hijri"', form["html"])
        birth = date.today().replace(year=date.today().year - 15).isoformat()
        number = saudi.national_id_check_digit("105555999")
        data = self.form_data(form, birth_date=birth, national_id=number)
        response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 200)
        self.assertIn("under 18 cannot accept the declaration and consent", response.text)
        self.assertIn("The guardian applies for them with the guardian", response.text)
        self.assertIn("/beneficiary/apply/%s/guardian" % self.service.id, response.text)
        self.assertNothingCreated(number, before)

    def test_birth_date_typed_in_hijri(self):
        form = self.open_form()
        data = self.form_data(form, birth_date=None, birth_date_hijri="١٤١٢/٠٩/١١")
        response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("was not sent", response.text)
        beneficiary = self.Beneficiary.search([("national_id", "=", data["national_id"])])
        self.assertEqual(beneficiary.birth_date, hijri.from_hijri("1412/09/11"))
        self.assertEqual(beneficiary.birth_date_hijri, "1412/09/11")

    def test_invalid_or_different_hijri_birth_date(self):
        before = self.Request.search_count([])
        for typed, message in (
            ("1412/13/01", "This is not a Hijri date"),
            ("1400/01/01", "are not the same day"),
        ):
            with self.subTest(typed=typed):
                form = self.open_form()
                data = self.form_data(form, birth_date_hijri=typed)
                response = self.submit(form, data, self.files())
                self.assertIn(message, response.text)
                self.assertIn('value="%s"' % typed, response.text, "what was typed is kept")
        self.assertEqual(self.Request.search_count([]), before)


@tagged("post_install", "-at_install")
class TestHijriBirthDateAndHolidays(PortalCommon):
    """Dates the way people know them: a Hijri birth date on the file's form, and
    working-day deadlines that follow the association's calendar and public holidays."""

    def test_hijri_birth_date_on_the_file(self):
        beneficiary = self.file_a.with_user(self.officer)
        beneficiary.birth_date_hijri = "1410/10/20"
        self.assertEqual(beneficiary.birth_date, date(1990, 5, 15))
        with self.assertRaises(ValidationError) as caught:
            beneficiary.birth_date_hijri = "1410/10/31"
        self.assertIn("is not a Hijri date", str(caught.exception))
        self.assertEqual(beneficiary.birth_date, date(1990, 5, 15), "nothing lost")
        with Form(self.env["beneficiary.beneficiary"].with_user(self.officer)) as form:
            form.first_name = "سلمى"
            form.father_name = "أحمد"
            form.grandfather_name = "علي"
            form.family_name = "القحطاني"
            form.birth_date_hijri = "1446/06/28"
            self.assertEqual(form.birth_date, date(2024, 12, 29))
        self.assertEqual(form.record.birth_date_hijri, "1446/06/28")

    def test_saudi_calendar_for_saudi_associations(self):
        for company in (self.company, self.company_b):
            calendar = company.resource_calendar_id
            self.assertEqual(deadline.calendar_weekdays(calendar), {6, 0, 1, 2, 3})
            self.assertEqual(calendar.tz, "Asia/Riyadh")

    def holiday(self, first, last, company=None):
        company = company or self.company
        # The association's manager keeps its public holidays (menu Configuration).
        user = self.manager if company == self.company else self.env.user
        return (
            self.env["resource.calendar.leaves"]
            .with_user(user)
            .create(
                {
                    "name": "عطلة عيد الأضحى",
                    "calendar_id": company.resource_calendar_id.id,
                    "company_id": company.id,
                    # Riyadh midnight to midnight, stored in UTC (3 hours earlier).
                    "date_from": datetime.combine(first, time(0, 0)) - timedelta(hours=3),
                    "date_to": datetime.combine(last, time(23, 59, 59)) - timedelta(hours=3),
                }
            )
        )

    def submitted(self, service):
        with freeze_time(THURSDAY):
            request = self.create_request(self.file_a, service)
            request.action_submit()
            self.env.flush_all()
        return request

    def test_public_holidays_are_not_working_days(self):
        self.company.beneficiary_working_days = True
        service = self.create_service(name="Ten Working Days", decision_days=10)
        # Thursday 12 June + 10 working days = Thursday 26 June (Sunday–Thursday).
        request = self.submitted(service)
        self.assertEqual(request.decision_deadline, date(2025, 6, 26))
        # A public holiday from Sunday 15 to Tuesday 17 June, added by a manager: the
        # open request's deadline moves by three working days.
        holiday = self.holiday(date(2025, 6, 15), date(2025, 6, 17))
        self.env.flush_all()
        self.assertEqual(request.decision_deadline, date(2025, 7, 1))
        later = self.submitted(service)
        self.assertEqual(later.decision_deadline, date(2025, 7, 1))
        # Pauses count working days less the holidays too.
        pause = self.env["beneficiary.support.request.pause"].create(
            {
                "request_id": later.id,
                "reason": "وثائق",
                "start_date": date(2025, 6, 12),
                "end_date": date(2025, 6, 19),
            }
        )
        self.assertEqual(pause.days, 2, "Wednesday and Thursday only")
        holiday.unlink()
        self.env.flush_all()
        self.assertEqual(request.decision_deadline, date(2025, 6, 26))
        self.assertEqual(pause.days, 5)

    def test_calendar_days_ignore_holidays(self):
        self.company.beneficiary_working_days = False
        service = self.create_service(name="Ten Days", decision_days=10)
        self.holiday(date(2025, 6, 15), date(2025, 6, 17))
        self.assertEqual(self.submitted(service).decision_deadline, date(2025, 6, 22))

    def test_holiday_of_another_association_is_not_ours(self):
        self.company.beneficiary_working_days = True
        self.company_b.beneficiary_working_days = True
        self.holiday(date(2025, 6, 15), date(2025, 6, 17), company=self.company_b)
        service = self.create_service(name="Ten Working Days", decision_days=10)
        self.assertEqual(self.submitted(service).decision_deadline, date(2025, 6, 26))
        calendar_b = deadline.for_company(self.company_b)
        self.assertEqual(calendar_b.add_days(date(2025, 6, 12), 10), date(2025, 7, 1))
