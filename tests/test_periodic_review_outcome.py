from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_portal import PortalCommon
from .test_periodic_review import record_review


@tagged("post_install", "-at_install")
class TestPeriodicReviewOutcome(PortalCommon):
    """P19: a review records its result, checks the open requests' eligibility again,
    suspends a file no longer eligible, and can ask the beneficiary to confirm their data
    on the portal."""

    def test_still_eligible_is_kept_with_the_open_requests_checked(self):
        file = self.file_a
        request = self.create_request(beneficiary=file)
        request.sudo().write({"eligibility_date": False})
        review = record_review(file.with_user(self.researcher), "eligible", notes="زيارة")
        self.assertEqual(review.result, "eligible")
        self.assertEqual(review.reviewer_id, self.researcher)
        self.assertIn(request.ref, review.eligibility_summary)
        self.assertTrue(request.eligibility_date, "eligibility checked again")
        self.assertEqual(file.last_review_date, self.today)
        self.assertIn(file.state, ("registered", "active"))

    def test_no_longer_eligible_suspends_with_the_reason(self):
        file = self.file_a
        with self.assertRaisesText(UserError, "Give the reason"):
            record_review(file.with_user(self.researcher), "not_eligible")
        self.assertFalse(file.review_ids)
        record_review(file.with_user(self.researcher), "not_eligible", reason="تحسن الدخل فوق الحد")
        self.assertEqual(file.state, "suspended")
        self.assertEqual(file.status_reason, "تحسن الدخل فوق الحد")
        self.assertEqual(file.review_ids.result, "not_eligible")

    def test_review_is_evidence_nobody_edits_or_deletes(self):
        review = record_review(self.file_a.with_user(self.officer), "changed")
        for user in (self.officer, self.manager):
            with self.assertRaises(AccessError):
                review.with_user(user).write({"result": "eligible"})
            with self.assertRaises(UserError):
                review.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.env["beneficiary.review"].with_user(self.officer).create(
                {"beneficiary_id": self.file_a.id, "result": "eligible"}
            )
        self.assertEqual(review.result, "changed")

    def test_beneficiary_confirms_their_data_on_the_portal(self):
        file = self.file_a
        confirm_by = self.today + timedelta(days=14)
        review = record_review(
            file.with_user(self.researcher),
            "changed",
            ask_beneficiary=True,
            confirm_by=confirm_by,
        )
        self.assertEqual(review.confirm_by, confirm_by)
        asked = file.message_ids.filtered(lambda m: file.partner_id in m.partner_ids)
        self.assertEqual(len(asked), 1, "the beneficiary is asked by a message")
        # Another beneficiary cannot confirm it.
        self.authenticate(self.user_b.login, self.user_b.login)
        self.url_open("/my/profile/confirm-review", data={"csrf_token": self.csrf()})
        self.assertFalse(review.confirmed_on)
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open("/my/profile")
        self.assertIn("My data is up to date", page.text)
        response = self.url_open("/my/profile/confirm-review", data={"csrf_token": self.csrf()})
        self.assertIn("review_confirmed=1", response.url)
        self.env.invalidate_all()
        self.assertTrue(review.confirmed_on)
        self.assertNotIn("My data is up to date", self.url_open("/my/profile").text)
