from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_partner import PartnerCommon


@tagged("post_install", "-at_install")
class TestPartnerPriority(PartnerCommon):
    """Fair priority of partner associations' requests (P23)."""

    def test_priority_arithmetic_and_ranking(self):
        # A: impact 100 (all 5), low-need region (level 1 = 20), never served (100).
        req_a = self.study(self.new_request(self.assoc_a), [5])
        # B: impact 60 (all 3), high-need region (level 5 = 100), never served (100).
        req_b = self.study(self.new_request(self.assoc_b), [3])
        self.assertEqual(
            (req_a.impact_part, req_a.need_part, req_a.served_part), (100.0, 20.0, 100.0)
        )
        self.assertEqual(
            (req_b.impact_part, req_b.need_part, req_b.served_part), (60.0, 100.0, 100.0)
        )
        # (100×50 + 20×30 + 100×20) / 100 = 76; (60×50 + 100×30 + 100×20) / 100 = 80
        self.assertEqual(req_a.priority_score, 76.0)
        self.assertEqual(req_b.priority_score, 80.0)
        # Ranked among every open request (the database may hold others): B before A.
        self.assertLess(req_b.priority_rank, req_a.priority_rank)
        # The breakdown the ranked list shows.
        self.assertIn("100 × 50", req_a.priority_explanation)
        self.assertIn("20 × 30", req_a.priority_explanation)
        self.assertIn("= 76", req_a.priority_explanation)

    def test_study_score_is_weighted(self):
        request = self.new_request(self.assoc_a)
        self.assertEqual(len(self.study_criteria), 4)
        # weights 3,1,1,1 and scores 5,1,2,4: (15+1+2+4)/6 = 3.667 of 5 → 73.33 points.
        self.study(request, [5, 1, 2, 4], weights=[3, 1, 1, 1])
        self.assertAlmostEqual(request.study_score, 73.33, places=2)

    def test_ties_rank_earlier_submission_first(self):
        later = self.new_request(self.assoc_a, submit_date=self.at(date(2026, 3, 2)))
        earlier = self.new_request(self.assoc_a, submit_date=self.at(date(2026, 3, 1)))
        same_time = self.new_request(self.assoc_a, submit_date=self.at(date(2026, 3, 1)))
        for request in (later, earlier, same_time):
            self.study(request, [4])
        self.assertEqual(
            len({later.priority_score, earlier.priority_score, same_time.priority_score}), 1
        )
        # Equal scores: earlier submission first, then the first filed.
        first = earlier.priority_rank
        self.assertEqual(
            [earlier.priority_rank, same_time.priority_rank, later.priority_rank],
            [first, first + 1, first + 2],
        )
        ranked = self.env["beneficiary.partner.request"].search(
            [("id", "in", (later + earlier + same_time).ids)],
            order="priority_score desc, submit_date, id",
        )
        self.assertEqual(ranked.ids, [earlier.id, same_time.id, later.id])

    def test_closed_requests_leave_the_ranking(self):
        first = self.study(self.new_request(self.assoc_b), [5])
        second = self.study(self.new_request(self.assoc_a), [1])
        rank = second.priority_rank
        self.assertLess(first.priority_rank, rank)
        first._decline("لا تتوفر سعة في هذه الدورة")
        (first | second).invalidate_recordset(["priority_rank"])
        self.assertEqual(first.priority_rank, 0)
        self.assertEqual(second.priority_rank, rank - 1)

    def test_weights_and_need_levels_are_configurable(self):
        req_a = self.study(self.new_request(self.assoc_a), [5])
        req_b = self.study(self.new_request(self.assoc_b), [3])
        self.assertGreater(req_b.priority_score, req_a.priority_score)
        # Only impact counts: A (100) now before B (60).
        self.company.write(
            {
                "partner_priority_weight_impact": 1,
                "partner_priority_weight_need": 0,
                "partner_priority_weight_served": 0,
            }
        )
        self.assertEqual((req_a.priority_score, req_b.priority_score), (100.0, 60.0))
        (req_a | req_b).invalidate_recordset(["priority_rank"])
        self.assertLess(req_a.priority_rank, req_b.priority_rank)
        # Back to 50/30/20, and B's region is judged of low need: 60×.5 + 20×.3 + 100×.2 = 56.
        self.company.write(
            {
                "partner_priority_weight_impact": 50,
                "partner_priority_weight_need": 30,
                "partner_priority_weight_served": 20,
            }
        )
        self.region_high.need_level = "1"
        self.assertEqual(req_b.need_part, 20.0)
        self.assertEqual(req_b.priority_score, 56.0)

    def test_served_before_lowers_priority(self):
        """Tuwaiq policy: priority to associations "that have not benefited before"."""
        first = self.study(self.new_request(self.assoc_a), [4])
        second = self.new_request(self.assoc_a)
        self.assertFalse(second.served_before)
        first.action_approve()
        mou = self.env["beneficiary.mou"].create(self.mou_values(first))
        # A draft or signed MOU is not a service yet.
        mou.action_sign()
        self.assertFalse(second.served_before)
        mou.action_activate()
        self.assertTrue(second.served_before)
        self.assertEqual(second.served_count, 1)
        self.assertEqual(second.served_part, 0.0)
        # Its own MOU does not count against the request it serves.
        self.assertFalse(first.served_before)
        self.study(second, [4])
        # 80×50 + 20×30 + 0×20 = 46 (it would be 66 if never served).
        self.assertEqual(second.priority_score, 46.0)
        # B's requests are not affected by A's MOU.
        self.assertFalse(self.new_request(self.assoc_b).served_before)

    def test_ranking_queries_do_not_grow_with_requests(self):
        Request = self.env["beneficiary.partner.request"]
        for _i in range(2):
            self.new_request(self.assoc_a)

        def queries_to_rank():
            requests = Request.search([("state", "=", "submitted")])
            requests.invalidate_recordset()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            requests.mapped("priority_rank")
            return self.env.cr.sql_log_count - before, len(requests)

        few, count_few = queries_to_rank()
        for _i in range(8):
            self.new_request(self.assoc_b)
        many, count_many = queries_to_rank()
        self.assertGreater(count_many, count_few)
        self.assertEqual(few, many)

    def test_weights_cannot_be_all_zero_or_negative(self):
        with self.assertRaises(ValidationError):
            self.company.partner_priority_weight_need = -1
        with self.assertRaises(ValidationError):
            self.company.write(
                {
                    "partner_priority_weight_impact": 0,
                    "partner_priority_weight_need": 0,
                    "partner_priority_weight_served": 0,
                }
            )
