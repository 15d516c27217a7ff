"""KPIs right under any filter (issue 17 point 3): rates and days to decision over
decided requests only, and the time spent in each stage."""

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common_committee import CommitteeCommon


@tagged("post_install", "-at_install", "beneficiary_fairness")
class TestDecisionKpis(CommitteeCommon):
    def test_undecided_requests_do_not_count_in_averages(self):
        with freeze_time("2025-06-01 08:00:00"):
            approved, rejected, referred, waiting = (
                self.create_request(service=self.service_direct) for __ in range(4)
            )
            requests = approved | rejected | referred | waiting
            requests.action_submit()
            requests.write({"data_checked": True})
            (approved | rejected).action_verify()
        with freeze_time("2025-06-05 08:00:00"):
            approved.action_approve()
        with freeze_time("2025-06-09 08:00:00"):
            self.confirm_wizard(rejected, "action_reject", reason="لا تنطبق الشروط")
            self.confirm_wizard(
                referred,
                "action_refer",
                partner_id=self.referral_association.id,
                note="خدمة لا تقدمها الجمعية",
            )
        self.assertFalse(waiting.decision_days_taken)
        self.assertFalse(waiting.approval_rate)
        # No filter at all: the waiting request is not a zero; the referral is decided
        # (8 days) but is no judgement on approval.
        [(days, approval, in_time, count)] = self.Request._read_group(
            [("id", "in", requests.ids)],
            [],
            ["decision_days_taken:avg", "approval_rate:avg", "in_time_rate:avg", "__count"],
        )
        self.assertEqual(count, 4)
        self.assertAlmostEqual(days, (4 + 8 + 8) / 3, places=2)
        self.assertEqual(approval, 50.0)
        self.assertEqual(in_time, 100.0)
        self.env.cr.execute(
            "SELECT decision_days_taken, approval_rate FROM beneficiary_support_request"
            " WHERE id = %s",
            [waiting.id],
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None), "NULL, not 0, in the table")

    def test_time_in_each_stage(self):
        with freeze_time("2025-06-01 08:00:00"):
            request = self.create_request(service=self.rc_service)
            request.with_user(self.officer).action_submit()
        with freeze_time("2025-06-03 20:00:00"):
            request.with_user(self.officer).write({"data_checked": True})
            request.with_user(self.officer).action_verify()
        self.assertFalse(request.stage_verification_days, "still in verification")
        with freeze_time("2025-06-04 08:00:00"):
            request.with_user(self.officer).action_send_to_committee()
        # Submitted then verified: 3 days in verification (2.5 + 0.5).
        self.assertEqual(request.stage_verification_days, 3.0)
        self.assertFalse(request.stage_committee_days)
        with freeze_time("2025-06-10 08:00:00"):
            meeting = self.convened_meeting()
            decision = self.decision_of(meeting, request)
            self.propose(decision, "approve")
            self.cast(
                decision,
                (self.chair, "for"),
                (self.member2, "for"),
                (self.member3, "for"),
            )
        with freeze_time("2025-06-11 20:00:00"):
            meeting.with_user(self.secretary).action_close()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.stage_committee_days, 7.5)
        self.assertFalse(request.stage_research_days, "this service needs no research")
        with freeze_time("2025-06-13 08:00:00"):
            request.action_start_service()
        self.assertEqual(request.stage_service_start_days, 1.5)
        self.assertFalse(request.stage_entered_date, "no stage measured while in service")
        [(verification, research, committee)] = self.Request._read_group(
            [("id", "=", request.id)],
            [],
            [
                "stage_verification_days:avg",
                "stage_research_days:avg",
                "stage_committee_days:avg",
            ],
        )
        self.assertEqual((verification, research, committee), (3.0, False, 7.5))

    def test_stage_times_set_by_the_workflow_only(self):
        request = self.create_request(service=self.service_direct)
        request.action_submit()
        with self.assertRaises(AccessError):
            request.with_user(self.manager).write({"stage_verification_days": 0.1})
