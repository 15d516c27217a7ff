import re

from lxml import html as lxml_html

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from ..tools import saudi
from .common_apply import PortalApplyCommon

APPLY_LIMIT = "beneficiary_relations.apply_limit_per_hour"
SUGGESTION_LIMIT = "beneficiary_relations.suggestion_limit_per_hour"


def visible_text(page):
    """The text a visitor reads on ``page``: no scripts, styles or hidden inputs, and the
    blanks collapsed."""
    tree = lxml_html.fromstring(page)
    for node in tree.xpath("//script | //style | //input[@type='hidden'] | //head"):
        node.getparent().remove(node)
    return re.sub(r"\s+", " ", tree.text_content()).strip()


@tagged("post_install", "-at_install")
class TestPublicApplyRevealsNothing(PortalApplyCommon):
    """P10: the public online application answers the same whatever the ID number."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param(APPLY_LIMIT, 0)

    def known_files(self):
        with_account = self.create_file(national_id=saudi.national_id_check_digit("107777011"))
        mail_new_test_user(
            self.env,
            login="onfile.portal@example.com",
            groups="base.group_portal",
            partner_id=with_account.partner_id.id,
        )
        closed = self.create_file(
            national_id=saudi.national_id_check_digit("107777012"),
            email="closed.onfile@example.com",
        )
        closed.write({"state": "closed", "status_reason": "انتقل خارج المنطقة"})
        without_account = self.create_file(
            national_id=saudi.national_id_check_digit("107777013"),
            email="noaccount.onfile@example.com",
        )
        return with_account, closed, without_account

    def apply_as_visitor(self, national_id, email):
        """Send the form in a new browser; ``(first answer, page after the redirect)``."""
        self.opener.cookies.clear()
        form = self.open_form()
        data = self.form_data(form, national_id=national_id, email=email)
        first = self.submit(form, data, self.files(), allow_redirects=False)
        final = self.url_open(first.headers["Location"]) if first.is_redirect else first
        return first, final

    def test_same_answer_for_unknown_known_and_closed_ids(self):
        with_account, closed, without_account = self.known_files()
        unknown = saudi.national_id_check_digit("105555301")
        answers = {
            "unknown": self.apply_as_visitor(unknown, "new.visitor@example.com"),
            "with_account": self.apply_as_visitor(with_account.national_id, "v1@example.com"),
            "closed": self.apply_as_visitor(closed.national_id, "v2@example.com"),
            "without_account": self.apply_as_visitor(without_account.national_id, "v3@example.com"),
        }
        reference_first, reference_final = answers["unknown"]
        self.assertEqual(reference_first.status_code, 303)
        self.assertEqual(reference_final.status_code, 200)
        expected_text = visible_text(reference_final.text)
        self.assertIn("Your application was received", expected_text)
        for case, (first, final) in answers.items():
            with self.subTest(case=case):
                self.assertEqual(first.status_code, reference_first.status_code)
                # Same kind of address (a random per-form token), nothing that names a file.
                self.assertRegex(first.headers["Location"], r"/beneficiary/apply/thanks/[\w-]+$")
                self.assertEqual(final.status_code, reference_final.status_code)
                self.assertEqual(visible_text(final.text), expected_text)
                for secret in ("سارة", "الشهري", "onfile", "Log in to apply", "An online account"):
                    self.assertNotIn(secret, final.text)
        # The new applicant got a file; the known ones got nothing new on theirs.
        self.env.invalidate_all()
        self.assertTrue(
            self.Beneficiary.search([("national_id", "=", unknown)]).support_request_ids
        )
        for beneficiary in (with_account, closed, without_account):
            self.assertFalse(beneficiary.support_request_ids)

    def test_known_id_writes_nothing_on_the_file(self):
        """An anonymous request records no declaration, consent, document, request,
        account or contact data on an existing file: only a log entry and the message to
        the contact data on file."""
        __, __, existing = self.known_files()
        tracked = ("name", "email", "mobile", "birth_date", "street", "declaration_version")
        before = existing.read(tracked)[0]
        partner_before = existing.partner_id.read(["email", "mobile", "signup_type"])[0]
        messages_before = existing.message_ids
        first, final = self.apply_as_visitor(existing.national_id, "intruder@example.com")
        self.assertEqual(final.status_code, 200)
        self.env.invalidate_all()
        self.assertFalse(existing.declaration_ids)
        self.assertFalse(
            self.env["beneficiary.declaration"].search([("beneficiary_id", "=", existing.id)])
        )
        self.assertFalse(existing.document_ids)
        self.assertFalse(existing.support_request_ids)
        self.assertFalse(existing.partner_id.user_ids)
        self.assertEqual(existing.read(tracked)[0], before)
        self.assertEqual(
            existing.partner_id.read(["email", "mobile", "signup_type"])[0], partner_before
        )
        # A single log entry about the attempt, an internal note, without what was typed.
        new_messages = existing.message_ids - messages_before
        log = new_messages.filtered(lambda m: "Nothing was recorded on the file" in (m.body or ""))
        self.assertEqual(len(log), 1)
        self.assertEqual(log.subtype_id, self.env.ref("mail.mt_note"))
        self.assertFalse(new_messages.filtered(lambda m: m.message_type == "comment") - log)
        for message in new_messages:
            self.assertNotIn("intruder", message.body or "")
        # One message to the address on file, none to the typed one; fixed subject.
        mails = self.env["mail.mail"].search(
            [("model", "=", existing._name), ("res_id", "=", existing.id)]
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids.mapped("email"), ["noaccount.onfile@example.com"])
        # In the language of the file's contact.
        self.assertIn(
            mails.subject,
            [
                "%s: an online application with your ID number" % self.company.name,
                "%s: طلب إلكتروني برقم هويتكم" % self.company.name,
            ],
        )
        self.assertFalse(self.env["mail.mail"].search([("email_to", "ilike", "intruder")]))
        self.assertFalse(self.env["res.partner"].search([("email", "=", "intruder@example.com")]))

    def test_signed_in_owner_applies_from_their_account(self):
        """The legitimate journey of a known person: signed in, they apply on their own
        file; signed in as someone else, the same ID number creates nothing."""
        with_account, __, without_account = self.known_files()
        email_on_file = with_account.email
        self.authenticate("onfile.portal@example.com", "onfile.portal@example.com")
        form = self.open_form()
        data = self.form_data(
            form, national_id=with_account.national_id, email="typed.by.owner@example.com"
        )
        response = self.submit(form, data, self.files())
        self.assertIn("Your application was received", response.text)
        self.env.invalidate_all()
        request = with_account.support_request_ids
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(
            sorted(with_account.declaration_ids.mapped("kind")), ["consent", "declaration"]
        )
        self.assertEqual(with_account.email, email_on_file, "file data unchanged")
        # The same account cannot apply on somebody else's file.
        form = self.open_form()
        data = self.form_data(
            form, national_id=without_account.national_id, email="other.typed@example.com"
        )
        response = self.submit(form, data, self.files())
        self.assertIn("Your application was received", response.text)
        self.env.invalidate_all()
        self.assertFalse(without_account.support_request_ids)
        self.assertFalse(without_account.declaration_ids)

    def test_every_attempt_counts_toward_the_limit(self):
        """Mistyped, expired and known-ID attempts count, not only the applications taken."""
        self.env["ir.config_parameter"].set_param(APPLY_LIMIT, 3)
        __, __, existing = self.known_files()
        Submission = self.env["beneficiary.public.submission"]
        requests_before = self.Request.search_count([])
        # 1. A typing mistake (wrong check digit).
        form = self.open_form()
        valid = saudi.national_id_check_digit("105555302")
        wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
        response = self.submit(form, self.form_data(form, national_id=wrong), self.files())
        self.assertIn('id="apply_national_id_error"', response.text)
        # 2. A form whose token expired.
        form = self.open_form()
        data = self.form_data(form, form_token="expired-token")
        response = self.submit(form, data, self.files())
        self.assertIn("This form has expired", response.text)
        # 3. An ID number on file.
        form = self.open_form()
        data = self.form_data(form, national_id=existing.national_id, email="v4@example.com")
        self.assertIn("thanks", self.submit(form, data, self.files()).url)
        self.assertEqual(Submission.search_count([("form", "=", "apply")]), 3)
        # 4. A valid new application is now refused: the limit is reached.
        form = self.open_form()
        data = self.form_data(form, national_id=valid, email="late@example.com")
        response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many applications were sent from your connection", response.text)
        self.assertNothingCreated(valid, requests_before)

    def test_anonymous_rpc_cannot_apply(self):
        """The model method behind the page is not reachable by an anonymous JSON-RPC."""
        __, __, existing = self.known_files()
        response = self.url_open(
            "/web/dataset/call_kw/beneficiary.support.request/_portal_apply",
            data=(
                '{"jsonrpc": "2.0", "method": "call", "params": {"model": '
                '"beneficiary.support.request", "method": "_portal_apply", "args": [], '
                '"kwargs": {}}}'
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.env.invalidate_all()
        self.assertFalse(existing.declaration_ids)


@tagged("post_install", "-at_install")
class TestPublicSuggestionMail(PortalApplyCommon):
    """P10: the public suggestion form sends one acknowledgement, with a fixed subject."""

    def send(self, **values):
        data = {
            "contact_name": "زائر <b>Spam</b>",
            "email": "visitor.sugg@example.com",
            "phone": "0551234567",
            "kind": "complaint",
            "name": "WIN A PRIZE http://evil.example",
            "description": "Click http://evil.example now",
            "csrf_token": self.csrf(),
            **values,
        }
        return self.url_open("/suggestions", data=data)

    def csrf(self):
        page = self.url_open("/suggestions")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_one_acknowledgement_with_a_fixed_subject(self):
        self.env["ir.config_parameter"].set_param(SUGGESTION_LIMIT, 0)
        mails_before = self.env["mail.mail"].search([])
        sms_before = self.env["sms.sms"].search([])
        response = self.send()
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        suggestion = self.env["beneficiary.suggestion"].search(
            [("name", "=", "WIN A PRIZE http://evil.example")]
        )
        self.assertEqual(len(suggestion), 1)
        new_mails = self.env["mail.mail"].search([]) - mails_before
        to_visitor = new_mails.filtered(
            lambda m: (
                "visitor.sugg@example.com"
                in (m.email_to or "") + " ".join(m.recipient_ids.mapped("email"))
            )
        )
        self.assertEqual(len(to_visitor), 1, "one acknowledgement, by email")
        self.assertEqual(
            to_visitor.subject,
            "%s: we received your message %s" % (suggestion.company_id.name, suggestion.ref),
        )
        # No outgoing mail at all carries the visitor's text in its subject.
        for mail in new_mails:
            for typed in ("WIN A PRIZE", "evil.example", "Spam"):
                self.assertNotIn(typed, mail.subject or "")
        # The mobile was given too: no second acknowledgement by SMS.
        self.assertFalse(self.env["sms.sms"].search([]) - sms_before)

    def test_suggestion_subjects_are_fixed_text(self):
        for kind in ("acknowledgement", "response"):
            template = self.env.ref("beneficiary_relations.mail_template_suggestion_%s" % kind)
            placeholders = re.findall(r"{{(.*?)}}", template.subject)
            self.assertEqual(
                sorted(p.strip() for p in placeholders),
                ["object.company_id.name", "object.ref"],
            )

    def test_every_suggestion_attempt_counts(self):
        self.env["ir.config_parameter"].set_param(SUGGESTION_LIMIT, 2)
        Suggestion = self.env["beneficiary.suggestion"]
        # A mistyped attempt (no description) counts.
        response = self.send(description="", name="first try")
        self.assertIn('id="br_description_error"', response.text)
        self.assertEqual(self.send(name="second try").status_code, 200)
        third = self.send(name="third try")
        self.assertEqual(third.status_code, 429)
        self.env.invalidate_all()
        self.assertEqual(Suggestion.search_count([("name", "=", "second try")]), 1)
        self.assertFalse(Suggestion.search([("name", "in", ("first try", "third try"))]))
        self.assertEqual(
            self.env["beneficiary.public.submission"].search_count([("form", "=", "suggestion")]),
            2,
        )
