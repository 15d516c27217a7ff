from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_request import SupportRequestCommon


@tagged("post_install", "-at_install")
class TestRegistrationGatesDelivery(SupportRequestCommon):
    """P11: only a registered file's request is approved or served; the request says what
    registration still lacks."""

    def unregistered_request(self, **file_values):
        beneficiary = self.create_beneficiary(user=self.officer, **file_values)
        request = (
            self.env["beneficiary.support.request"]
            .with_user(self.officer)
            .create({"beneficiary_id": beneficiary.id, "service_id": self.service_direct.id})
        )
        self.assertEqual(beneficiary.state, "draft")
        return request

    def test_draft_file_request_not_approved_until_registered(self):
        request = self.unregistered_request()
        self.advance(request, "verification")
        self.assertIn("register it", request.registration_missing)
        with self.assertRaisesText(UserError, "is not registered"):
            request.action_approve()
        self.assertEqual(request.state, "verification")
        request.beneficiary_id.action_register()
        self.assertFalse(request.registration_missing)
        request.action_approve()
        self.assertEqual(request.state, "approved")

    def test_request_lists_what_registration_lacks(self):
        request = self.unregistered_request(consent=False, declaration=False)
        missing = request.registration_missing
        self.assertIn("declaration of correct data", missing)
        self.assertIn("consent", missing)
        with self.assertRaisesText(UserError, "declaration of correct data"):
            request._apply_decision("approved")
        self.assertEqual(request.state, "draft")

    def test_suspended_file_service_not_started(self):
        request = self.create_request(service=self.service_direct)
        self.advance(request, "verification")
        request.action_approve()
        self.transition(request.beneficiary_id, "action_suspend", "انتقل إلى مدينة أخرى")
        self.assertIn("suspended or closed", request.registration_missing)
        with self.assertRaisesText(UserError, "put in service"):
            request.action_start_service()
        self.assertEqual(request.state, "approved")
        request.beneficiary_id.action_activate()
        request.action_start_service()
        self.assertEqual(request.state, "in_service")

    def test_rejection_does_not_need_registration(self):
        request = self.unregistered_request()
        self.advance(request, "verification")
        self.confirm_wizard(request, "action_reject", reason="لا تنطبق الشروط")
        self.assertEqual(request.state, "rejected")
