"""Fairness monitoring (P20, issue 17 point 2): the snapshot taken at submission and the
fairness report, checked against figures worked out by hand."""

from datetime import date

from odoo import Command
from odoo.addons.beneficiary_relations.models.beneficiary_workflow_fields import trusted_write
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, freeze_time, tagged

from .common_request import SupportRequestCommon
from .common_rpc import JsonRpcMixin


@tagged("post_install", "-at_install", "beneficiary_fairness")
class TestFairness(SupportRequestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.beneficiary_fairness_min_group = 2
        # The demo's decided requests stay out of the figures.
        cls.env["beneficiary.support.request"].flush_model()
        cls.env.cr.execute("UPDATE beneficiary_support_request SET fairness_snapshot_date = NULL")
        cls.env.invalidate_all()
        cls.riyadh = cls.env.ref("base.state_sa_1")
        cls.service_women_direct = cls.create_service(
            name="Women's Transport Voucher",
            requires_research=False,
            requires_committee=False,
            gender="female",
            committee_id=False,
        )

    # ------------------------------------------------------------------ helpers
    def person(self, gender="male", saudi=True, city="الرياض", **values):
        if not saudi:
            values.update(nationality_id=self.egypt.id, national_id=self.new_national_id("2"))
        return self.create_beneficiary(gender=gender, city=city, **values)

    def decided(self, beneficiary, outcome, days, service=None, score=None):
        """A request submitted on 2025-06-01 and decided ``days`` later by the officer
        (``override``: by a manager, despite the eligibility check)."""
        request = self.create_request(beneficiary, service=service or self.service_direct)
        with freeze_time("2025-06-01 08:00:00"):
            request.with_user(self.officer).action_submit()
            request.with_user(self.officer).write({"data_checked": True})
            request.with_user(self.officer).action_verify()
        with freeze_time(date(2025, 6, 1 + days).isoformat() + " 10:00:00"):
            if outcome == "approve":
                request.with_user(self.officer).action_approve()
            elif outcome == "override":
                self.confirm_wizard(
                    request.with_user(self.manager), "action_approve", reason="حالة خاصة"
                )
            else:
                self.confirm_wizard(
                    request.with_user(self.officer), "action_reject", reason="لا تنطبق"
                )
        if score is not None:
            with trusted_write():
                request.write({"satisfaction_state": "answered", "satisfaction_score": score})
        return request

    def data_set(self):
        """Seven decisions of June 2025 (see the expected figures in the tests)."""
        m1, m2 = self.person(), self.person()
        m3 = self.person(city="جدة")
        f1 = self.person("female")
        f2 = self.person("female", city="الدمام")
        f3 = self.person("female", saudi=False, city="مكة المكرمة")
        return {
            "r1": self.decided(m1, "approve", 2, score=80),
            "r2": self.decided(m2, "approve", 4, score=60),
            "r3": self.decided(m3, "reject", 6),
            "r4": self.decided(f1, "approve", 2, score=100),
            "r5": self.decided(f2, "reject", 4, score=20),
            "r6": self.decided(f3, "reject", 8),
            # Not eligible (the service is for women): approved by a manager's override.
            "r7": self.decided(m2, "override", 10, service=self.service_women_direct),
        }

    def report(self, **values):
        return (
            self.env["beneficiary.fairness.report"]
            .with_user(self.manager)
            .create({"date_from": "2025-06-01", "date_to": "2025-06-30", **values})
        )

    @staticmethod
    def line(lines, dimension, value):
        found = [
            line for line in lines if line["dimension"] == dimension and line["value"] == value
        ]
        return found[0] if found else None

    # ------------------------------------------------------------------ snapshot
    def test_snapshot_taken_at_submission_and_kept(self):
        beneficiary = self.person("female", city=" جدة ")
        beneficiary.write(
            {
                "state_id": self.riyadh.id,
                "category_ids": [
                    Command.set((self.category_job_seeker | self.category_orphan).ids)
                ],
            }
        )
        request = self.create_request(beneficiary, service=self.service_direct)
        self.assertFalse(request.fairness_snapshot_date, "nothing frozen before submission")
        request.with_user(self.officer).action_submit()
        self.assertEqual(request.fairness_gender, "female")
        self.assertTrue(request.fairness_is_saudi)
        self.assertEqual(request.fairness_city, "جدة")
        self.assertEqual(request.fairness_region_id, self.riyadh)
        self.assertEqual(
            request.fairness_category_ids, self.category_job_seeker | self.category_orphan
        )
        self.assertFalse(request.fairness_disability)
        self.assertEqual(request.fairness_branch_id, beneficiary.branch_id)
        self.assertEqual(request.fairness_intake_channel_id, request.intake_channel_id)
        age = 2025 - beneficiary.birth_date.year
        self.assertTrue(age >= 30)
        # Later edits of the file do not rewrite the history.
        beneficiary.write(
            {
                "gender": "male",
                "city": "الدمام",
                "category_ids": [Command.set(self.category_patient.ids)],
            }
        )
        beneficiary.disability_type = "visual"
        request.invalidate_recordset()
        self.assertEqual(request.fairness_gender, "female")
        self.assertEqual(request.fairness_city, "جدة")
        self.assertEqual(
            request.fairness_category_ids, self.category_job_seeker | self.category_orphan
        )
        self.assertFalse(request.fairness_disability)

    def test_snapshot_records_disability_and_age_band(self):
        beneficiary = self.person(birth_date=date(1965, 3, 1))
        beneficiary.disability_type = "hearing"
        request = self.create_request(beneficiary, service=self.service_direct)
        with freeze_time("2025-02-28 09:00:00"):
            request.action_submit()
        self.assertTrue(request.fairness_disability)
        self.assertEqual(request.fairness_age_band, "45_59", "59 the day before turning 60")

    def test_snapshot_set_by_the_server_only(self):
        request = self.create_request(service=self.service_direct)
        request.action_submit()
        for user in (self.officer, self.manager):
            with self.assertRaises(AccessError):
                request.with_user(user).write(
                    {"fairness_gender": "male" if request.fairness_gender == "female" else "female"}
                )
        with self.assertRaises(AccessError):
            self.Request.with_user(self.manager).create(
                {
                    "beneficiary_id": request.beneficiary_id.id,
                    "service_id": self.service_direct.id,
                    "fairness_city": "مدينة مزورة",
                }
            )
        # Health-related dimensions: officers do not read them.
        with self.assertRaises(AccessError):
            request.with_user(self.officer).read(["fairness_disability"])

    # -------------------------------------------------------------------- report
    def test_report_figures(self):
        requests = self.data_set()
        self.assertFalse(requests["r7"].decision_eligible)
        self.assertTrue(requests["r1"].decision_eligible)
        lines = self.report()._compute_lines()
        overall = self.line(lines, "all", "All decided requests")
        # 7 decided, 4 approved; 6 eligible of which 3 approved; days 2+4+6+2+4+8+10 = 36;
        # satisfaction (80 + 60 + 100 + 20) / 4.
        self.assertEqual(overall["decided_count"], 7)
        self.assertEqual(overall["approval_rate"], 57.1)
        self.assertEqual(overall["eligible_approval_rate"], 50.0)
        self.assertEqual(overall["days_to_decision"], 5.1)
        self.assertEqual(overall["satisfaction"], 65.0)
        self.assertEqual(overall["override_rate"], 14.3)
        male = self.line(lines, "gender", "Male")
        # r1, r2, r3, r7: 3 approved of 4; eligible r1, r2, r3: 2 of 3; days 22 / 4.
        self.assertEqual(male["decided_count"], 4)
        self.assertEqual(male["approval_rate"], 75.0)
        self.assertEqual(male["approval_gap"], 17.9)
        self.assertEqual(male["eligible_approval_rate"], 66.7)
        self.assertEqual(male["days_to_decision"], 5.5)
        self.assertEqual(male["days_gap"], 0.4)
        self.assertEqual(male["satisfaction"], 70.0)
        self.assertEqual(male["satisfaction_gap"], 5.0)
        self.assertFalse(male["below_four_fifths"])
        female = self.line(lines, "gender", "Female")
        # r4, r5, r6: 1 of 3, all eligible; days 14 / 3; 33.3 < 0.8 × 66.7 = 53.3.
        self.assertEqual(female["approval_rate"], 33.3)
        self.assertEqual(female["approval_gap"], -23.8)
        self.assertEqual(female["eligible_approval_rate"], 33.3)
        self.assertEqual(female["days_to_decision"], 4.7)
        self.assertEqual(female["satisfaction"], 60.0)
        self.assertTrue(female["below_four_fifths"])
        # Non-Saudi: one request, under the minimum of 2, alone in "other": hidden.
        saudi_values = [line["value"] for line in lines if line["dimension"] == "saudi"]
        self.assertEqual(saudi_values, ["Saudi"])
        self.assertEqual(self.line(lines, "saudi", "Saudi")["approval_rate"], 66.7)
        # Cities: Riyadh r1, r2, r4, r7 (4 approved); Jeddah, Dammam and Makkah one
        # rejection each, merged (3 decided, eligible, none approved): flagged.
        riyadh = self.line(lines, "city", "الرياض")
        self.assertEqual((riyadh["decided_count"], riyadh["approval_rate"]), (4, 100.0))
        other = [line for line in lines if line["dimension"] == "city" and line["merged"]]
        self.assertEqual(len(other), 1)
        self.assertEqual((other[0]["decided_count"], other[0]["approval_rate"]), (3, 0.0))
        self.assertTrue(other[0]["below_four_fifths"])
        self.assertNotIn("جدة", [line["value"] for line in lines])
        # Satisfaction of a group with fewer answers than the minimum is not shown.
        self.assertIsNone(other[0]["satisfaction"], "one answer (r5) only")

    def test_rates_by_officer_and_committee(self):
        self.data_set()
        lines = self.report()._compute_lines()
        officer = self.line(lines, "officer", self.officer.name)
        # r1..r6 decided by the officer, all eligible: 3 rejected; no override.
        self.assertEqual(officer["decided_count"], 6)
        self.assertEqual(officer["rejected_eligible_rate"], 50.0)
        self.assertEqual(officer["override_rate"], 0.0)
        # The manager decided one request only: under the minimum, not shown.
        self.assertIsNone(self.line(lines, "officer", self.manager.name))
        # No committee for these services: one group, 3 of 6 eligible rejected, 1 of 7
        # approved by override.
        [committee] = [line for line in lines if line["dimension"] == "committee"]
        self.assertEqual(committee["rejected_eligible_rate"], 50.0)
        self.assertEqual(committee["override_rate"], 14.3)

    def test_report_period_and_minimum(self):
        self.data_set()
        self.assertEqual(self.report(date_from="2025-07-01", date_to=False)._compute_lines(), [])
        self.company.beneficiary_fairness_min_group = 4
        lines = self.report()._compute_lines()
        self.assertEqual(
            [line["value"] for line in lines if line["dimension"] == "gender"], ["Male"]
        )

    def test_report_screen_for_managers_only(self):
        self.data_set()
        action = self.env["beneficiary.fairness.report"].with_user(self.manager).action_open()
        self.assertEqual(action["res_model"], "beneficiary.fairness.report")
        report = self.report()
        report.action_compute()
        female = report.line_ids.filtered(lambda line: line.value == "Female")
        self.assertEqual(female.approval_rate, 33.3)
        self.assertTrue(female.below_four_fifths)
        for user in (self.officer, self.researcher, self.committee):
            with self.assertRaises(AccessError):
                self.env["beneficiary.fairness.report"].with_user(user).create({})

    def test_query_count_does_not_grow_with_requests(self):
        self.data_set()
        report = self.report()
        report._compute_lines()
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            report._compute_lines()
        more = [self.person(), self.person("female", city="جدة"), self.person(saudi=False)]
        for beneficiary in more * 2:
            self.decided(beneficiary, "approve", 3)
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            lines = report._compute_lines()
        self.assertEqual(self.line(lines, "all", "All decided requests")["decided_count"], 13)


@tagged("post_install", "-at_install", "beneficiary_fairness")
class TestFairnessRpc(JsonRpcMixin, SupportRequestCommon, HttpCase):
    """The snapshot and the report refuse the web client's calls beyond each role."""

    def test_snapshot_and_report_over_json_rpc(self):
        request = self.create_request(service=self.service_direct)
        request.with_user(self.officer).action_submit()
        self.assertTrue(request.fairness_gender)
        # Officers do not read the snapshot (disability and categories are health data).
        self.refused(
            "br_officer",
            "beneficiary.support.request",
            "read",
            [request.ids, ["fairness_disability"]],
        )
        # Nobody writes it, managers included.
        self.refused(
            "br_manager",
            "beneficiary.support.request",
            "write",
            [request.ids, {"fairness_gender": "male", "fairness_city": "مدينة مزورة"}],
            message="change only through the buttons",
        )
        request.invalidate_recordset()
        self.assertNotEqual(request.fairness_city, "مدينة مزورة")
        # The report is for managers.
        self.refused("br_officer", "beneficiary.fairness.report", "create", [{}])
        self.refused("br_officer", "beneficiary.fairness.report", "action_open", [])
        action = self.call("br_manager", "beneficiary.fairness.report", "action_open", [])
        self.assertEqual(action["res_model"], "beneficiary.fairness.report")
