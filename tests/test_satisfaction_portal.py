import re

from odoo import Command
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .test_satisfaction import RATED, SatisfactionCommon


@tagged("post_install", "-at_install")
class TestSatisfactionPortal(SatisfactionCommon, HttpCase):
    """The beneficiary answers the survey in the browser; suggestions from the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.user_a = mail_new_test_user(
            cls.env,
            login="br_sat_portal_a",
            groups="base.group_portal",
            name="نورة الشمري",
            email="br_sat_portal_a@example.com",
            lang="ar_001",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.file_a = cls.create_beneficiary(
            partner_id=cls.user_a.partner_id.id, first_name="نورة", gender="female"
        )

    def csrf(self):
        return Request.csrf_token(self)

    def submit_answers(self, answer, ratings, recommend):
        """Open the personal link, start and submit the one-page survey through its routes."""
        response = self.url_open(answer.get_start_url())
        self.assertEqual(response.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        survey = answer.survey_id
        base = "%s/survey/%%s/%s/%s" % (
            survey.get_base_url(),
            survey.access_token,
            answer.access_token,
        )
        self.opener.post(url=base % "begin", json={}).raise_for_status()
        post = {"csrf_token": csrf, "token": answer.access_token}
        for code, score in zip(RATED, ratings, strict=True):
            post[str(self.question(code).id)] = str(self.answer_value(code, score).id)
        post[str(self.question("recommend").id)] = str(self.answer_value("recommend", recommend).id)
        post[str(self.question("channel").id)] = str(self.answer_value("channel", 3).id)
        post[str(self.question("comment").id)] = "الموظفون متعاونون، وأقترح تقليل المستندات."
        result = self.opener.post(url=base % "submit", json={"params": post})
        result.raise_for_status()
        self.assertNotIn("error", result.json())
        self.env.invalidate_all()

    def test_round_trip_with_token(self):
        """From the link of the invitation, without an account: the score reaches the request."""
        request = self.delivered_request()
        answer = request.sudo().satisfaction_input_id
        self.submit_answers(answer, (4, 4, 4, 4, 4), recommend="2")
        self.assertEqual(answer.state, "done")
        self.assertEqual(request.satisfaction_state, "answered")
        # 75 × 5 and "yes" 100 → 475 / 6
        self.assertAlmostEqual(request.sudo().satisfaction_score, 79.2)
        comment = answer.user_input_line_ids.filtered(
            lambda line: line.question_id == self.question("comment")
        )
        self.assertIn("تقليل المستندات", comment.value_text_box)
        # The link cannot be used twice: a second submit is refused.
        post = {"csrf_token": "x", "token": answer.access_token}
        url = "%s/survey/submit/%s/%s" % (
            answer.get_base_url(),
            answer.survey_id.access_token,
            answer.access_token,
        )
        self.assertIn("unauthorized", str(self.opener.post(url=url, json={"params": post}).json()))
        self.assertEqual(
            len(
                self.env["survey.user_input"]
                .sudo()
                .search([("support_request_id", "=", request.id)])
            ),
            1,
        )

    def test_round_trip_portal_user(self):
        """The beneficiary signed in: the request page links to the survey, then thanks."""
        request = self.deliver(self.create_request(self.file_a, service=self.service_direct))
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open(request.access_url)
        self.assertEqual(page.status_code, 200)
        answer = request.sudo().satisfaction_input_id
        self.assertIn(answer.access_token, page.text)
        self.assertIn("o_br_satisfaction_link", page.text)
        self.submit_answers(answer, (1, 2, 1, 2, 1), recommend="0")
        self.assertAlmostEqual(request.sudo().satisfaction_score, 8.3)
        followup = request.activity_ids.filtered(lambda a: a.activity_type_id == self.followup_type)
        self.assertEqual(followup.user_id, self.manager)
        page = self.url_open(request.access_url)
        self.assertNotIn(answer.access_token, page.text)
        self.assertNotIn("o_br_satisfaction_link", page.text)

    # -------------------------------------------------------------- suggestions
    def test_portal_suggestion_round_trip(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        category = self.env.ref("beneficiary_relations.suggestion_category_procedures")
        form = self.url_open("/my/suggestions/new")
        self.assertEqual(form.status_code, 200)
        self.assertIn('for="br_description"', form.text)
        # Missing message: the error is announced next to its field, nothing is created.
        response = self.url_open(
            "/my/suggestions/new",
            data={
                "kind": "complaint",
                "name": "طول الانتظار",
                "description": "",
                "csrf_token": self.csrf(),
            },
        )
        self.assertIn('id="br_description_error"', response.text)
        Suggestion = self.env["beneficiary.suggestion"]
        self.assertFalse(Suggestion.search([("partner_id", "=", self.user_a.partner_id.id)]))
        response = self.url_open(
            "/my/suggestions/new",
            data={
                "kind": "complaint",
                "name": "طول الانتظار",
                "description": "انتظرت ساعتين في الاستقبال.",
                "category_id": category.id,
                "csrf_token": self.csrf(),
            },
        )
        self.assertEqual(response.status_code, 200)
        suggestion = Suggestion.search([("partner_id", "=", self.user_a.partner_id.id)])
        self.assertEqual(len(suggestion), 1)
        self.assertEqual(suggestion.kind, "complaint")
        self.assertEqual(suggestion.category_id, category)
        self.assertEqual(suggestion.beneficiary_id, self.file_a)
        self.assertEqual(
            suggestion.channel_id, self.env.ref("beneficiary_relations.utm_medium_website")
        )
        self.assertEqual(suggestion.state, "acknowledged")
        self.assertIn(suggestion.ref, response.text)
        # The list and the answer.
        suggestion.write({"response": "نعتذر، أضفنا موظفاً في أوقات الذروة."})
        suggestion.action_answer()
        listing = self.url_open("/my/suggestions")
        self.assertIn(suggestion.ref, listing.text)
        detail = self.url_open(suggestion.access_url)
        self.assertIn("أضفنا موظفاً", detail.text)
        # Someone else's suggestion is not reachable.
        other = Suggestion.create(
            {"name": "x", "description": "y", "partner_id": self.file_a.researcher_id.partner_id.id}
        )
        self.assertEqual(self.url_open(other.access_url).status_code, 403)

    def test_portal_suggestion_list_queries(self):
        """/my/suggestions costs the same number of queries for 2 or 12 suggestions."""
        self.authenticate(self.user_a.login, self.user_a.login)
        Suggestion = self.env["beneficiary.suggestion"]

        def create(count):
            Suggestion.create(
                [
                    {
                        "name": "مقترح رقم %s" % i,
                        "description": "نص المقترح",
                        "partner_id": self.user_a.partner_id.id,
                    }
                    for i in range(count)
                ]
            )

        def count():
            self.env.flush_all()
            self.url_open("/my/suggestions")  # warm the caches (templates, assets, rules)
            before = self.cr.sql_log_count
            response = self.url_open("/my/suggestions")
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before, response

        create(2)
        few, response = count()
        self.assertEqual(response.text.count("مقترح رقم"), 2)
        create(10)
        many, response = count()
        self.assertEqual(response.text.count("مقترح رقم"), 12)
        self.assertEqual(many, few, "query count grows with the number of suggestions")

    def test_public_suggestion(self):
        self.authenticate(None, None)
        form = self.url_open("/suggestions")
        self.assertEqual(form.status_code, 200)
        self.assertIn('for="br_contact_name"', form.text)
        response = self.url_open(
            "/suggestions",
            data={
                "contact_name": "زائر الموقع",
                "email": "",
                "phone": "",
                "kind": "suggestion",
                "name": "موقف للسيارات",
                "description": "أقترح تخصيص مواقف لذوي الإعاقة.",
                "csrf_token": self.csrf(),
            },
        )
        self.assertIn('id="br_email_error"', response.text)
        response = self.url_open(
            "/suggestions",
            data={
                "contact_name": "زائر الموقع",
                "email": "visitor@example.com",
                "kind": "suggestion",
                "name": "موقف للسيارات",
                "description": "أقترح تخصيص مواقف لذوي الإعاقة.",
                "csrf_token": self.csrf(),
            },
        )
        suggestion = self.env["beneficiary.suggestion"].search([("name", "=", "موقف للسيارات")])
        self.assertEqual(suggestion.partner_id.email, "visitor@example.com")
        self.assertEqual(suggestion.state, "acknowledged")
        self.assertIn(suggestion.ref, response.text)

    def test_public_suggestions_flood_is_refused(self):
        self.env["ir.config_parameter"].set_param(
            "beneficiary_relations.suggestion_limit_per_hour", 2
        )
        self.authenticate(None, None)
        Suggestion = self.env["beneficiary.suggestion"]

        def send(subject):
            return self.url_open(
                "/suggestions",
                data={
                    "contact_name": "زائر الموقع",
                    "email": "flood@example.com",
                    "kind": "complaint",
                    "name": subject,
                    "description": "رسالة متكررة",
                    "csrf_token": self.csrf(),
                },
            )

        self.assertEqual(send("رسالة 1").status_code, 200)
        self.assertEqual(send("رسالة 2").status_code, 200)
        third = send("رسالة 3")
        self.assertEqual(third.status_code, 429)
        self.assertIn('id="br_form_error"', third.text)
        self.assertIn("رسالة 3", third.text)  # what was typed is kept
        self.env.invalidate_all()
        self.assertEqual(
            Suggestion.search_count([("partner_id.email", "=", "flood@example.com")]), 2
        )
