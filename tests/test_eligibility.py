import logging
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import format_amount

from .common_request import SupportRequestCommon

_logger = logging.getLogger(__name__)

TODAY = "2025-06-15 09:00:00"


@tagged("post_install", "-at_install")
class TestEligibility(SupportRequestCommon):
    """The eligibility engine (P17, P18): each criterion met or not, and explained."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.currency = cls.company.currency_id

    # ------------------------------------------------------------------ helpers
    def evaluate(self, service, criterion, lang="en_US", **beneficiary_values):
        """A request of a new beneficiary for ``service`` and its ``criterion`` line."""
        beneficiary_values.setdefault("lang", lang)
        birth = beneficiary_values.get("birth_date")
        if birth and relativedelta(date.today(), birth).years < 18:
            # A minor does not sign for themselves (P32): the check needs no signature.
            beneficiary_values.update(declaration=False, consent=False)
        beneficiary = self.create_beneficiary(**beneficiary_values)
        # As in the next transaction: many2many values come back in their model's order.
        self.env.invalidate_all()
        request = self.create_request(beneficiary, service)
        line = request.eligibility_line_ids.filtered(lambda line: line.criterion == criterion)
        self.assertEqual(len(line), 1, "one line for the %s criterion" % criterion)
        return request, line

    def assertMet(self, request, line, value=None, rule=None):
        self.assertTrue(line.met)
        self.assertTrue(request.eligibility_ok)
        self.assertFalse(request.eligibility_reasons)
        self.assertFalse(line.explanation)
        if value is not None:
            self.assertEqual(line.beneficiary_value, value)
        if rule is not None:
            self.assertEqual(line.rule, rule)

    def assertNotMet(self, request, line, value, rule, explanation):
        self.assertFalse(line.met)
        self.assertFalse(request.eligibility_ok)
        self.assertEqual(line.beneficiary_value, value)
        self.assertEqual(line.rule, rule)
        self.assertEqual(line.explanation, explanation)
        self.assertIn(explanation, request.eligibility_reasons.splitlines())

    def amount(self, value):
        return format_amount(self.env, value, self.currency)

    # --------------------------------------------------------------------- age
    @freeze_time(TODAY)
    def test_age_range_boundaries(self):
        service = self.create_service(min_age=18, max_age=60)
        rule = "From 18 to 60 years"
        explanation = "Age: the service is for people aged 18 to 60."
        # 18 on the day itself: met.
        request, line = self.evaluate(service, "age", birth_date=date(2007, 6, 15))
        self.assertMet(request, line, rule=rule)
        self.assertTrue(line.beneficiary_value.startswith("18 years (born "))
        self.assertIn("2007/06/15", line.beneficiary_value)
        self.assertIn("AH", line.beneficiary_value, "the Hijri birth date is shown")
        # 18 tomorrow: not yet.
        request, line = self.evaluate(service, "age", birth_date=date(2007, 6, 16))
        self.assertNotMet(request, line, line.beneficiary_value, rule, explanation)
        self.assertTrue(line.beneficiary_value.startswith("17 years"))
        # 60 until tomorrow: met; 61 today: not met.
        request, line = self.evaluate(service, "age", birth_date=date(1964, 6, 16))
        self.assertMet(request, line)
        self.assertTrue(line.beneficiary_value.startswith("60 years"))
        request, line = self.evaluate(service, "age", birth_date=date(1964, 6, 15))
        self.assertNotMet(request, line, line.beneficiary_value, rule, explanation)
        self.assertTrue(line.beneficiary_value.startswith("61 years"))

    @freeze_time(TODAY)
    def test_age_counted_in_gregorian_years(self):
        # Born 2007-07-15: over 18 lunar (Hijri) years, but 17 Gregorian years.
        service = self.create_service(min_age=18)
        request, line = self.evaluate(service, "age", birth_date=date(2007, 7, 15))
        self.assertNotMet(
            request,
            line,
            line.beneficiary_value,
            "At least 18 years",
            "Age: the service is for people aged 18 or older.",
        )
        self.assertTrue(line.beneficiary_value.startswith("17 years"))

    @freeze_time(TODAY)
    def test_age_maximum_only_and_unknown_birth_date(self):
        service = self.create_service(max_age=30)
        # 30 until tomorrow: met; 31 today: not met.
        request, line = self.evaluate(service, "age", birth_date=date(1994, 6, 16))
        self.assertMet(request, line, rule="At most 30 years")
        self.assertTrue(line.beneficiary_value.startswith("30 years"))
        request, line = self.evaluate(service, "age", birth_date=date(1994, 6, 15))
        self.assertNotMet(
            request,
            line,
            line.beneficiary_value,
            "At most 30 years",
            "Age: the service is for people aged 30 or younger.",
        )
        # Without a birth date the condition cannot be met.
        request, line = self.evaluate(service, "age", birth_date=False)
        self.assertNotMet(
            request,
            line,
            "Not recorded",
            "At most 30 years",
            "Age: the service is for people aged 30 or younger.",
        )

    # ------------------------------------------------------------------ gender
    def test_gender(self):
        service = self.create_service(gender="female")
        request, line = self.evaluate(service, "gender", gender="female", first_name="نورة")
        self.assertMet(request, line, value="Female", rule="Female Only")
        request, line = self.evaluate(service, "gender", gender="male")
        self.assertNotMet(
            request, line, "Male", "Female Only", "Gender: the service is for female only."
        )

    def test_any_gender_is_not_checked(self):
        request = self.create_request(self.create_beneficiary(lang="en_US"), self.service)
        self.assertNotIn("gender", request.eligibility_line_ids.mapped("criterion"))
        self.assertTrue(request.eligibility_ok)

    # ------------------------------------------------------------- nationality
    def test_nationality_saudi_only(self):
        service = self.create_service(nationality="saudi")
        request, line = self.evaluate(service, "nationality")
        self.assertMet(request, line, value="Saudi Arabia", rule="Saudi nationals only")
        request, line = self.evaluate(
            service,
            "nationality",
            national_id=self.new_national_id(prefix="2"),
            nationality_id=self.egypt.id,
        )
        self.assertNotMet(
            request,
            line,
            "Egypt",
            "Saudi nationals only",
            "Nationality: the service is for Saudi nationals only.",
        )

    # -------------------------------------------------------------- categories
    def test_categories_any_of(self):
        service = self.create_service(
            category_ids=[Command.set((self.category_orphan | self.category_social_security).ids)]
        )
        names = "Orphans or Social Security Recipients"
        # One of the service's categories is enough.
        request, line = self.evaluate(
            service, "category", categories=self.category_job_seeker | self.category_orphan
        )
        self.assertMet(request, line, value="Orphans and Job Seekers", rule=names)
        request, line = self.evaluate(service, "category", categories=self.category_job_seeker)
        self.assertNotMet(
            request, line, "Job Seekers", names, "Category: the service is for %s." % names
        )

    # ----------------------------------------------------------- qualification
    def test_qualification_levels(self):
        ref = self.env.ref
        bachelor = ref("beneficiary_relations.education_level_bachelor")
        master = ref("beneficiary_relations.education_level_master")
        secondary = ref("beneficiary_relations.education_level_secondary")
        service = self.create_service(education_level_ids=[Command.set((bachelor | master).ids)])
        request, line = self.evaluate(service, "education", education_level_id=master.id)
        self.assertMet(request, line, value="Master", rule="Bachelor or Master")
        explanation = "Qualification: the service requires Bachelor or Master."
        request, line = self.evaluate(service, "education", education_level_id=secondary.id)
        self.assertNotMet(request, line, "Secondary", "Bachelor or Master", explanation)
        request, line = self.evaluate(service, "education")
        self.assertNotMet(request, line, "Not recorded", "Bachelor or Master", explanation)
        # In Arabic, with the Arabic list words (not a Latin comma).
        request, line = self.evaluate(
            service, "education", lang="ar_001", education_level_id=secondary.id
        )
        self.assertEqual(line.rule, "بكالوريوس أو ماجستير")
        self.assertEqual(line.explanation, "المؤهل: تتطلب الخدمة بكالوريوس أو ماجستير.")

    # -------------------------------------------------------------- employment
    def test_employment_statuses(self):
        ref = self.env.ref
        unemployed = ref("beneficiary_relations.employment_status_unemployed")
        student = ref("beneficiary_relations.employment_status_student")
        employed = ref("beneficiary_relations.employment_status_employed")
        service = self.create_service(
            employment_status_ids=[Command.set((unemployed | student).ids)]
        )
        request, line = self.evaluate(service, "employment", employment_status_id=student.id)
        self.assertMet(request, line, value="Student", rule="Job Seeker or Student")
        request, line = self.evaluate(service, "employment", employment_status_id=employed.id)
        self.assertNotMet(
            request,
            line,
            "Employed",
            "Job Seeker or Student",
            "Employment status: the service is for Job Seeker or Student.",
        )

    # ------------------------------------------------------------------ income
    def income_case(self, service, income, members=()):
        beneficiary = self.create_beneficiary(lang="en_US", monthly_income=income)
        if members:
            self.add_members(beneficiary, *members)
        request = self.create_request(beneficiary, service)
        line = request.eligibility_line_ids.filtered(lambda line: line.criterion == "income")
        self.assertEqual(len(line), 1)
        return request, line

    def test_income_personal(self):
        service = self.create_service(max_income=3000, income_basis="personal")
        limit = self.amount(3000)
        self.assertIn("3,000.00", limit)
        rule = "Beneficiary's Income at most %s" % limit
        # At the limit, whatever the household earns: met.
        request, line = self.income_case(service, 3000, members=(5000,))
        self.assertMet(request, line, value=self.amount(3000), rule=rule)
        request, line = self.income_case(service, 3001)
        self.assertNotMet(request, line, self.amount(3001), rule, "Income: %s." % rule)

    def test_income_household(self):
        service = self.create_service(max_income=3000, income_basis="household")
        rule = "Household Income at most %s" % self.amount(3000)
        request, line = self.income_case(service, 2000, members=(1000,))
        self.assertMet(request, line, value=self.amount(3000), rule=rule)
        request, line = self.income_case(service, 2000, members=(1500,))
        self.assertNotMet(request, line, self.amount(3500), rule, "Income: %s." % rule)

    def test_income_per_capita(self):
        service = self.create_service(max_income=3000, income_basis="per_capita")
        rule = "Household Income per Person at most %s" % self.amount(3000)
        # 6,000 shared by three people: 2,000 each.
        request, line = self.income_case(service, 6000, members=(0, 0))
        self.assertMet(request, line, value=self.amount(2000), rule=rule)
        request, line = self.income_case(service, 6000)
        self.assertNotMet(request, line, self.amount(6000), rule, "Income: %s." % rule)

    # -------------------------------------------------------------- free rule
    def test_free_rule_with_label(self):
        service = self.create_service(
            eligibility_domain="[('marital_status', '=', 'widowed')]",
            eligibility_domain_label="Widowed applicants only",
        )
        request, line = self.evaluate(service, "other", marital_status="widowed")
        self.assertMet(request, line, rule="Widowed applicants only")
        request, line = self.evaluate(service, "other", marital_status="married")
        self.assertNotMet(
            request,
            line,
            "Not recorded",
            "Widowed applicants only",
            "Other conditions: Widowed applicants only.",
        )

    def test_free_rule_without_label(self):
        service = self.create_service(eligibility_domain="[('kind', '=', 'indirect')]")
        request, line = self.evaluate(service, "other")
        self.assertNotMet(
            request,
            line,
            "Not recorded",
            "Other conditions of the service",
            "Other conditions: Other conditions of the service.",
        )

    def test_label_with_quotes_and_backslashes_is_kept_as_typed(self):
        """Lines and reasons are written in bulk: the texts come back exactly as typed."""
        label = "Widowed \"or divorced\" \\ {not} NULL, , 'single'"
        service = self.create_service(
            eligibility_domain="[('marital_status', '=', 'widowed')]",
            eligibility_domain_label=label,
        )
        request, line = self.evaluate(service, "other", marital_status="married")
        self.assertNotMet(request, line, "Not recorded", label, "Other conditions: %s." % label)
        self.assertEqual(request.eligibility_reasons, "Other conditions: %s." % label)

    def test_free_rule_must_be_a_valid_filter(self):
        with self.assertRaisesText(ValidationError, "not a valid filter"):
            self.create_service(eligibility_domain="[('no_such_field', '=', 1)]")

    # ------------------------------------------------------ several criteria
    def test_every_unmet_condition_is_explained(self):
        service = self.create_service(
            gender="female",
            nationality="saudi",
            category_ids=[Command.set(self.category_orphan.ids)],
            max_income=1000,
            income_basis="personal",
        )
        request = self.create_request(
            self.create_beneficiary(lang="en_US", monthly_income=1500), service
        )
        self.assertFalse(request.eligibility_ok)
        self.assertEqual(
            request.eligibility_line_ids.mapped("criterion"),
            ["gender", "nationality", "category", "income"],
        )
        self.assertEqual(request.eligibility_line_ids.mapped("met"), [False, True, False, False])
        self.assertEqual(
            request.eligibility_reasons.splitlines(),
            [
                "Gender: the service is for female only.",
                "Category: the service is for Orphans.",
                "Income: Beneficiary's Income at most %s." % self.amount(1000),
            ],
        )
        self.assertTrue(request.eligibility_date)

    def test_arabic_beneficiary_gets_lines_and_reasons(self):
        service = self.create_service(gender="female", max_income=1000, income_basis="personal")
        request = self.create_request(
            self.create_beneficiary(lang="ar_001", monthly_income=1500), service
        )
        self.assertEqual(len(request.eligibility_line_ids), 2)
        self.assertFalse(any(request.eligibility_line_ids.mapped("met")))
        self.assertTrue(all(request.eligibility_line_ids.mapped("explanation")))
        self.assertFalse(request.eligibility_ok)
        self.assertTrue(request.eligibility_reasons)
        self.assertEqual(len(request.eligibility_reasons.splitlines()), 2)


@tagged("post_install", "-at_install")
class TestEligibilityReevaluation(SupportRequestCommon):
    """The engine re-runs when the data or the criteria change, until the decision."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service_check = cls.create_service(
            name="Training Grant",
            requires_research=False,
            requires_committee=False,
            min_age=18,
            max_age=60,
            max_income=3000,
            income_basis="household",
        )

    def setUp(self):
        super().setUp()
        self.beneficiary = self.create_beneficiary(
            lang="en_US", monthly_income=2000, birth_date=date(1990, 1, 1)
        )
        self.decided = self.create_request(self.beneficiary, self.service_check)
        self.advance(self.decided, "verification")
        self.decided.action_approve()
        self.assertEqual(self.decided.state, "approved")
        self.open = self.create_request(self.beneficiary, self.service_check)
        self.assertTrue(self.open.eligibility_ok)
        self.decided_checked_on = self.decided.eligibility_date

    def assertOnlyOpenReevaluated(self, criterion):
        self.assertFalse(self.open.eligibility_ok)
        failed = self.open.eligibility_line_ids.filtered(lambda line: not line.met)
        self.assertEqual(failed.mapped("criterion"), [criterion])
        # The decided request keeps the result it was decided on.
        self.assertTrue(self.decided.eligibility_ok)
        self.assertTrue(all(self.decided.eligibility_line_ids.mapped("met")))
        self.assertEqual(self.decided.eligibility_date, self.decided_checked_on)

    def test_income_change(self):
        self.beneficiary.monthly_income = 3500
        self.assertOnlyOpenReevaluated("income")
        self.beneficiary.monthly_income = 2500
        self.assertTrue(self.open.eligibility_ok)

    def test_birth_date_change(self):
        self.beneficiary.birth_date = date(1950, 1, 1)
        self.assertOnlyOpenReevaluated("age")

    def test_household_member_with_income(self):
        member = self.add_members(self.beneficiary, 1500)
        self.assertOnlyOpenReevaluated("income")
        income_line = self.open.eligibility_line_ids.filtered(
            lambda line: line.criterion == "income"
        )
        self.assertEqual(
            income_line.beneficiary_value,
            format_amount(self.env(context={"lang": "en_US"}), 3500, self.company.currency_id),
        )
        member.monthly_income = 500
        self.assertTrue(self.open.eligibility_ok)
        member.monthly_income = 1500
        self.assertFalse(self.open.eligibility_ok)
        member.unlink()
        self.assertTrue(self.open.eligibility_ok)

    def test_service_criteria_change(self):
        self.service_check.max_income = 1000
        self.assertOnlyOpenReevaluated("income")
        self.service_check.write({"max_income": 3000, "gender": "female"})
        self.assertOnlyOpenReevaluated("gender")

    def test_submitted_request_is_reevaluated_too(self):
        self.advance(self.open, "submitted")
        self.beneficiary.monthly_income = 3500
        self.assertOnlyOpenReevaluated("income")


