import re

from odoo.addons.beneficiary_relations.tools import saudi
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from .common_apply import PortalApplyCommon
from .test_public_forms_security import APPLY_LIMIT


@tagged("post_install", "-at_install")
class TestReturningAndMobileOnlyApplicants(PortalApplyCommon):
    """P5: a beneficiary with an account applies from /my with the form filled from their
    file; an applicant without an e-mail is followed by SMS, never refused."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param(APPLY_LIMIT, 0)

    def test_returning_beneficiary_finds_the_form_filled(self):
        file = self.create_file(national_id=saudi.national_id_check_digit("107777021"))
        mail_new_test_user(
            self.env,
            login="returning.portal@example.com",
            groups="base.group_portal",
            partner_id=file.partner_id.id,
        )
        self.authenticate("returning.portal@example.com", "returning.portal@example.com")
        home = self.url_open("/my").text
        self.assertIn('href="/beneficiary/apply"', home)
        form = self.open_form()
        html = form["html"]
        self.assertTrue(file.email)
        for value in (file.national_id, "سارة", "الشهري", file.email):
            self.assertIn('value="%s"' % value, html)
        # A visitor's form is empty.
        self.authenticate(None, None)
        self.assertNotIn(file.national_id, self.open_form()["html"])

    def test_applicant_without_email_is_followed_by_sms(self):
        number = saudi.national_id_check_digit("105555321")
        form = self.open_form()
        data = self.form_data(form, national_id=number, email="")
        response = self.submit(form, data, self.files())
        self.assertEqual(response.status_code, 200)
        self.assertRegex(response.url, r"/beneficiary/apply/thanks/[\w-]+$")
        self.env.invalidate_all()
        beneficiary = self.Beneficiary.search([("national_id", "=", number)])
        self.assertEqual(len(beneficiary), 1)
        self.assertFalse(beneficiary.email)
        self.assertEqual(beneficiary.preferred_channel, "sms")
        self.assertFalse(beneficiary.partner_id.user_ids, "no account without an e-mail")
        request = beneficiary.support_request_ids
        self.assertEqual(request.state, "submitted")
        sms = self.env["sms.sms"].search([("number", "like", "551234567")])
        self.assertEqual(len(sms), 1)
        self.assertIn(request.ref, sms.body)
        token_link = re.search(r"(/my/requests/\d+\?access_token=[\w-]+)", sms.body)
        self.assertTrue(token_link, sms.body)
        # The link opens the request without an account, and only that request.
        self.opener.cookies.clear()
        page = self.url_open(token_link.group(1))
        self.assertEqual(page.status_code, 200)
        self.assertIn(request.ref, page.text)
