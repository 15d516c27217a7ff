from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common_portal import PortalCommon


@tagged("post_install", "-at_install")
class TestAppealUi(PortalCommon):
    """The portal journey of an appeal (P29), in English (A) and Arabic (B)."""

    def check_appeal_tour(self, user, beneficiary):
        request = self.decide(
            self.create_request(beneficiary, self.service),
            "rejected",
            decision_date=fields.Datetime.now() - timedelta(days=2),
            rejection_reason="الدخل الشهري يتجاوز الحد الأعلى للخدمة.",
        )
        self.env.flush_all()
        self.start_tour(request.access_url, "beneficiary_appeal_portal_tour", login=user.login)
        self.env.invalidate_all()
        appeal = self.env["beneficiary.appeal"].search([("request_id", "=", request.id)])
        self.assertEqual(len(appeal), 1)
        self.assertEqual(appeal.channel, "portal")
        self.assertEqual(appeal.state, "submitted")
        self.assertIn("Portal tour appeal", appeal.reasons)

    def test_appeal_tour_english(self):
        self.check_appeal_tour(self.user_a, self.file_a)

    def test_appeal_tour_arabic(self):
        self.check_appeal_tour(self.user_b, self.file_b)
