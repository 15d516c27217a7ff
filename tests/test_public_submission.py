from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BeneficiaryCommon


@tagged("post_install", "-at_install")
class TestPublicSubmission(BeneficiaryCommon):
    """The flood limit of the public forms: counted per connection, forgotten after two days."""

    def test_limit_per_connection_and_hour(self):
        Submission = self.env["beneficiary.public.submission"]
        self.env["ir.config_parameter"].set_param(
            "beneficiary_relations.suggestion_limit_per_hour", 2
        )
        for _i in range(2):
            self.assertTrue(Submission._allowed("suggestion", "10.0.0.1"))
            Submission._record("suggestion", "10.0.0.1")
        self.assertFalse(Submission._allowed("suggestion", "10.0.0.1"))
        # Another connection, and the other form, keep their own counts.
        self.assertTrue(Submission._allowed("suggestion", "10.0.0.2"))
        self.assertTrue(Submission._allowed("apply", "10.0.0.1"))
        # An hour later the connection may send again.
        Submission.search([]).write({"date": fields.Datetime.now() - timedelta(minutes=61)})
        self.assertTrue(Submission._allowed("suggestion", "10.0.0.1"))
        # A setting that is not a number falls back to the default.
        self.env["ir.config_parameter"].set_param(
            "beneficiary_relations.suggestion_limit_per_hour", "many"
        )
        self.assertEqual(Submission._limit("suggestion"), 10)

    def test_purge_forgets_after_two_days(self):
        Submission = self.env["beneficiary.public.submission"]
        Submission._record("apply", "10.0.0.3")
        old = Submission.create({"form": "apply", "client_key": "x" * 64})
        old.date = fields.Datetime.now() - timedelta(hours=49)
        Submission._cron_purge()
        remaining = Submission.search([("form", "=", "apply")])
        self.assertEqual(len(remaining), 1)
        self.assertNotEqual(remaining.client_key, "x" * 64)

    def test_only_managers_read_the_counts(self):
        Submission = self.env["beneficiary.public.submission"]
        Submission._record("apply", "10.0.0.4")
        self.assertTrue(Submission.with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            Submission.with_user(self.officer).search([])
        with self.assertRaises(AccessError):
            Submission.with_user(self.manager).create({"form": "apply", "client_key": "y"})
        with self.assertRaises(AccessError):
            Submission.with_user(self.manager).search([]).unlink()
