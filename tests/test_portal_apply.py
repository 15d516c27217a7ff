import base64
from datetime import date, timedelta

from odoo import Command
from odoo.addons.beneficiary_relations.tools import hijri, saudi
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import HttpCase, tagged
from odoo.tools import html_escape

from .common_apply import PDF, TOUR_NATIONAL_ID, PortalApplyCommon


@tagged("post_install", "-at_install")
class TestPortalApply(PortalApplyCommon):
    """The public online application page (issue #5), anonymous, in Arabic and English."""

    # ------------------------------------------------------------------ pages
    def test_services_page(self):
        response = self.url_open("/en/beneficiary/apply")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Home Care Online", response.text)
        self.assertIn("Aged 18 years or more.", response.text)
        self.assertNotIn("Hidden Internal Service", response.text)
        self.assertNotIn("Referred Elsewhere", response.text)
        self.assertIn('dir="ltr"', response.text)

        self.assertIn('href="/en/beneficiary/apply/%s"' % self.service.id, response.text)
        arabic = self.url_open("/ar/beneficiary/apply")
        self.assertEqual(arabic.status_code, 200)
        self.assertIn('dir="rtl"', arabic.text)
        self.assertIn('lang="ar-001"', arabic.text)
        self.assertIn('href="/beneficiary/apply/%s"' % self.service.id, arabic.text)

    def test_services_page_query_count(self):
        """The list's queries do not grow with the number of services."""

        def page_queries():
            before = self.cr.sql_log_count
            response = self.url_open("/en/beneficiary/apply")
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before

        page_queries()  # routing map, assets and caches
        first = page_queries()
        self.env["beneficiary.service"].create(
            [
                {
                    "name": "Extra Service %s" % i,
                    "company_id": self.company.id,
                    "portal_published": True,
                    "min_age": 10 + i,
                    "category_ids": [Command.set(self.category.ids)],
                    "document_type_ids": [Command.set((self.doc_id | self.doc_cv).ids)],
                }
                for i in range(5)
            ]
        )
        self.env.flush_all()
        page_queries()
        self.assertEqual(page_queries(), first)

    def test_form_anonymous_arabic_and_english(self):
        for lang, direction in (("ar", "rtl"), ("en", "ltr")):
            form = self.open_form(lang=lang)
            html = form["html"]
            self.assertIn('dir="%s"' % direction, html)
            self.assertIn("DECLARATION-7.3", html)
            self.assertIn("CONSENT-7.3", html)
            for doc_type in self.doc_id | self.doc_cv | self.doc_income:
                self.assertIn('name="document_%s"' % doc_type.id, html)
            self.assertIn('name="expiry_%s"' % self.doc_id.id, html)
            self.assertNotIn('name="expiry_%s"' % self.doc_cv.id, html)
            self.assertIn('value="%s"' % self.category.id, html)

    def test_unpublished_or_referred_service_not_found(self):
        for service in (self.service_hidden, self.service_referred):
            response = self.url_open("/en/beneficiary/apply/%s" % service.id)
            self.assertEqual(response.status_code, 404)
        response = self.url_open("/en/beneficiary/apply/999999")
        self.assertEqual(response.status_code, 404)

    # ------------------------------------------------------------------ happy path
    def test_apply_new_beneficiary(self):
        form = self.open_form(lang="ar")
        data = self.form_data(
            form, national_id="١٠٥٥٥٥١٢٣" + saudi.national_id_check_digit("105555123")[-1]
        )
        number = saudi.national_id_check_digit("105555123")
        response = self.submit(form, data, self.files(), lang="ar")
        self.assertEqual(response.status_code, 200)
        self.assertRegex(response.url, r"/beneficiary/apply/thanks/[\w-]+$")

        self.env.invalidate_all()
        beneficiary = self.Beneficiary.search([("national_id", "=", number)])
        self.assertEqual(len(beneficiary), 1)
        self.assertEqual(beneficiary.state, "draft")
        self.assertEqual(beneficiary.name, "نورة عبدالرحمن صالح الدوسري")
        self.assertEqual(beneficiary.mobile, "+966 55 123 4567")
        self.assertEqual(beneficiary.email, "noura.apply@example.com")
        self.assertEqual(str(beneficiary.birth_date), "1992-03-15")
        self.assertEqual(beneficiary.category_ids, self.category)
        self.assertEqual(beneficiary.company_id, self.company)
        self.assertEqual(beneficiary.officer_id, self.officer)
        self.assertEqual(beneficiary.lang, "ar_001")

        website = self.env.ref("beneficiary_relations.utm_medium_website")
        declarations = beneficiary.declaration_ids
        self.assertEqual(sorted(declarations.mapped("kind")), ["consent", "declaration"])
        self.assertEqual(declarations.policy_id, self.policy)
        self.assertEqual(set(declarations.mapped("version")), {"7.3"})
        self.assertEqual(declarations.channel_id, website)
        # The evidence of the online signature: the address and browser it came from.
        self.assertEqual(set(declarations.mapped("ip_address")), {"127.0.0.1"})
        self.assertTrue(all(declarations.mapped("user_agent")))
        self.assertIn(
            "DECLARATION-7.3", declarations.filtered(lambda d: d.kind == "declaration").text
        )
        self.assertEqual(beneficiary.declaration_version, "7.3")

        documents = beneficiary.document_ids
        self.assertEqual(documents.document_type_id, self.doc_id | self.doc_cv | self.doc_income)
        self.assertEqual(set(documents.mapped("state")), {"pending"})
        self.assertEqual(
            documents.filtered(lambda d: d.document_type_id == self.doc_id).expiry_date,
            date.today() + timedelta(days=400),
        )
        self.assertEqual(base64.b64decode(documents[0].file)[:4] in (b"%PDF", b"\x89PNG"), True)

        user = beneficiary.partner_id.user_ids
        self.assertEqual(len(user), 1)
        self.assertEqual(user.login, "noura.apply@example.com")
        self.assertTrue(user.share)
        self.assertTrue(user._is_portal())
        self.assertEqual(user.company_id, self.company)
        self.assertEqual(beneficiary.partner_id.signup_type, "signup")  # invitation sent
        # The portal user reaches their own file through the partner-based rules.
        self.assertEqual(
            self.env["beneficiary.beneficiary"].with_user(user).search([]), beneficiary
        )

        request = self.Request.search([("beneficiary_id", "=", beneficiary.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.channel_id, website)
        self.assertEqual(request.service_id, self.service)
        self.assertEqual(request.officer_id, self.officer)
        self.assertEqual(request.description, "أحتاج رعاية منزلية لوالدتي")
        self.assertTrue(request.decision_deadline)
        activity = request.activity_ids.filtered(lambda a: a.user_id == self.officer)
        self.assertEqual(len(activity), 1)
        notes = request.message_ids.filtered(
            lambda m: "تم استلام طلب من الموقع الإلكتروني" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)

        # The page shows what was typed (the Hijri birth date), never a reference: it must
        # read the same for an ID number on file (P10). The reference and the decision
        # date reach the applicant by email.
        self.assertIn(hijri.hijri_str(date(1992, 3, 15)), response.text)
        self.assertNotIn(request.ref, response.text)
        received = self.env["mail.mail"].search(
            [("model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertIn(request.ref, " ".join(received.mapped("subject")))

    def test_replayed_form_is_not_sent_twice(self):
        form = self.open_form()
        data = self.form_data(form)
        first = self.submit(form, data, self.files())
        self.assertEqual(first.status_code, 200)
        self.env.invalidate_all()
        number = data["national_id"]
        request = self.Request.search([("beneficiary_id.national_id", "=", number)])
        self.assertEqual(len(request), 1)

        again = self.submit(form, data, self.files())
        self.assertEqual(again.status_code, 200)
        self.assertIn("already sent", again.text)
        self.env.invalidate_all()
        self.assertEqual(
            self.Request.search_count([("beneficiary_id.national_id", "=", number)]), 1
        )

    def test_thanks_page_only_for_the_sender(self):
        form = self.open_form()
        sent = self.submit(form, self.form_data(form), self.files())
        self.assertEqual(self.url_open(sent.url).status_code, 200)
        self.assertIn("1992-03-15", self.url_open(sent.url).text)
        # Another browser (a new session) cannot read it.
        self.opener.cookies.clear()
        response = self.url_open(sent.url)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("1992-03-15", response.text)

    # ------------------------------------------------------------------ existing files
    def test_existing_national_id_no_duplicate(self):
        """P10: an ID number on file creates nothing and writes nothing on that file; its
        owner is told at the address on file, never at the typed one."""
        existing = self.create_file()
        requests_before = self.Request.search_count([])
        form = self.open_form()
        data = self.form_data(form, national_id=existing.national_id, email="intruder@example.com")
        response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 200)
        self.assertIn("thanks", response.url)
        self.assertIn("Your application was received", response.text)

        self.env.invalidate_all()
        files = self.Beneficiary.search([("national_id", "=", existing.national_id)])
        self.assertEqual(files, existing, "no duplicate file")
        self.assertEqual(existing.name, "سارة محمد علي الشهري")
        self.assertEqual(existing.email, "sara.onfile@example.com")
        self.assertEqual(self.Request.search_count([]), requests_before)
        self.assertFalse(existing.support_request_ids)
        self.assertFalse(existing.declaration_ids)
        self.assertFalse(existing.document_ids)
        # No account is opened from an anonymous request, on either address.
        Users = self.env["res.users"].with_context(active_test=False)
        self.assertFalse(existing.partner_id.user_ids)
        self.assertFalse(Users.search([("login", "=", "intruder@example.com")]))
        mails = self.env["mail.mail"].search(
            [("model", "=", existing._name), ("res_id", "=", existing.id)]
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids.mapped("email"), ["sara.onfile@example.com"])
        self.assertFalse(
            self.env["mail.mail"].search([("email_to", "ilike", "intruder@example.com")])
        )
        # Nothing of the file is shown.
        for secret in ("سارة", "الشهري", "sara.onfile", existing.ref, "111 2222"):
            self.assertNotIn(secret, response.text)

    def test_existing_file_with_account_same_answer(self):
        existing = self.create_file(national_id=saudi.national_id_check_digit("107777002"))
        mail_new_test_user(
            self.env,
            login="sara.portal@example.com",
            groups="base.group_portal",
            partner_id=existing.partner_id.id,
        )
        requests_before = self.Request.search_count([])
        form = self.open_form()
        data = self.form_data(form, national_id=existing.national_id)
        response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your application was received", response.text)
        self.assertNotIn("An online account already exists", response.text)
        for secret in ("سارة", "sara.portal", existing.ref):
            self.assertNotIn(secret, response.text)
        self.env.invalidate_all()
        self.assertEqual(self.Request.search_count([]), requests_before)
        self.assertFalse(existing.declaration_ids)
        # The way to apply reaches the owner at the address on file: log in.
        mail = self.env["mail.mail"].search(
            [("model", "=", existing._name), ("res_id", "=", existing.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("/web/login?redirect=/beneficiary/apply", mail.body_html)

    def test_existing_file_without_email_is_told_by_sms(self):
        existing = self.create_file(
            national_id=saudi.national_id_check_digit("107777004"), email=False
        )
        form = self.open_form()
        data = self.form_data(form, national_id=existing.national_id, email="typed@example.com")
        response = self.submit(form, data, self.files())
        self.assertIn("thanks", response.url)
        self.env.invalidate_all()
        self.assertFalse(existing.partner_id.user_ids)
        self.assertFalse(self.env["res.users"].search([("login", "=", "typed@example.com")]))
        self.assertFalse(existing.email, "the typed email is not written on the file")
        self.assertFalse(existing.support_request_ids)
        sms = self.env["sms.sms"].search([("partner_id", "=", existing.partner_id.id)])
        self.assertEqual(len(sms), 1)
        self.assertNotIn("typed@example.com", sms.body)
        self.assertFalse(self.env["mail.mail"].search([("email_to", "ilike", "typed@example.com")]))
        # The attempt is logged on the file for the officer.
        self.assertTrue(
            existing.message_ids.filtered(
                lambda m: "Nothing was recorded on the file" in (m.body or "")
            )
        )

    def test_closed_file_is_not_revealed(self):
        existing = self.create_file(national_id=saudi.national_id_check_digit("107777003"))
        existing.write({"state": "closed", "status_reason": "انتقل خارج المنطقة"})
        form = self.open_form()
        data = self.form_data(form, national_id=existing.national_id)
        response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your application was received", response.text)
        self.assertNotIn("contact the association", response.text)
        for secret in ("سارة", existing.ref, "انتقل خارج المنطقة"):
            self.assertNotIn(secret, response.text)
        self.env.invalidate_all()
        self.assertFalse(existing.support_request_ids)
        self.assertFalse(existing.declaration_ids)
        self.assertFalse(existing.document_ids)

    def test_new_file_with_email_of_an_account(self):
        requests_before = self.Request.search_count([])
        form = self.open_form()
        mail_new_test_user(self.env, login="taken@example.com", groups="base.group_portal")
        data = self.form_data(form, email="Taken@Example.com")
        response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 200)
        self.assertIn("An account already uses this email", response.text)
        self.assertNothingCreated(data["national_id"], requests_before)

    # ------------------------------------------------------------------ bad input
    def test_bad_input_keeps_typed_values(self):
        requests_before = self.Request.search_count([])
        form = self.open_form(lang="ar")
        valid = saudi.national_id_check_digit("105555124")
        wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)  # wrong check digit
        data = self.form_data(
            form,
            national_id=wrong,
            family_name="",
            mobile="12345",
            zip="123",
            accept_consent=None,
        )
        response = self.submit(form, data, self.files(), lang="ar")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("apply_errors", html)
        self.assertIn('id="apply_national_id_error"', html)
        self.assertIn('id="apply_family_name_error"', html)
        self.assertIn('id="apply_mobile_error"', html)
        self.assertIn('id="apply_zip_error"', html)
        self.assertIn('id="apply_accept_consent_error"', html)
        # Messages in Arabic, the page's language.
        arabic = self.env["beneficiary.beneficiary"].with_context(lang="ar_001")
        self.assertIn(
            html_escape(arabic._national_id_messages()["checksum"] % {"number": wrong}), html
        )
        self.assertIn(html_escape(arabic.env._("This field is required.")), html)
        self.assertIn('aria-invalid="true"', html)
        # What was typed is kept.
        for value in ("نورة", "عبدالرحمن", "طريق الملك فهد", "أحتاج رعاية منزلية لوالدتي", "12345"):
            self.assertIn(value, html)
        self.assertIn('value="%s"' % data["national_id"], html)
        self.assertRegex(html, r'id="apply_gender_female" value="female" checked')
        self.assertNothingCreated(data["national_id"], requests_before)

    def test_flood_of_applications_is_refused(self):
        # At most one application per connection and hour here (the setting).
        self.env["ir.config_parameter"].set_param("beneficiary_relations.apply_limit_per_hour", 1)
        form = self.open_form()
        first = self.submit(form, self.form_data(form), self.files())
        self.assertRegex(first.url, r"/beneficiary/apply/thanks/[\w-]+$")
        requests_before = self.Request.search_count([])
        form = self.open_form()
        number = saudi.national_id_check_digit("105555125")
        data = self.form_data(form, national_id=number, email="second.apply@example.com")
        second = self.submit(form, data, self.files())
        self.assertEqual(second.status_code, 429)
        self.assertIn("Too many applications were sent from your connection", second.text)
        # The form comes back with what was typed, and nothing was created.
        self.assertIn('value="%s"' % number, second.text)
        self.assertIn("second.apply@example.com", second.text)
        self.assertNothingCreated(number, requests_before)
        # The count is kept under a key, never the address itself (PDPL).
        entries = self.env["beneficiary.public.submission"].search([("form", "=", "apply")])
        self.assertEqual(len(entries), 1)
        self.assertNotIn("127.0.0.1", entries.client_key)
        self.assertEqual(len(entries.client_key), 64)
        # 0 lifts the limit.
        self.env["ir.config_parameter"].set_param("beneficiary_relations.apply_limit_per_hour", 0)
        form = self.open_form()
        data = self.form_data(form, national_id=number, email="second.apply@example.com")
        third = self.submit(form, data, self.files())
        self.assertRegex(third.url, r"/beneficiary/apply/thanks/[\w-]+$")

    def test_missing_required_document(self):
        requests_before = self.Request.search_count([])
        form = self.open_form()
        data = self.form_data(form)
        response = self.submit(form, data, self.files(**{"document_%s" % self.doc_cv.id: None}))
        self.assertEqual(response.status_code, 200)
        self.assertIn('id="apply_document_%s_error"' % self.doc_cv.id, response.text)
        self.assertIn("Attach this document.", response.text)
        self.assertNothingCreated(data["national_id"], requests_before)

    def test_category_documents_only_when_ticked(self):
        form = self.open_form()
        data = self.form_data(form, category_ids=[])
        response = self.submit(form, data, self.files(**{"document_%s" % self.doc_income.id: None}))
        self.assertIn("thanks", response.url)
        self.env.invalidate_all()
        beneficiary = self.Beneficiary.search([("national_id", "=", data["national_id"])])
        self.assertEqual(beneficiary.document_ids.document_type_id, self.doc_id | self.doc_cv)

    def test_wrong_file_type(self):
        requests_before = self.Request.search_count([])
        form = self.open_form()
        data = self.form_data(form)
        fake = ("cv.pdf", b"MZ\x90\x00 this is not a PDF", "application/pdf")
        response = self.submit(form, data, self.files(**{"document_%s" % self.doc_cv.id: fake}))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Only PDF, JPEG or PNG files are accepted.", response.text)
        self.assertIn('id="apply_document_%s_error"' % self.doc_cv.id, response.text)
        self.assertIn("choose them again", response.text)
        self.assertNothingCreated(data["national_id"], requests_before)

    def test_file_too_big(self):
        self.env["ir.config_parameter"].set_param(
            "beneficiary_relations.portal_max_upload_mb", "0.1"
        )
        requests_before = self.Request.search_count([])
        form = self.open_form()
        data = self.form_data(form)
        big = ("id.pdf", PDF + b"0" * 120_000, "application/pdf")
        response = self.submit(form, data, self.files(**{"document_%s" % self.doc_id.id: big}))
        self.assertEqual(response.status_code, 200)
        self.assertIn("The file is larger than 0.1 MB", response.text)
        self.assertNothingCreated(data["national_id"], requests_before)

    def test_expired_document(self):
        requests_before = self.Request.search_count([])
        form = self.open_form()
        data = self.form_data(form, **{"expiry_%s" % self.doc_id.id: "2020-01-01"})
        response = self.submit(form, data, self.files())
        self.assertIn('id="apply_expiry_%s_error"' % self.doc_id.id, response.text)
        self.assertNothingCreated(data["national_id"], requests_before)

    def test_csrf_token_required(self):
        requests_before = self.Request.search_count([])
        form = self.open_form()
        data = self.form_data(form, csrf_token=None)
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 400)
        self.assertNothingCreated(data["national_id"], requests_before)

    def test_changed_terms_must_be_read_again(self):
        requests_before = self.Request.search_count([])
        form = self.open_form()
        data = self.form_data(form, terms_version="7.2")
        response = self.submit(form, data, self.files())
        self.assertIn("texts have just changed", response.text)
        self.assertNothingCreated(data["national_id"], requests_before)


@tagged("post_install", "-at_install")
class TestPortalApplyTour(HttpCase):
    browser_size = "390x844"  # a phone screen

    def test_portal_apply_tour(self):
        """An applicant applies in Arabic on a phone-sized screen, from start to end."""
        self.assertTrue(saudi.is_valid_national_id(TOUR_NATIONAL_ID))
        service = self.env["beneficiary.service"].create(
            {
                "name": "خدمة الإرشاد الأسري",
                "company_id": self.env.ref("base.main_company").id,
                "portal_published": True,
                "requires_research": False,
                "requires_committee": False,
            }
        )
        self.start_tour("/beneficiary/apply", "portal_apply_tour")
        self.env.invalidate_all()
        beneficiary = self.env["beneficiary.beneficiary"].search(
            [("national_id", "=", TOUR_NATIONAL_ID)]
        )
        self.assertEqual(beneficiary.name, "فاطمة أحمد سعيد الغامدي")
        self.assertEqual(beneficiary.lang, "ar_001")
        request = beneficiary.support_request_ids
        self.assertEqual(request.service_id, service)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(
            request.channel_id, self.env.ref("beneficiary_relations.utm_medium_website")
        )
