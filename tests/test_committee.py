from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_committee import CommitteeCommon


@tagged("post_install", "-at_install")
class TestCommittee(CommitteeCommon):
    """The research committee (P10): meetings, agenda, quorum, votes, decisions, minutes."""

    # ------------------------------------------------------------------ helpers
    def messages_since(self, record, since):
        """Messages posted on ``record`` after the message ids ``since``."""
        self.env.flush_all()
        return record.sudo().message_ids.filtered(lambda m: m.id not in since)

    def decided(self, meeting, request, proposal, reasons=False):
        """The proposal on ``request`` carried by the votes of three members."""
        decision = self.decision_of(meeting, request)
        self.propose(decision, proposal, reasons)
        self.cast(decision, (self.chair, "for"), (self.member2, "for"), (self.member3, "for"))
        self.assertEqual(decision.outcome, proposal)
        return decision

    # ------------------------------------------------------------------ numbers
    def test_meeting_number_per_committee_and_year(self):
        first = self.new_meeting(date="2026-02-01 09:00:00")
        second = self.new_meeting(date="2026-03-01 09:00:00")
        other = self.new_meeting(committee=self.other_committee, date="2026-03-02 09:00:00")
        last_year = self.new_meeting(date="2025-12-20 09:00:00")
        self.assertEqual(first.name, "RC/2026/001")
        self.assertEqual(second.name, "RC/2026/002")
        self.assertEqual(other.name, "HC/2026/001", "another committee has its own numbers")
        self.assertEqual(last_year.name, "RC/2025/001", "numbers restart every year")
        self.assertEqual(self.new_meeting(date="2026-04-01 09:00:00").name, "RC/2026/003")
        self.assertEqual(self.research_committee.meeting_count, 4)

    def test_meeting_schedules_an_activity_per_member(self):
        meeting = self.new_meeting(date="2026-05-10 09:00:00", location="مقر الجمعية")
        activities = meeting.activity_ids
        self.assertEqual(len(activities), len(self.research_committee.member_ids))
        self.assertEqual(activities.user_id, self.research_committee.member_ids)
        self.assertEqual(activities.activity_type_id, self.meeting_activity_type)
        self.assertEqual(
            set(activities.mapped("date_deadline")), {fields.Date.to_date("2026-05-10")}
        )
        self.assertIn(meeting.name, activities[0].summary)
        self.assertIn("مقر الجمعية", activities[0].summary)
        other = self.new_meeting(committee=self.other_committee)
        self.assertEqual(other.activity_ids.user_id, self.other_committee.member_ids)

    # ------------------------------------------------------------------ agenda
    def test_load_agenda_oldest_deadline_first(self):
        today = fields.Date.today()
        middle = self.committee_requests(submitted_on=today - timedelta(days=5))
        oldest = self.committee_requests(submitted_on=today - timedelta(days=9))
        newest = self.committee_requests(service=self.rc_service_women, submitted_on=today)
        self.assertLess(oldest.decision_deadline, middle.decision_deadline)
        self.assertLess(middle.decision_deadline, newest.decision_deadline)
        # Not on this committee's agenda: another committee's request, a request not yet
        # sent to the committee, and a request already on another open meeting.
        other_committee_request = self.committee_requests(service=self.other_service)
        not_ready = self.create_request(service=self.rc_service)
        not_ready.with_user(self.officer).action_submit()
        busy = self.committee_requests()
        planned = self.new_meeting()
        planned.action_load_agenda()
        self.assertEqual(planned.decision_ids.request_id, busy | middle | oldest | newest)
        planned.decision_ids.filtered(lambda d: d.request_id != busy).unlink()

        meeting = self.new_meeting()
        meeting.action_load_agenda()
        self.assertEqual(meeting.decision_ids.mapped("request_id"), oldest + middle + newest)
        self.assertEqual(meeting.decision_count, 3)
        self.assertNotIn(other_committee_request, meeting.decision_ids.request_id)
        self.assertNotIn(not_ready, meeting.decision_ids.request_id)
        self.assertNotIn(busy, meeting.decision_ids.request_id)
        # Loading again adds only what arrived since, after the lines already there.
        late = self.committee_requests()
        meeting.action_load_agenda()
        self.assertEqual(meeting.decision_ids.mapped("request_id"), oldest + middle + newest + late)

        other_meeting = self.new_meeting(committee=self.other_committee)
        other_meeting.action_load_agenda()
        self.assertEqual(other_meeting.decision_ids.request_id, other_committee_request)

    # ------------------------------------------------------------------ quorum
    def test_convene_needs_the_quorum(self):
        meeting = self.new_meeting(attendees=self.chair | self.member2)
        self.assertEqual(meeting.attendee_count, 2)
        self.assertFalse(meeting.quorum_met)
        with self.assertRaisesText(UserError, "Quorum not reached: 2 members present, 3 needed"):
            meeting.action_convene()
        self.assertEqual(meeting.state, "draft")
        meeting.attendee_ids = [Command.link(self.member3.id)]
        self.assertTrue(meeting.quorum_met)
        meeting.action_convene()
        self.assertEqual(meeting.state, "convened")
        with self.assertRaises(UserError):
            meeting.action_convene()

    def test_attendees_are_members(self):
        stranger = self.other_committee.chair_id
        with self.assertRaisesText(UserError, "not members of the committee"):
            self.new_meeting(attendees=self.chair | stranger)

    def test_no_decision_nor_vote_in_a_planned_meeting(self):
        request = self.committee_requests()
        meeting = self.new_meeting(attendees=self.chair | self.member2 | self.member3)
        meeting.action_load_agenda()
        decision = self.decision_of(meeting, request)
        with self.assertRaisesText(UserError, "only while the meeting is convened"):
            self.propose(decision, "approve", "مستحق")
        with self.assertRaisesText(UserError, "only while the meeting is convened"):
            decision.with_user(self.secretary).write({"reasons": "مستحق"})
        with self.assertRaisesText(UserError, "only while the meeting is convened"):
            self.cast(decision, (self.chair, "for"))
        with self.assertRaisesText(UserError, "only while the meeting is convened"):
            self.env["beneficiary.committee.vote"].with_user(self.chair).create(
                {"decision_id": decision.id, "vote": "for"}
            )
        # Nor through a new agenda line carrying its proposal.
        other = self.committee_requests()
        with self.assertRaisesText(UserError, "only while the meeting is convened"):
            self.env["beneficiary.committee.decision"].with_user(self.secretary).create(
                {"meeting_id": meeting.id, "request_id": other.id, "proposal": "approve"}
            )
        self.assertFalse(decision.proposal)
        self.assertFalse(decision.vote_ids)

    def test_no_decision_when_the_quorum_is_lost(self):
        request = self.committee_requests()
        meeting = self.convened_meeting(attendees=self.chair | self.member2 | self.member3)
        meeting.attendee_ids = [Command.unlink(self.member3.id)]
        decision = self.decision_of(meeting, request)
        with self.assertRaisesText(UserError, "not reached its quorum"):
            self.propose(decision, "approve")

    # ------------------------------------------------------------------ votes
    def test_vote_needs_a_proposal(self):
        request = self.committee_requests()
        meeting = self.convened_meeting()
        with self.assertRaisesText(UserError, "records the proposal first"):
            self.cast(self.decision_of(meeting, request), (self.chair, "for"))

    def test_majority_for_carries_the_proposal(self):
        request = self.committee_requests()
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, request)
        self.propose(decision, "reject", "الدخل يتجاوز الحد")
        self.cast(decision, (self.chair, "for"), (self.member2, "for"), (self.member3, "against"))
        self.assertEqual((decision.votes_for, decision.votes_against), (2, 1))
        self.assertEqual(decision.outcome, "reject")
        self.assertFalse(decision.casting_vote_used)
        self.assertEqual(decision.vote_ids.member_id, self.chair | self.member2 | self.member3)

    def test_majority_against_postpones(self):
        request = self.committee_requests()
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, request)
        self.propose(decision, "approve")
        self.cast(
            decision, (self.chair, "for"), (self.member2, "against"), (self.member3, "against")
        )
        self.assertEqual(decision.outcome, "postpone")
        self.assertFalse(decision.casting_vote_used)

    def test_tie_broken_by_the_chair_for(self):
        request = self.committee_requests()
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, request)
        self.propose(decision, "approve")
        self.cast(
            decision,
            (self.chair, "for"),
            (self.member2, "for"),
            (self.member3, "against"),
            (self.member4, "against"),
        )
        self.assertEqual((decision.votes_for, decision.votes_against), (2, 2))
        self.assertEqual(decision.outcome, "approve")
        self.assertTrue(decision.casting_vote_used)

    def test_tie_broken_by_the_chair_against(self):
        request = self.committee_requests()
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, request)
        self.propose(decision, "approve")
        self.cast(
            decision,
            (self.chair, "against"),
            (self.member2, "for"),
            (self.member3, "for"),
            (self.member4, "against"),
        )
        self.assertEqual(decision.outcome, "postpone")
        self.assertTrue(decision.casting_vote_used)

    def test_tie_without_casting_vote_postpones(self):
        self.research_committee.chair_casting_vote = False
        request = self.committee_requests()
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, request)
        self.propose(decision, "approve")
        self.cast(
            decision,
            (self.chair, "for"),
            (self.member2, "for"),
            (self.member3, "against"),
            (self.member4, "against"),
        )
        self.assertEqual(decision.outcome, "postpone")
        self.assertFalse(decision.casting_vote_used)

    def test_abstentions_do_not_count(self):
        first, second = self.committee_requests(count=2)
        meeting = self.convened_meeting()
        # One vote for, three abstentions: carried.
        decision = self.decision_of(meeting, first)
        self.propose(decision, "approve")
        self.cast(
            decision,
            (self.chair, "abstain"),
            (self.member2, "abstain"),
            (self.member3, "abstain"),
            (self.member4, "for"),
        )
        self.assertEqual(
            (decision.votes_for, decision.votes_against, decision.votes_abstain), (1, 0, 3)
        )
        self.assertEqual(decision.outcome, "approve")
        # One for, one against, the chair abstains: a tie nobody breaks.
        decision = self.decision_of(meeting, second)
        self.propose(decision, "approve")
        self.cast(
            decision,
            (self.chair, "abstain"),
            (self.member2, "abstain"),
            (self.member3, "for"),
            (self.member4, "against"),
        )
        self.assertEqual(decision.outcome, "postpone")
        self.assertFalse(decision.casting_vote_used)

    def test_member_votes_once_and_cannot_change_it(self):
        request = self.committee_requests()
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, request)
        self.propose(decision, "approve")
        self.cast(decision, (self.member2, "for"))
        with self.assertRaisesText(UserError, "already voted"):
            self.cast(decision, (self.member2, "against"))
        with self.assertRaisesText(UserError, "already voted"):
            self.env["beneficiary.committee.vote"].with_user(self.member2).create(
                {"decision_id": decision.id, "member_id": self.member2.id, "vote": "for"}
            )
        vote = decision.vote_ids
        with self.assertRaisesText(UserError, "cannot be changed"):
            vote.with_user(self.member2).write({"vote": "against"})
        with self.assertRaisesText(UserError, "cannot be changed"):
            vote.with_user(self.secretary).write({"vote": "against"})
        self.assertEqual(vote.vote, "for")
        self.assertEqual(decision.votes_for, 1)

    def test_only_members_present_vote(self):
        request = self.committee_requests()
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, request)
        self.propose(decision, "approve")
        self.assertNotIn(self.member5, meeting.attendee_ids)
        with self.assertRaisesText(UserError, "Only members present"):
            self.cast(decision, (self.member5, "for"))
        stranger = self.other_committee.chair_id
        with self.assertRaises(UserError):  # or its subclass AccessError
            self.cast(decision, (stranger, "for"))
        with self.assertRaises(UserError):  # or its subclass AccessError
            self.env["beneficiary.committee.vote"].with_user(stranger).create(
                {"decision_id": decision.id, "vote": "for"}
            )
        self.assertFalse(decision.vote_ids)

    # ------------------------------------------------------------------ closing
    def test_close_refused_while_a_decision_has_no_outcome(self):
        first, second = self.committee_requests(count=2)
        meeting = self.convened_meeting()
        self.decided(meeting, first, "approve")
        self.propose(self.decision_of(meeting, second), "reject", "غير مستحق")
        with self.assertRaisesText(UserError, "Record a decision for every request") as caught:
            meeting.action_close()
        self.assertIn(second.ref, str(caught.exception))
        self.assertNotIn(first.ref, str(caught.exception))
        self.assertEqual(meeting.state, "convened")
        self.assertEqual(first.state, "committee")
        with self.assertRaisesText(UserError, "Only a convened meeting"):
            self.new_meeting(attendees=self.chair | self.member2 | self.member3).action_close()

    def test_close_applies_every_decision(self):
        approve = self.committee_requests()
        approve_override = self.committee_requests(service=self.rc_service_women)
        self.assertFalse(approve_override.eligibility_ok)
        reject = self.committee_requests()
        postpone = self.committee_requests()
        more_info = self.committee_requests()
        requests = approve | approve_override | reject | postpone | more_info
        meeting = self.convened_meeting()
        self.assertEqual(meeting.decision_ids.request_id, requests)
        self.decided(meeting, approve, "approve", "تنطبق الشروط")
        self.decided(meeting, approve_override, "approve", "حالة إنسانية")
        self.decided(meeting, reject, "reject", "لم تثبت الحاجة بعد الزيارة")
        self.decided(meeting, postpone, "postpone", "ننتظر تقرير الدخل")
        self.decided(meeting, more_info, "more_info", "نحتاج صك الإعالة")
        since = {request: set(request.sudo().message_ids.ids) for request in requests}

        meeting.with_user(self.secretary).action_close()

        self.assertEqual(meeting.state, "closed")
        self.assertTrue(meeting.closed_date)
        self.assertTrue(all(meeting.decision_ids.mapped("applied")))
        self.assertFalse(
            meeting.activity_ids.filtered(
                lambda a: a.activity_type_id == self.meeting_activity_type
            ),
            "the members' meeting activities are done",
        )
        # approve → approved; an ineligible request records the committee's override.
        self.assertEqual(approve.state, "approved")
        self.assertEqual(approve.decision, "approved")
        self.assertTrue(approve.decision_date)
        self.assertFalse(approve.override_reason)
        self.assertEqual(approve_override.state, "approved")
        self.assertEqual(approve_override.decision, "approved")
        self.assertIn(meeting.name, approve_override.override_reason)
        self.assertIn("حالة إنسانية", approve_override.override_reason)
        # reject → rejected with the committee's reasons.
        self.assertEqual(reject.state, "rejected")
        self.assertEqual(reject.decision, "rejected")
        self.assertTrue(reject.decision_date)
        self.assertEqual(reject.rejection_reason, "لم تثبت الحاجة بعد الزيارة")
        # postpone → waits for the next meeting.
        self.assertEqual(postpone.state, "committee")
        self.assertFalse(postpone.decision)
        # more information → back to verification, the officer gets a to-do.
        self.assertEqual(more_info.state, "verification")
        self.assertFalse(more_info.decision)
        todo = self.activities(more_info, self.env.ref("mail.mail_activity_data_todo"))
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.officer)
        self.assertIn("نحتاج صك الإعالة", todo.note)
        # The beneficiary is told the decision (email or SMS, in the request's chatter).
        for request in approve | approve_override | reject:
            told = self.messages_since(request, since[request]).filtered(
                lambda m: m.message_type in ("comment", "sms") and not m.attachment_ids
            )
            self.assertTrue(told, "the beneficiary of %s is told" % request.ref)
        # The minutes: on the meeting and in each request's chatter.
        filename = "%s.pdf" % meeting.name.replace("/", "-")
        minutes = meeting.minutes_attachment_id
        self.assertEqual(minutes.name, filename)
        self.assertEqual((minutes.res_model, minutes.res_id), (meeting._name, meeting.id))
        self.assertIn(minutes, meeting.message_ids.attachment_ids)
        for request in requests:
            attachments = self.messages_since(request, since[request]).attachment_ids
            self.assertEqual(attachments.mapped("name"), [filename], request.ref)
            self.assertEqual(
                (attachments.res_model, attachments.res_id), (request._name, request.id)
            )
        # The postponed request is proposed again at the next meeting.
        next_meeting = self.new_meeting()
        next_meeting.action_load_agenda()
        self.assertEqual(next_meeting.decision_ids.request_id, postpone)

    def test_closed_meeting_is_frozen(self):
        request = self.committee_requests()
        meeting = self.convened_meeting()
        decision = self.decided(meeting, request, "approve")
        meeting.action_close()
        with self.assertRaisesText(UserError, "closed meeting cannot be changed"):
            meeting.write({"location": "قاعة أخرى"})
        with self.assertRaisesText(UserError, "closed meeting cannot be changed"):
            meeting.write({"attendee_ids": [Command.link(self.member5.id)]})
        with self.assertRaises(UserError):
            meeting.action_load_agenda()
        with self.assertRaises(UserError):
            meeting.action_convene()
        with self.assertRaises(UserError):
            meeting.action_close()
        with self.assertRaisesText(UserError, "only while the meeting is convened"):
            self.propose(decision, "reject", "تغيير بعد الإغلاق")
        with self.assertRaisesText(UserError, "only while the meeting is convened"):
            self.cast(decision, (self.member4, "against"))
        with self.assertRaises(UserError):
            decision.unlink()
        self.assertEqual(decision.outcome, "approve")
        self.assertEqual(decision.votes_for, 3)
        self.assertEqual(request.state, "approved")

    # ------------------------------------------------------------------ access
    def test_member_access_limits(self):
        on_agenda = self.committee_requests()
        on_agenda.beneficiary_id.write({"health_condition": "مرض مزمن"})
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, on_agenda)
        waiting = self.committee_requests()  # sent after the agenda was loaded
        other_request = self.committee_requests(service=self.other_service)
        other_meeting = self.convened_meeting(
            committee=self.other_committee, attendees=self.other_committee.member_ids
        )
        self.assertEqual(other_meeting.decision_ids.request_id, other_request)
        member = self.member5  # a member of the research committee, Committee role only
        self.assertFalse(member.has_group("beneficiary_relations.group_beneficiary_officer"))

        # What the decision needs: the meetings, decisions and requests on the agenda.
        Meeting = self.env["beneficiary.committee.meeting"].with_user(member)
        self.assertEqual(Meeting.search([]), meeting)
        self.assertEqual(meeting.with_user(member).read(["name"])[0]["name"], meeting.name)
        values = decision.with_user(member).read(
            ["request_id", "eligibility_ok", "eligibility_reasons", "research_report"]
        )[0]
        self.assertEqual(values["request_id"][0], on_agenda.id)
        request_values = on_agenda.with_user(member).read(
            ["ref", "eligibility_ok", "eligibility_reasons", "research_report"]
        )[0]
        self.assertEqual(request_values["ref"], on_agenda.ref)
        self.assertTrue(request_values["eligibility_ok"])
        self.assertEqual(
            self.env["beneficiary.support.request"].with_user(member).search([]), on_agenda
        )
        beneficiary = on_agenda.beneficiary_id.with_user(member)
        self.assertEqual(beneficiary.read(["name"])[0]["name"], on_agenda.beneficiary_id.name)

        # Nothing else.
        with self.assertRaises(AccessError):
            waiting.with_user(member).read(["ref"])
        with self.assertRaises(AccessError):
            other_request.with_user(member).read(["ref"])
        with self.assertRaises(AccessError):
            other_meeting.with_user(member).read(["name"])
        with self.assertRaises(AccessError):
            other_meeting.decision_ids.with_user(member).read(["request_id"])
        for field_name in ("health_condition", "disability_type", "research_notes"):
            with self.assertRaises(AccessError):
                beneficiary.read([field_name])
        sensitive_file = self.env["beneficiary.sensitive.file"].search(
            [("beneficiary_id", "=", on_agenda.beneficiary_id.id)]
        )
        self.assertEqual(sensitive_file.health_condition, "مرض مزمن")
        with self.assertRaises(AccessError):
            sensitive_file.with_user(member).read(["health_condition"])
        with self.assertRaises(AccessError):
            self.env["beneficiary.sensitive.file"].with_user(member).search([])
        with self.assertRaises(AccessError):
            on_agenda.with_user(member).write({"description": "تعديل من عضو اللجنة"})

        # A member present votes for themself only.
        self.propose(decision, "approve")
        Vote = self.env["beneficiary.committee.vote"]
        with self.assertRaises(AccessError):
            Vote.with_user(self.member2).create(
                {"decision_id": decision.id, "member_id": self.member3.id, "vote": "for"}
            )
        vote = Vote.with_user(self.member2).create({"decision_id": decision.id, "vote": "against"})
        self.assertEqual(vote.member_id, self.member2)
        self.assertEqual(decision.votes_against, 1)

    def test_plain_member_loads_the_agenda_and_closes_the_meeting(self):
        """A member who is not a manager (the chair) runs the meeting end to end."""
        self.assertFalse(self.chair.has_group("beneficiary_relations.group_beneficiary_manager"))
        request = self.committee_requests()
        attendees = self.chair | self.member2 | self.member3
        meeting = self.new_meeting(attendees=attendees, user=self.chair)
        meeting.action_load_agenda()
        self.assertIn(request, meeting.sudo().decision_ids.request_id)
        meeting.action_convene()
        decision = meeting.decision_ids.filtered(lambda d: d.request_id.id == request.id)
        decision.write({"proposal": "approve", "reasons": "مستوفٍ للشروط"})
        self.cast(decision, (self.chair, "for"), (self.member2, "for"))
        meeting.action_close()
        self.assertEqual(meeting.state, "closed")
        self.assertEqual(request.state, "approved")
        self.assertTrue(
            request.message_ids.filtered(
                lambda m: meeting.name in (m.body or "") and m.attachment_ids
            )
        )
