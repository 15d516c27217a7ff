"""Conflict of interest (P35, issue 17 point 6): declarations, recusal from the
committee's vote, and no verification or decision by an interested member of staff."""

from odoo import Command
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import GROUP_OFFICER
from .common_committee import CommitteeCommon
from .common_rpc import JsonRpcMixin

MINUTES_REPORT = "beneficiary_relations.action_report_committee_minutes"


@tagged("post_install", "-at_install", "beneficiary_conflict_of_interest")
class TestConflictOfInterest(JsonRpcMixin, CommitteeCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Declaration = cls.env["beneficiary.interest.declaration"]
        cls.officer2 = mail_new_test_user(
            cls.env,
            login="br_officer2",
            groups=GROUP_OFFICER,
            name="موظف استقبال ثان",
            email="br_officer2@example.com",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def declare(self, user, beneficiary=None, **values):
        vals = {"relation": "relative", **values}
        if beneficiary:
            vals["beneficiary_id"] = beneficiary.id
        return self.Declaration.with_user(user).create(vals)

    # -------------------------------------------------------------- declarations
    def test_declarants_see_their_own_managers_all(self):
        beneficiary = self.create_beneficiary()
        own = self.declare(self.officer, beneficiary)
        other = self.declare(self.member2, national_id=beneficiary.national_id)
        self.assertEqual(own.declarant_id, self.officer)
        self.assertEqual(own.date, self.today)
        self.assertEqual(self.Declaration.with_user(self.officer).search([]), own)
        self.assertEqual(self.Declaration.with_user(self.member2).search([]), other)
        # Managers see every declaration of their association (the demo's included).
        everything = self.Declaration.sudo().search(
            [("company_id", "in", self.manager.company_ids.ids)]
        )
        self.assertLessEqual(own | other, everything)
        self.assertEqual(self.Declaration.with_user(self.manager).search([]), everything)
        with self.assertRaises(AccessError):
            other.with_user(self.officer).read(["relation"])
        # Nobody declares in another's name but a manager; the date is the server's.
        with self.assertRaises(AccessError):
            self.declare(self.officer, beneficiary, declarant_id=self.member2.id)
        with self.assertRaises(AccessError):
            own.with_user(self.officer).write({"date": "2020-01-01"})
        for_member = self.declare(self.manager, beneficiary, declarant_id=self.member3.id)
        self.assertEqual(for_member.declarant_id, self.member3)

    def test_declaration_names_a_person(self):
        with self.assertRaises(ValidationError):
            self.declare(self.officer)
        with self.assertRaises(ValidationError):
            self.declare(self.officer, national_id="1234")

    def test_declarations_are_withdrawn_not_deleted(self):
        declaration = self.declare(self.officer, self.create_beneficiary())
        with self.assertRaises(UserError):
            declaration.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            declaration.with_user(self.officer).write({"state": "withdrawn"})
        declaration.with_user(self.officer).action_withdraw()
        self.assertEqual(declaration.state, "withdrawn")
        self.assertEqual(declaration.withdrawn_date, self.today)

    # ------------------------------------------------------------ officer refusal
    def test_interested_officer_cannot_verify_or_decide(self):
        request = self.create_request(service=self.service_direct)
        request.with_user(self.officer).action_submit()
        request.write({"data_checked": True})
        self.declare(self.officer, request.beneficiary_id)
        with self.assertRaisesText(UserError, "you declared an interest in the applicant"):
            request.with_user(self.officer).action_verify()
        self.assertEqual(request.state, "submitted")
        request.with_user(self.officer2).action_verify()
        for action in ("action_approve", "action_reject"):
            with self.assertRaisesText(UserError, "conflict of interest"):
                getattr(request.with_user(self.officer), action)()
        self.assertEqual(request.state, "verification")
        # Another officer decides.
        request.with_user(self.officer2).action_approve()
        self.assertEqual(request.state, "approved")

    def test_interest_in_a_household_member_counts(self):
        request = self.create_request(service=self.service_direct)
        member = self.add_members(request.beneficiary_id, 0)
        member.national_id = self.new_national_id()
        request.action_submit()
        request.write({"data_checked": True})
        declaration = self.declare(self.officer, national_id=member.national_id)
        with self.assertRaisesText(UserError, "conflict of interest"):
            request.with_user(self.officer).action_verify()
        declaration.with_user(self.officer).action_withdraw()
        request.with_user(self.officer).action_verify()
        self.assertEqual(request.state, "verification")

    def test_refused_over_json_rpc(self):
        request = self.create_request(service=self.service_direct)
        request.action_submit()
        request.write({"data_checked": True})
        self.declare(self.officer, request.beneficiary_id)
        self.refused(
            "br_officer",
            "beneficiary.support.request",
            "action_verify",
            [request.ids],
            message="conflict of interest",
        )
        self.assertEqual(request.state, "submitted")
        request.with_user(self.officer2).action_verify()
        # The reason wizard cannot be used to go around the button.
        wizard_id = self.call(
            "br_officer",
            "beneficiary.support.request.reason",
            "create",
            [{"mode": "reject", "request_ids": [(6, 0, request.ids)], "reason": "لا"}],
        )
        self.refused(
            "br_officer",
            "beneficiary.support.request.reason",
            "action_confirm",
            [[wizard_id]],
            message="conflict of interest",
        )
        self.assertEqual(request.state, "verification")
        # Nor can a member write someone else's declaration away.
        self.refused(
            "br_officer",
            "beneficiary.interest.declaration",
            "create",
            [
                {
                    "relation": "friend",
                    "national_id": request.beneficiary_id.national_id,
                    "declarant_id": self.officer2.id,
                }
            ],
        )

    # ----------------------------------------------------------------- committee
    def test_recused_member_does_not_vote_and_quorum_counts_without_them(self):
        first, second = self.committee_requests(count=2)
        # A member who cannot open the file declares by the person's ID number.
        self.declare(self.member2, national_id=first.beneficiary_id.national_id, relation="family")
        # Present: chair, member2, member3 (quorum 3).
        meeting = self.convened_meeting(attendees=self.chair | self.member2 | self.member3)
        decision = self.decision_of(meeting, first)
        self.assertEqual(decision.recused_member_ids, self.member2)
        self.assertFalse(self.decision_of(meeting, second).recused_member_ids)
        # Two members may vote on the first request: under the quorum of three.
        with self.assertRaisesText(UserError, "quorum"):
            self.propose(decision, "approve")
        # The other request is voted as usual, member2 included.
        other = self.decision_of(meeting, second)
        self.propose(other, "approve")
        self.cast(other, (self.chair, "for"), (self.member2, "for"), (self.member3, "for"))
        self.assertEqual(other.outcome, "approve")

    def test_recused_member_vote_refused_and_minutes_say_so(self):
        self.env["res.lang"]._activate_lang("ar_001")
        request = self.committee_requests()
        self.declare(
            self.member2, national_id=request.beneficiary_id.national_id, relation="friend"
        )
        meeting = self.convened_meeting()  # chair, member2, member3, member4
        decision = self.decision_of(meeting, request)
        self.propose(decision, "approve", "تنطبق الشروط")
        with self.assertRaisesText(UserError, "recused"):
            decision.with_user(self.member2).action_vote_for()
        self.refused(
            "br_rc_member2",
            "beneficiary.committee.vote",
            "create",
            [{"decision_id": decision.id, "vote": "for"}],
            message="recused",
        )
        self.cast(decision, (self.chair, "for"), (self.member3, "for"), (self.member4, "against"))
        self.assertEqual(decision.votes_for + decision.votes_against, 3)
        meeting.with_user(self.secretary).action_close()
        self.assertEqual(request.state, "approved")
        report = self.env.ref(MINUTES_REPORT)
        html = report._render_qweb_html(report.report_name, meeting.ids)[0].decode()
        # The minutes are printed in the association's language (Arabic).
        self.assertIn("تنحّى لتعارض مصالح مُفصَح عنه", html)
        self.assertIn(self.member2.name, html)
