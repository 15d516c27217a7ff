"""What the association-scale benchmark (scripts/bench.sh) measures, at test size.

The number of queries of the eligibility engine, of the backend list of requests and of
the portal "my requests" page does not grow with the number of records; the scheduled
jobs commit each batch, so a crash loses one batch at most, and the next run resumes.
"""

import logging
import re
from datetime import datetime, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.addons.base.models.ir_cron import CompletionStatus
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import tagged

from .common import GROUP_OFFICER
from .common_portal import PortalCommon
from .common_request import SupportRequestCommon

_logger = logging.getLogger(__name__)
REQUEST = "beneficiary.support.request"


def list_specification(env, model):
    """The fields the web client reads for the model's default list view."""
    arch = etree.fromstring(env[model].get_views([(False, "list")])["views"]["list"]["arch"])
    spec = {}
    for node in arch.iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        field = env[model]._fields.get(node.get("name"))
        if field:
            relational = field.type in ("many2one", "many2many", "one2many")
            spec[field.name] = {"fields": {"display_name": {}}} if relational else {}
    return spec


class QueryCounting:
    def count_queries(self, function):
        """Queries run by ``function`` with empty caches, as in a new transaction."""
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before


@tagged("post_install", "-at_install")
class TestScaleQueries(SupportRequestCommon, QueryCounting):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service_criteria = cls.create_service(
            name="Rent Support",
            min_age=21,
            max_income=3000,
            income_basis="household",
            nationality="saudi",
            category_ids=[Command.set((cls.category_job_seeker | cls.category_orphan).ids)],
        )
        beneficiaries = cls.env["beneficiary.beneficiary"]
        for index in range(4):
            beneficiaries |= cls.create_beneficiary(
                gender=("male", "female")[index % 2],
                monthly_income=index * 1200,
                birth_date=datetime(1960 + index * 12, 3, 1).date(),
            )
        cls.beneficiaries = beneficiaries
        services = cls.service | cls.service_criteria

        def requests_for(officer, count):
            return cls.Request.create(
                [
                    {
                        "beneficiary_id": beneficiaries[index % 4].id,
                        "service_id": services[index % 2].id,
                        "officer_id": officer.id,
                    }
                    for index in range(count)
                ]
            )

        # Two officers of the same association: one with few requests, one with many.
        cls.officer2 = mail_new_test_user(
            cls.env,
            login="br_officer2",
            groups=GROUP_OFFICER,
            name="موظفة الاستقبال",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.few = requests_for(cls.officer2, 5)
        cls.many = requests_for(cls.officer, 100)

    def test_eligibility_queries_do_not_grow_with_requests(self):
        requests = self.many
        self.count_queries(requests[:3]._evaluate_eligibility)  # warm the caches
        count_10 = self.count_queries(requests[:10]._evaluate_eligibility)
        count_100 = self.count_queries(requests._evaluate_eligibility)
        _logger.info("Eligibility: %s queries for 10 requests, %s for 100", count_10, count_100)
        self.assertEqual(count_10, count_100)
        # The engine really checked each request: four criteria for half of them.
        lines = requests.eligibility_line_ids
        self.assertEqual(len(lines), 50 * 4)
        self.assertEqual(
            set(lines.mapped("criterion")), {"age", "nationality", "category", "income"}
        )
        self.assertTrue(any(requests.mapped("eligibility_ok")))
        self.assertFalse(all(requests.mapped("eligibility_ok")))

    def test_backend_list_queries_do_not_grow_with_records(self):
        """The list of requests (first page, "My Requests") and the list grouped by state."""
        spec = list_specification(self.env, REQUEST)
        self.assertIn("beneficiary_id", spec)

        def first_page(user):
            Request = self.env[REQUEST].with_user(user)
            domain = ["|", ("officer_id", "=", user.id), ("researcher_id", "=", user.id)]
            result = {}

            def read():
                result.update(Request.web_search_read(domain, spec, limit=80))

            queries = self.count_queries(read)
            return queries, result

        def grouped(user):
            Request = self.env[REQUEST].with_user(user)
            domain = ["|", ("officer_id", "=", user.id), ("researcher_id", "=", user.id)]
            result = {}

            def read():
                result.update(Request.web_read_group(domain, ["state"], ["state"], lazy=True))

            return self.count_queries(read), result

        first_page(self.officer2)  # warm the caches
        first_page(self.officer)
        few, few_page = first_page(self.officer2)
        many, many_page = first_page(self.officer)
        self.assertEqual(few_page["length"], 5)
        self.assertEqual(len(many_page["records"]), 80)
        _logger.info("Backend list: %s queries for 5 requests, %s for 100", few, many)
        # One more query for 100 requests: the total, for the pager (a second page exists).
        self.assertEqual(many, few + 1)
        few, few_groups = grouped(self.officer2)
        many, many_groups = grouped(self.officer)
        self.assertEqual(sum(g["state_count"] for g in many_groups["groups"]), 100)
        self.assertEqual(few, many)


@tagged("post_install", "-at_install")
class TestPortalQueries(PortalCommon, QueryCounting):
    def test_my_requests_queries_do_not_grow_with_records(self):
        def add_requests(beneficiary, count):
            return self.Request.create(
                [
                    {
                        "beneficiary_id": beneficiary.id,
                        "service_id": (self.service, self.service_direct)[index % 2].id,
                        "officer_id": self.officer.id,
                    }
                    for index in range(count)
                ]
            )

        def page():
            response = {}

            def get():
                response["page"] = self.url_open("/my/requests")

            queries = self.count_queries(get)
            self.assertEqual(response["page"].status_code, 200)
            return queries, response["page"].text

        # The same beneficiary (in Arabic) with 5 requests, then with 50.
        self.authenticate("br_portal_b", "br_portal_b")
        add_requests(self.file_b, 4)
        page()  # warm the caches
        few, few_text = page()
        add_requests(self.file_b, 45)
        many, many_text = page()
        _logger.info("Portal /my/requests: %s queries for 5 requests, %s for 50", few, many)
        links = r'href="/my/requests/(\d+)[?"]'
        self.assertEqual(len(set(re.findall(links, few_text))), 5)
        self.assertEqual(len(set(re.findall(links, many_text))), 20, "the first page")
        self.assertEqual(few, many)


@tagged("post_install", "-at_install")
class TestCronBatches(SupportRequestCommon):
    """Odoo's cron runner commits after each batch: a crash loses one batch at most."""

    def run_job(self, xmlid, batch_size, crash_on=None, method=None):
        """Run the job as the cron worker does (in test mode: commits are savepoints).

        :param crash_on: make the ``crash_on``-th batch fail halfway (after its work)
        :param method: the model method that does each batch's work
        """
        cron = self.env.ref(xmlid)
        call = cron.code.strip().split("(")[0]
        cron.code = "%s(batch_size=%s)" % (call, batch_size)
        job = {**cron.read(load=None)[0], "timed_out_counter": 0}
        self.env.flush_all()
        Model = self.registry[cron.model_id.model]
        original = getattr(Model, method)
        calls = []

        def batch(records, *args, **kwargs):
            result = original(records, *args, **kwargs)
            if records:
                calls.append(len(records))
            if len(calls) == crash_on:
                records.env.flush_all()
                raise RuntimeError("the server stopped")
            return result

        self.registry.enter_test_mode(self.cr)
        try:
            with (
                patch.object(Model, method, batch),
                self.assertLogs("odoo.addons.base.models.ir_cron", "ERROR")
                if crash_on
                else self._nullcontext(),
            ):
                status = self.registry["ir.cron"]._run_job(job)
        finally:
            self.registry.leave_test_mode()
        self.env.invalidate_all()
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id desc", limit=1
        )
        return status, progress, calls

    @staticmethod
    def _nullcontext():
        from contextlib import nullcontext

        return nullcontext()

    def test_periodic_review_commits_batches_and_resumes(self):
        Beneficiary = self.env["beneficiary.beneficiary"]
        Beneficiary.search(Beneficiary._review_due_domain()).write(
            {"review_requested_date": self.today}
        )
        registered = self.today - relativedelta(months=16)
        due = Beneficiary.create(
            [
                {
                    "first_name": "مستفيد",
                    "family_name": str(index),
                    "state": "registered",
                    "registration_date": registered + timedelta(days=index),
                    "researcher_id": self.researcher.id,
                }
                for index in range(7)
            ]
        )

        def reviewed():
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", "beneficiary.beneficiary"),
                    ("res_id", "in", due.ids),
                    ("activity_type_id", "=", self.review_activity_type.id),
                ]
            )

        xmlid = "beneficiary_relations.ir_cron_beneficiary_periodic_review"
        # The server stops during the third batch: two batches were committed.
        status, progress, calls = self.run_job(
            xmlid, 2, crash_on=3, method="_schedule_review_activities"
        )
        self.assertEqual(calls, [2, 2, 2])
        # Nothing of the failed batch was notified: the runner stops and reports a failure.
        self.assertEqual(status, CompletionStatus.FAILED)
        self.assertEqual(len(reviewed()), 4)
        self.assertEqual(
            len(due.filtered("review_requested_date")), 4, "the third batch was rolled back"
        )
        # The next run resumes with the files left, oldest first, each reviewed once.
        status, progress, calls = self.run_job(xmlid, 2, method="_schedule_review_activities")
        self.assertEqual(calls, [2, 1])
        self.assertEqual(status, CompletionStatus.FULLY_DONE)
        self.assertEqual(progress.remaining, 0)
        self.assertEqual(sorted(reviewed().mapped("res_id")), sorted(due.ids))

    def test_decision_deadlines_commit_batches_and_resume(self):
        beneficiary = self.create_beneficiary()
        requests = self.Request.create(
            [
                {
                    "beneficiary_id": beneficiary.id,
                    "service_id": self.service.id,
                    "officer_id": self.officer.id,
                }
                for _index in range(5)
            ]
        )
        requests.action_submit()
        # Submitted two months ago: every deadline is missed.
        requests.write({"submit_date": datetime.now() - timedelta(days=60)})
        self.assertTrue(all(requests.mapped("is_overdue")))

        def warned():
            return self.activities(requests, self.activity_deadline).mapped("res_id")

        xmlid = "beneficiary_relations.ir_cron_beneficiary_decision_deadlines"
        status, _progress, calls = self.run_job(
            xmlid, 2, crash_on=2, method="_schedule_deadline_activities"
        )
        self.assertEqual(calls, [2, 2])
        self.assertEqual(status, CompletionStatus.FAILED)
        # The first batch is kept: its requests are flagged and their people warned once.
        self.assertEqual(len(requests.filtered("deadline_missed_warned")), 2)
        self.assertEqual(len(set(warned())), 2)
        status, progress, calls = self.run_job(xmlid, 2, method="_schedule_deadline_activities")
        self.assertEqual(calls, [2, 1])
        self.assertEqual(status, CompletionStatus.FULLY_DONE)
        self.assertEqual(progress.remaining, 0)
        self.assertTrue(all(requests.mapped("deadline_missed_warned")))
        self.assertEqual(sorted(set(warned())), sorted(requests.ids))
        # The officer and the manager: two activities per request, none twice.
        self.assertEqual(len(warned()), 10)
