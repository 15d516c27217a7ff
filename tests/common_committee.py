from odoo import Command
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import freeze_time

from .common import GROUP_COMMITTEE
from .common_request import SupportRequestCommon

MEETING_ACTIVITY = "beneficiary_relations.mail_activity_type_committee_meeting"


class CommitteeCommon(SupportRequestCommon):
    """The research committee (five members, quorum three) and a second committee.

    Requests reach the committee through the real buttons of the workflow: submitted,
    verified, then sent to the committee (their services need no social research).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["beneficiary.committee.meeting"]
        cls.meeting_activity_type = cls.env.ref(MEETING_ACTIVITY)
        # The secretary prepares and closes meetings; a manager, not a voting member.
        cls.secretary = cls.manager
        cls.research_committee = cls.create_committee(
            "لجنة البحث",
            "RC",
            ["رئيس اللجنة", "عضو اللجنة الثاني", "عضو اللجنة الثالث", "عضو اللجنة الرابع"],
            quorum=3,
            extra_members=cls.committee,
        )
        cls.chair = cls.research_committee.chair_id
        cls.member2, cls.member3, cls.member4 = (
            cls.user_by_login("br_rc_member%s" % i) for i in (2, 3, 4)
        )
        # The role's shared user: a member who is not present at the default meetings.
        cls.member5 = cls.committee
        cls.rc_service = cls.create_service(
            name="Training Grant",
            requires_research=False,
            committee_id=cls.research_committee.id,
        )
        # Same committee, a condition the (male) test beneficiaries do not meet.
        cls.rc_service_women = cls.create_service(
            name="Women's Training Grant",
            requires_research=False,
            gender="female",
            committee_id=cls.research_committee.id,
        )
        cls.other_committee = cls.create_committee(
            "لجنة الإسكان",
            "HC",
            ["رئيس لجنة الإسكان", "عضو لجنة الإسكان", "عضوة لجنة الإسكان"],
            quorum=2,
        )
        cls.other_service = cls.create_service(
            name="Housing Aid",
            requires_research=False,
            committee_id=cls.other_committee.id,
        )

    # ------------------------------------------------------------------ helpers
    @classmethod
    def create_committee(cls, name, code, member_names, quorum=3, extra_members=None, **values):
        """A committee of new Committee Member users (the first one chairs)."""
        users = cls.env["res.users"]
        for index, member_name in enumerate(member_names, 1):
            users |= mail_new_test_user(
                cls.env,
                login="br_%s_member%s" % (code.lower(), index),
                groups=GROUP_COMMITTEE,
                name=member_name,
                email="br_%s_member%s@example.com" % (code.lower(), index),
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
        members = users | (extra_members or users.browse())
        return cls.env["beneficiary.committee"].create(
            {
                "name": name,
                "code": code,
                "company_id": cls.company.id,
                "member_ids": [Command.set(members.ids)],
                "chair_id": users[0].id,
                "secretary_id": cls.secretary.id,
                "quorum": quorum,
                "chair_casting_vote": True,
                **values,
            }
        )

    @classmethod
    def user_by_login(cls, login):
        return cls.env["res.users"].search([("login", "=", login)])

    @classmethod
    def committee_requests(cls, count=1, service=None, submitted_on=None, **values):
        """``count`` requests brought to the committee by the officer's buttons.

        :param submitted_on: submission date (sets the decision deadline)
        """
        requests = cls.Request.browse()
        for _index in range(count):
            requests |= cls.create_request(service=service or cls.rc_service, **values)
        officer_requests = requests.with_user(cls.officer)
        if submitted_on:
            with freeze_time(submitted_on):
                officer_requests.action_submit()
        else:
            officer_requests.action_submit()
        officer_requests.write({"data_checked": True})
        officer_requests.action_verify()
        officer_requests.action_send_to_committee()
        return requests

    @classmethod
    def new_meeting(cls, committee=None, attendees=None, user=None, **values):
        """A planned meeting created by the secretary, with ``attendees`` present."""
        committee = committee or cls.research_committee
        vals = {"committee_id": committee.id, "location": "قاعة الاجتماعات", **values}
        if attendees is not None:
            vals["attendee_ids"] = [Command.set(attendees.ids)]
        env = cls.env(user=user or cls.secretary)
        return env["beneficiary.committee.meeting"].create(vals)

    @classmethod
    def convened_meeting(cls, attendees=None, committee=None, **values):
        """A meeting with its agenda loaded, convened with ``attendees`` (default: 4)."""
        if attendees is None:
            attendees = cls.chair | cls.member2 | cls.member3 | cls.member4
        meeting = cls.new_meeting(committee=committee, attendees=attendees, **values)
        meeting.action_load_agenda()
        meeting.action_convene()
        return meeting

    @classmethod
    def decision_of(cls, meeting, request):
        return meeting.decision_ids.filtered(lambda d: d.request_id == request)

    @classmethod
    def propose(cls, decision, proposal, reasons=False):
        """The secretary records the proposal (and its reasons) on an agenda line."""
        decision.with_user(cls.secretary).write({"proposal": proposal, "reasons": reasons})

    @staticmethod
    def cast(decision, *votes):
        """Each ``(member, "for" | "against" | "abstain")`` clicks their vote button."""
        for member, vote in votes:
            getattr(decision.with_user(member), "action_vote_%s" % vote)()
