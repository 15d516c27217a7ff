from odoo import Command
from odoo.tests import HttpCase, tagged

from .common_committee import CommitteeCommon

MEETING_URL = "/odoo/action-beneficiary_relations.beneficiary_committee_meeting_action/%s"


@tagged("post_install", "-at_install")
class TestCommitteeUi(HttpCase, CommitteeCommon):
    """The secretary runs one meeting in the browser, in Arabic and in English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        # The secretary is also a member: they vote at the meeting they run.
        cls.research_committee.member_ids = [Command.link(cls.secretary.id)]
        cls.secretary.tz = "Asia/Riyadh"

    def run_meeting_tour(self, lang):
        self.secretary.lang = lang
        request = self.committee_requests()
        self.assertEqual(request.state, "committee")
        meeting = self.new_meeting(attendees=self.secretary | self.chair | self.member2)
        self.assertFalse(meeting.decision_ids)

        self.start_tour(
            MEETING_URL % meeting.id, "committee_meeting_tour", login=self.secretary.login
        )

        self.assertEqual(meeting.state, "closed")
        decision = meeting.decision_ids
        self.assertEqual(decision.request_id, request)
        self.assertEqual(decision.proposal, "approve")
        self.assertEqual(decision.reasons, "الحاجة قائمة والشروط منطبقة")
        self.assertEqual(decision.vote_ids.member_id, self.secretary)
        self.assertEqual(decision.outcome, "approve")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decision, "approved")
        self.assertTrue(meeting.minutes_attachment_id)

    def test_committee_meeting_tour_arabic(self):
        self.run_meeting_tour("ar_001")

    def test_committee_meeting_tour_english(self):
        self.run_meeting_tour("en_US")
