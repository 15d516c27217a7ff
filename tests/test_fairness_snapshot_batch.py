"""The fairness snapshot of many requests submitted at once is written in batch: the same
number of queries for 3 requests as for 30, and every request gets its own values."""

from odoo import Command
from odoo.tests import tagged

from .common_request import SupportRequestCommon


@tagged("post_install", "-at_install", "beneficiary_fairness")
class TestFairnessSnapshotBatch(SupportRequestCommon):
    def make_requests(self, count):
        requests = self.env["beneficiary.support.request"]
        for i in range(count):
            beneficiary = self.create_beneficiary(
                gender="female" if i % 2 else "male", city="جدة" if i % 3 else "الرياض"
            )
            categories = self.category_orphan if i % 2 else self.category_job_seeker
            beneficiary.write({"category_ids": [Command.set(categories.ids)]})
            requests |= self.create_request(beneficiary, service=self.service_direct)
        return requests

    def snapshot_queries(self, requests):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        requests._take_fairness_snapshot()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_same_queries_for_3_and_30_requests(self):
        requests = self.make_requests(33)
        few, many = requests[:3], requests[3:]
        # warm the caches the first call fills (references, registry)
        self.snapshot_queries(few)
        self.assertEqual(self.snapshot_queries(few), self.snapshot_queries(many))

    def test_submitting_together_gives_each_request_its_own_snapshot(self):
        requests = self.make_requests(6)
        # read before: the cache must not keep the values from before the snapshot
        self.assertFalse(any(requests.mapped("fairness_snapshot_date")))
        self.assertFalse(requests.fairness_category_ids)
        requests.with_user(self.officer).action_submit()
        for i, request in enumerate(requests):
            beneficiary = request.beneficiary_id
            self.assertTrue(request.fairness_snapshot_date)
            self.assertEqual(request.fairness_gender, beneficiary.gender)
            self.assertEqual(request.fairness_city, beneficiary.city)
            self.assertEqual(request.fairness_branch_id, beneficiary.branch_id)
            self.assertEqual(
                request.fairness_category_ids,
                self.category_orphan if i % 2 else self.category_job_seeker,
            )
        # A second snapshot replaces the categories rather than adding to them.
        requests[0].beneficiary_id.write({"category_ids": [Command.set(self.category_patient.ids)]})
        requests[0]._take_fairness_snapshot()
        self.assertEqual(requests[0].fairness_category_ids, self.category_patient)
        self.env.invalidate_all()
        self.assertEqual(requests[0].fairness_category_ids, self.category_patient)
        self.assertEqual(requests[1].fairness_category_ids, self.category_orphan)