@tagged("post_install", "-at_install")
class TestEligibilityQueryCount(SupportRequestCommon):
    """Evaluating many requests takes a few queries, not a few per request."""

    def setUp(self):
        super().setUp()
        ref = self.env.ref
        educations = [
            ref("beneficiary_relations.education_level_%s" % code)
            for code in ("secondary", "diploma", "bachelor", "master")
        ]
        employments = [
            ref("beneficiary_relations.employment_status_%s" % code)
            for code in ("unemployed", "employed", "student", "unable")
        ]
        categories = [
            self.category_job_seeker,
            self.category_orphan,
            self.category_disability | self.category_job_seeker,
        ]
        criteria = {
            "min_age": 18,
            "max_age": 60,
            "gender": "male",
            "nationality": "saudi",
            "category_ids": [Command.set((self.category_orphan | self.category_job_seeker).ids)],
            "education_level_ids": [Command.set((educations[1] | educations[2]).ids)],
            "employment_status_ids": [Command.set((employments[0] | employments[2]).ids)],
            "max_income": 3000,
            "eligibility_domain": "[('marital_status', '!=', 'married')]",
            "eligibility_domain_label": "Not married",
        }
        services = self.create_service(name="Grant A", income_basis="per_capita", **criteria)
        services |= self.create_service(name="Grant B", income_basis="household", **criteria)
        vals_list = []
        for index in range(500):
            resident = index % 7 == 0
            vals_list.append(
                self.beneficiary_values(
                    lang=("en_US", "ar_001")[index % 2],
                    gender=("male", "female")[index % 3 == 0],
                    national_id=self.new_national_id(prefix="2" if resident else "1"),
                    nationality_id=(self.egypt if resident else self.saudi_arabia).id,
                    birth_date=date(1950 + index % 60, 1 + index % 12, 1 + index % 28),
                    category_ids=[Command.set(categories[index % 3].ids)],
                    education_level_id=educations[index % 4].id,
                    employment_status_id=employments[index % 4].id,
                    monthly_income=(index % 10) * 700,
                    marital_status=("single", "married", "widowed")[index % 3],
                )
            )
        beneficiaries = (
            self.env["beneficiary.beneficiary"]
            .with_context(tracking_disable=True)
            .create(vals_list)
        )
        self.env["beneficiary.family.member"].create(
            [
                {"beneficiary_id": beneficiary.id, "name": "ابن", "monthly_income": 500}
                for beneficiary in beneficiaries[::4]
            ]
        )
        self.requests = self.Request.create(
            [
                {
                    "beneficiary_id": beneficiary.id,
                    "service_id": services[index % 2].id,
                    "officer_id": self.officer.id,
                }
                for index, beneficiary in enumerate(beneficiaries)
            ]
        )

    def count_queries(self, requests):
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        requests._evaluate_eligibility()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_query_count_does_not_grow_with_requests(self):
        requests = self.requests
        self.assertEqual(len(requests), 500)
        # Both results are present: the engine really checks something.
        self.assertTrue(any(requests.mapped("eligibility_ok")))
        self.assertFalse(all(requests.mapped("eligibility_ok")))
        self.assertEqual(
            set(requests.eligibility_line_ids.mapped("criterion")),
            {
                "age",
                "gender",
                "nationality",
                "category",
                "education",
                "employment",
                "income",
                "other",
            },
        )
        self.count_queries(requests[450:455])  # warm the caches
        count_50 = self.count_queries(requests[:50])
        count_500 = self.count_queries(requests)
        _logger.info("Eligibility of 50 requests: %s queries; of 500: %s", count_50, count_500)
        self.assertLessEqual(
            abs(count_500 - count_50),
            2,
            "50 requests: %s queries, 500 requests: %s queries" % (count_50, count_500),
        )
        self.assertEqual(len(requests.eligibility_line_ids), 500 * 8)
