import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.tests import freeze_time, tagged

from .common import BeneficiaryCommon

_logger = logging.getLogger(__name__)


def record_review(beneficiaries, result, **values):
    """Click "Review Done" and record the review's outcome in its wizard."""
    action = beneficiaries.action_review_done()
    wizard = (
        beneficiaries.env[action["res_model"]]
        .with_context(**action["context"])
        .create({"result": result, **values})
    )
    wizard.action_confirm()
    return beneficiaries.review_ids.sorted("id")[-len(beneficiaries) :]


@tagged("post_install", "-at_install")
class TestPeriodicReview(BeneficiaryCommon):
    """The daily job opening periodic reviews (P19) and flagging expired documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Beneficiary = cls.env["beneficiary.beneficiary"]
        # Files of the demo data already due are out of these tests' way.
        cls.Beneficiary.search(cls.Beneficiary._review_due_domain()).write(
            {"review_requested_date": cls.today}
        )

    @classmethod
    def create_due(cls, count, researchers=None, months_ago=16, **values):
        """``count`` files registered ``months_ago`` months ago, hence due for review.

        Researchers are assigned in turn from ``researchers``.
        """
        researchers = researchers if researchers is not None else cls.researcher
        registered = cls.today - relativedelta(months=months_ago)
        return cls.Beneficiary.create(
            [
                {
                    "first_name": "مستفيد",
                    "father_name": "رقم",
                    "family_name": str(index),
                    "state": "registered",
                    "registration_date": registered + timedelta(days=index),
                    "researcher_id": researchers[index % len(researchers)].id
                    if researchers
                    else False,
                    **values,
                }
                for index in range(count)
            ]
        )

    def review_activities(self, beneficiaries):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "beneficiary.beneficiary"),
                ("res_id", "in", beneficiaries.ids),
                ("activity_type_id", "=", self.review_activity_type.id),
            ]
        )

    def test_due_files_get_one_activity_for_their_researcher(self):
        due = self.create_due(2, researchers=self.researcher | self.researcher2)
        self.assertTrue(all(b.next_review_date < self.today for b in due))
        not_due = self.create_due(1, months_ago=3)
        draft = self.create_due(1, state="draft")
        self.assertFalse(draft.next_review_date)

        remaining = self.Beneficiary._cron_periodic_review()
        self.assertEqual(remaining, 0)
        for beneficiary in due:
            activities = self.review_activities(beneficiary)
            self.assertEqual(len(activities), 1)
            self.assertEqual(activities.user_id, beneficiary.researcher_id)
            self.assertEqual(activities.date_deadline, self.today)
            self.assertEqual(activities.summary, self.review_activity_type.summary)
            self.assertEqual(beneficiary.review_requested_date, self.today)
            # The researcher follows the file from now on.
            self.assertIn(beneficiary.researcher_id.partner_id, beneficiary.message_partner_ids)
        self.assertEqual(due[0].activity_user_id, self.researcher)
        self.assertEqual(due[1].activity_user_id, self.researcher2)
        self.assertFalse(self.review_activities(not_due | draft))
        self.assertFalse(not_due.review_requested_date)

        # The next day's run does not open a second review.
        self.Beneficiary._cron_periodic_review()
        for beneficiary in due:
            self.assertEqual(len(self.review_activities(beneficiary)), 1)

    def test_file_without_researcher_goes_to_its_officer(self):
        due = self.create_due(1, researchers=False, officer_id=self.officer.id)
        self.Beneficiary._cron_periodic_review()
        self.assertEqual(self.review_activities(due).user_id, self.officer)

    def test_review_done_closes_activity_and_restarts_the_clock(self):
        due = self.create_due(1)
        due.category_ids = self.category_job_seeker
        self.Beneficiary._cron_periodic_review()
        self.assertEqual(len(self.review_activities(due)), 1)

        record_review(due.with_user(self.researcher), "eligible")
        self.assertFalse(self.review_activities(due))
        self.assertFalse(due.activity_ids)
        self.assertEqual(due.last_review_date, self.today)
        self.assertFalse(due.review_requested_date)
        self.assertEqual(due.next_review_date, self.today + relativedelta(months=6))
        done_message = due.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.review_activity_type
        )
        self.assertEqual(len(done_message), 1, "the done review is kept in the chatter")
        self.assertEqual(done_message.author_id, self.researcher.partner_id)

        # Not due any more: the next run leaves the file alone.
        self.Beneficiary._cron_periodic_review()
        self.assertFalse(self.review_activities(due))

        # Six months later it is due again.
        with freeze_time(self.today + relativedelta(months=6)):
            self.Beneficiary._cron_periodic_review()
            self.assertEqual(len(self.review_activities(due)), 1)

    def test_closing_a_file_removes_its_review(self):
        due = self.create_due(1)
        self.Beneficiary._cron_periodic_review()
        self.transition(due.with_user(self.officer), "action_close", "انتهت الحاجة")
        self.assertFalse(self.review_activities(due))
        self.assertFalse(due.next_review_date)

    def test_expired_documents_flagged(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        beneficiary.action_register()
        document = beneficiary.document_ids.filtered(
            lambda d: d.document_type_id == self.doc_national_id
        )
        document.expiry_date = self.today + timedelta(days=10)
        self.assertFalse(document.is_expired)
        self.assertTrue(beneficiary.documents_complete)

        with freeze_time(self.today + timedelta(days=11)):
            # Nothing changes by itself...
            self.assertFalse(document.is_expired)
            self.Beneficiary._cron_periodic_review()
            # ...the daily job flags the document and the file shows it missing.
            self.assertTrue(document.is_expired)
            self.assertFalse(beneficiary.documents_complete)
            self.assertEqual(beneficiary.missing_document_type_ids, self.doc_national_id)
            found = self.Beneficiary.with_user(self.officer).search(
                [("documents_complete", "=", False), ("id", "=", beneficiary.id)]
            )
            self.assertEqual(found, beneficiary)

    def test_batches(self):
        due = self.create_due(5)
        # The oldest reviews first.
        first = self.Beneficiary._cron_periodic_review(batch_size=2)
        self.assertEqual(first, 3)
        self.assertEqual(sorted(self.review_activities(due).mapped("res_id")), sorted(due[:2].ids))
        self.assertEqual(self.Beneficiary._cron_periodic_review(batch_size=2), 1)
        self.assertEqual(len(self.review_activities(due)), 4)
        self.assertEqual(self.Beneficiary._cron_periodic_review(batch_size=2), 0)
        activities = self.review_activities(due)
        self.assertEqual(sorted(activities.mapped("res_id")), sorted(due.ids))
        self.assertEqual(self.Beneficiary._cron_periodic_review(batch_size=2), 0)
        self.assertEqual(self.review_activities(due), activities)

    def test_progress_reported_to_the_cron(self):
        cron = self.env.ref("beneficiary_relations.ir_cron_beneficiary_periodic_review")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        self.create_due(3)
        self.Beneficiary.with_context(ir_cron_progress_id=progress.id)._cron_periodic_review(
            batch_size=2
        )
        self.assertEqual(progress.remaining, 1)
        self.assertGreaterEqual(progress.done, 2)

    def test_query_count_does_not_grow_with_due_files(self):
        researchers = self.researcher | self.researcher2
        # Warm the caches (activity type, model, users) as a previous run would.
        self.create_due(2, researchers=researchers)
        self.Beneficiary._cron_periodic_review()

        def count_queries(count):
            due = self.create_due(count, researchers=researchers)
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.Beneficiary._cron_periodic_review()
            self.env.flush_all()
            self.env.cr.flush()
            queries = self.cr.sql_log_count - before
            self.assertEqual(len(self.review_activities(due)), count)
            return queries

        queries_10 = count_queries(10)
        queries_60 = count_queries(60)
        _logger.info("Periodic review queries: %s for 10 files, %s for 60", queries_10, queries_60)
        self.assertLessEqual(
            abs(queries_60 - queries_10),
            3,
            "queries: %s for 10 due files, %s for 60" % (queries_10, queries_60),
        )
