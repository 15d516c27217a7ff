import importlib.util
from datetime import date, datetime
from pathlib import Path

from odoo.tests import tagged

from .common_request import SupportRequestCommon

MIGRATION = (
    Path(__file__).parent.parent / "migrations" / "18.0.1.2.0" / "post-closed-on-from-history.py"
)


def load_migration():
    spec = importlib.util.spec_from_file_location("closed_on_from_history", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install", "beneficiary_erasure")
class TestAbandonedDrafts(SupportRequestCommon):
    """Draft applications nobody touched for the association's period are anonymised by
    the retention job (PDPL, issue 16)."""

    def age(self, records, days):
        """Make ``records`` look last written ``days`` days ago."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE %s SET write_date = now() - make_interval(days => %%s) WHERE id IN %%s"
            % records._table,
            (days, tuple(records.ids)),
        )
        records.invalidate_recordset(["write_date"])

    def draft(self, **values):
        return self.create_beneficiary(documents=False, declaration=False, **values)

    def test_default_period_is_90_days(self):
        self.assertEqual(self.company.beneficiary_draft_anonymise_days, 90)

    def test_abandoned_drafts_anonymised_in_batches(self):
        Beneficiary = self.env["beneficiary.beneficiary"]
        abandoned = self.draft() | self.draft() | self.draft()
        # An online application: its request waits too.
        waiting = self.Request.create(
            {"beneficiary_id": abandoned[0].id, "service_id": self.service.id}
        )
        waiting.write({"state": "submitted"})
        recent = self.draft()
        moving = self.draft()  # the file is old, its request was just worked on
        moving_request = self.Request.create(
            {"beneficiary_id": moving.id, "service_id": self.service.id}
        )
        registered = self.create_beneficiary()
        registered.action_register()
        self.age(abandoned | moving | registered, 100)
        self.age(waiting | moving_request, 100)
        moving_request.description = "اتصلت المستفيدة اليوم"
        self.env.flush_all()

        remaining = Beneficiary._cron_anonymise_closed_files(batch_size=2)
        self.assertEqual(remaining, 1)
        self.assertEqual(len(abandoned.filtered("anonymised_on")), 2)
        remaining = Beneficiary._cron_anonymise_closed_files(batch_size=2)
        self.assertEqual(remaining, 0)
        for file in abandoned:
            self.assertTrue(file.anonymised_on)
            self.assertEqual(file.state, "closed")
            self.assertEqual(file.closed_on, self.today)
            self.assertFalse(file.national_id or file.mobile)
            self.assertIn("abandoned", file.with_context(lang="en_US").status_reason)
        self.assertEqual(waiting.state, "cancelled")
        self.assertFalse(recent.anonymised_on or moving.anonymised_on)
        self.assertFalse(registered.anonymised_on)
        self.assertEqual(moving_request.state, "draft")

    def test_never_when_period_is_zero(self):
        self.company.beneficiary_draft_anonymise_days = 0
        old = self.draft()
        self.age(old, 1000)
        self.env["beneficiary.beneficiary"]._cron_anonymise_closed_files()
        self.assertFalse(old.anonymised_on)
        self.assertEqual(old.state, "draft")


@tagged("post_install", "-at_install", "beneficiary_erasure")
class TestClosedOnFromHistory(SupportRequestCommon):
    """Migration 18.0.1.2.0: files closed before ``closed_on`` existed get its value from
    the change that closed them, else from their last write."""

    def test_migration_sets_closed_on(self):
        with_history = self.create_beneficiary()
        without_history = self.create_beneficiary()
        still_open = self.create_beneficiary()
        # The creation's own changes are not tracked: the closing is, after it.
        self.flush_tracking()
        self.transition(with_history | without_history, "action_close", "انتقل")
        self.flush_tracking()
        cr = self.env.cr
        cr.execute(
            """UPDATE mail_message SET date = %s
                WHERE model = 'beneficiary.beneficiary' AND res_id = %s
                  AND id IN (SELECT mail_message_id FROM mail_tracking_value)""",
            (datetime(2021, 5, 3, 9, 0), with_history.id),
        )
        cr.execute(
            "DELETE FROM mail_message WHERE model = 'beneficiary.beneficiary' AND res_id = %s",
            (without_history.id,),
        )
        cr.execute(
            "UPDATE beneficiary_beneficiary SET closed_on = NULL, write_date = %s WHERE id IN %s",
            (datetime(2022, 8, 9, 10, 0), (with_history.id, without_history.id)),
        )
        self.env.invalidate_all()
        cr.execute(
            "SELECT count(*) FROM beneficiary_beneficiary "
            "WHERE state = 'closed' AND closed_on IS NULL"
        )
        without_date = cr.fetchone()[0]
        self.assertGreaterEqual(without_date, 2)

        updated = load_migration().closed_on_from_history(cr)

        self.assertEqual(updated, without_date)
        self.env.invalidate_all()
        self.assertEqual(with_history.closed_on, date(2021, 5, 3))
        self.assertEqual(without_history.closed_on, date(2022, 8, 9))
        self.assertFalse(still_open.closed_on)
