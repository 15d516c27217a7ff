from datetime import date, timedelta

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from .common_apply import PortalApplyCommon
from .common_portal import PortalCommon
from .test_periodic_review import record_review
from .test_public_forms_security import APPLY_LIMIT

RETURNING_ID = "1077770319"  # the file's ID number checked by portal_apply_returning_tour
RETURNING_SERVICE = "خدمة المتقدم العائد"


@tagged("post_install", "-at_install", "portal_journeys")
class TestReturningApplicantTour(PortalApplyCommon):
    """P5 in a browser: a beneficiary with an account applies again from /my, the form
    filled from their file, in English (A) and Arabic (B)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.returning_service = cls.env["beneficiary.service"].create(
            {
                "name": RETURNING_SERVICE,
                "company_id": cls.company.id,
                "portal_published": True,
                "decision_days": 10,
            }
        )

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param(APPLY_LIMIT, 0)

    def check_returning_tour(self, lang):
        file = self.create_file(
            national_id=RETURNING_ID,
            birth_date=date(1988, 4, 2),
            gender="female",
            nationality_id=self.env.ref("base.sa").id,
            building_number="4321",
            street="شارع الأمير سلطان",
            district="الروضة",
            city="جدة",
            zip="23435",
            additional_number="8765",
        )
        user = mail_new_test_user(
            self.env,
            login="returning.tour@example.com",
            groups="base.group_portal",
            partner_id=file.partner_id.id,
            lang=lang,
        )
        requests_before = file.support_request_ids
        self.env.flush_all()
        self.start_tour("/my", "portal_apply_returning_tour", login=user.login)
        self.env.invalidate_all()
        new = file.support_request_ids - requests_before
        self.assertEqual(len(new), 1, "the request is on the applicant's own file")
        self.assertEqual(new.service_id, self.returning_service)
        self.assertEqual(new.state, "submitted")
        self.assertIn("Returning tour", new.description)
        self.assertEqual(
            self.Beneficiary.search_count([("national_id", "=", RETURNING_ID)]), 1, "no new file"
        )
        # What the applicant changed is there for the officer to check.
        note = new.message_ids.filtered(lambda m: "987 6543" in str(m.body))
        self.assertTrue(note, "the new mobile typed is noted on the request")

    def test_returning_applicant_tour_english(self):
        self.check_returning_tour("en_US")

    def test_returning_applicant_tour_arabic(self):
        self.check_returning_tour("ar_001")


@tagged("post_install", "-at_install", "portal_journeys")
class TestReviewConfirmationTour(PortalCommon):
    """P19 in a browser: asked to confirm their data after a periodic review, the
    beneficiary updates what changed and confirms; the review shows it in the backend."""

    def check_review_tour(self, user, beneficiary):
        review = record_review(
            beneficiary.with_user(self.researcher),
            "changed",
            ask_beneficiary=True,
            confirm_by=date.today() + timedelta(days=14),
        )
        self.assertFalse(review.confirmed_on)
        self.env.flush_all()
        self.start_tour("/my", "portal_review_confirm_tour", login=user.login)
        self.env.invalidate_all()
        self.assertTrue(review.confirmed_on)
        self.assertEqual(beneficiary.district, "حي النرجس", "the update is on the file")
        # The backend: the review shows the confirmation and leaves the "awaiting
        # confirmation" filter.
        Review = self.env["beneficiary.review"].with_user(self.officer)
        waiting = Review.search([("confirm_by", "!=", False), ("confirmed_on", "=", False)])
        self.assertNotIn(review, waiting)
        self.assertTrue(review.with_user(self.officer).read(["confirmed_on"])[0]["confirmed_on"])

    def test_review_confirmation_tour_english(self):
        self.check_review_tour(self.user_a, self.file_a)

    def test_review_confirmation_tour_arabic(self):
        self.check_review_tour(self.user_b, self.file_b)
