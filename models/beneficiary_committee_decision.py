from odoo import api, fields, models
from odoo.exceptions import UserError

from .beneficiary_workflow_fields import workflow_action

OUTCOMES = [
    ("approve", "Approve"),
    ("reject", "Reject"),
    ("postpone", "Postpone"),
    ("more_info", "Request More Information"),
]


class BeneficiaryCommitteeDecision(models.Model):
    """The committee's decision on one request of a meeting's agenda (P10).

    The secretary records the proposal and its reasons; the members present vote for,
    against or abstain. A proposal carried by the votes becomes the outcome; a tie is
    broken by the chair's vote when the committee says so; a proposal not carried leaves
    the request for the next meeting (postponed).
    """

    _name = "beneficiary.committee.decision"
    _description = "Committee Decision"
    _inherit = ["beneficiary.workflow.fields"]
    _order = "meeting_id, sequence, id"
    _rec_name = "request_id"

    meeting_id = fields.Many2one(
        "beneficiary.committee.meeting", required=True, ondelete="cascade", index=True
    )
    committee_id = fields.Many2one(related="meeting_id.committee_id", store=True, index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    meeting_state = fields.Selection(related="meeting_id.state")
    sequence = fields.Integer()
    request_id = fields.Many2one(
        "beneficiary.support.request", required=True, index=True, ondelete="restrict"
    )
    # What the decision needs, without the confidential file (P7).
    beneficiary_name = fields.Char(related="request_id.beneficiary_id.name", string="Beneficiary")
    service_id = fields.Many2one(related="request_id.service_id")
    decision_deadline = fields.Date(related="request_id.decision_deadline")
    eligibility_ok = fields.Boolean(related="request_id.eligibility_ok")
    eligibility_reasons = fields.Text(related="request_id.eligibility_reasons")
    research_report = fields.Html(related="request_id.research_report")
    proposal = fields.Selection(OUTCOMES)
    reasons = fields.Text()
    vote_ids = fields.One2many("beneficiary.committee.vote", "decision_id", string="Votes")
    votes_for = fields.Integer(compute="_compute_result", store=True)
    votes_against = fields.Integer(compute="_compute_result", store=True)
    votes_abstain = fields.Integer(compute="_compute_result", store=True)
    casting_vote_used = fields.Boolean(compute="_compute_result", store=True)
    outcome = fields.Selection(OUTCOMES, compute="_compute_result", store=True, index=True)
    applied = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        (
            "request_meeting_unique",
            "UNIQUE(meeting_id, request_id)",
            "A request appears once on a meeting's agenda.",
        ),
    ]

    @api.depends("proposal", "vote_ids.vote", "meeting_id.committee_id.chair_casting_vote")
    def _compute_result(self):
        for decision in self:
            votes = decision.vote_ids
            decision.votes_for = len(votes.filtered(lambda v: v.vote == "for"))
            decision.votes_against = len(votes.filtered(lambda v: v.vote == "against"))
            decision.votes_abstain = len(votes.filtered(lambda v: v.vote == "abstain"))
            decision.casting_vote_used = False
            if not decision.proposal or not votes:
                decision.outcome = False
                continue
            carried = decision.votes_for > decision.votes_against
            if decision.votes_for == decision.votes_against:
                committee = decision.meeting_id.committee_id
                chair_vote = votes.filtered(lambda v, c=committee: v.member_id == c.chair_id)
                if committee.chair_casting_vote and chair_vote.vote in ("for", "against"):
                    carried = chair_vote.vote == "for"
                    decision.casting_vote_used = True
            decision.outcome = decision.proposal if carried else "postpone"

    def _check_recordable(self):
        """Decisions are recorded only in a convened meeting that has its quorum."""
        for decision in self:
            meeting = decision.meeting_id
            if meeting.state != "convened":
                raise UserError(
                    self.env._("Decisions are recorded only while the meeting is convened.")
                )
            if not meeting.quorum_met:
                raise UserError(self.env._("The meeting has not reached its quorum."))

    def _check_agenda_scope(self):
        """A request is put on the agenda of a meeting of its own association, of the
        committee its service needs, while it waits for the committee (P10)."""
        for decision in self:
            request, meeting = decision.request_id, decision.meeting_id
            if request.company_id != meeting.company_id:
                raise UserError(
                    self.env._("%(ref)s belongs to another association.", ref=request.ref)
                )
            if request.state != "committee":
                raise UserError(
                    self.env._("%(ref)s is not waiting for the committee.", ref=request.ref)
                )
            if request.service_id.committee_id != meeting.committee_id:
                raise UserError(
                    self.env._(
                        "%(ref)s is not for this committee: its service goes to %(committee)s.",
                        ref=request.ref,
                        committee=request.service_id.committee_id.name
                        or self.env._("no committee"),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        decisions = super().create(vals_list)
        if not self.env.su:
            decisions.request_id.check_access("read")
            # sudo: check_access("read") on the requests just above; only the agenda scope is
            # checked
            decisions.sudo()._check_agenda_scope()
        decisions.filtered(lambda d: d.proposal or d.reasons)._check_recordable()
        return decisions

    def write(self, vals):
        if {"proposal", "reasons"} & set(vals):
            self._check_recordable()
        res = super().write(vals)
        if {"request_id", "meeting_id"} & set(vals) and not self.env.su:
            self.request_id.check_access("read")
            # sudo: check_access("read") on the requests just above; only the agenda scope is
            # checked
            self.sudo()._check_agenda_scope()
        return res

    def _is_deletable_draft(self):
        # An agenda item nobody voted on, not applied, of a meeting still open.
        return not (self.vote_ids or self.applied or self.meeting_id.state == "closed")

    @api.ondelete(at_uninstall=False)
    def _unlink_open_meeting(self):
        if any(d.meeting_id.state == "closed" for d in self):
            raise UserError(self.env._("The decisions of a closed meeting are kept."))

    def _vote(self, vote):
        user = self.env.user
        for decision in self:
            decision._check_recordable()
            if not decision.proposal:
                raise UserError(self.env._("The secretary records the proposal first."))
            if user not in decision.meeting_id.attendee_ids:
                raise UserError(self.env._("Only members present at the meeting vote."))
        self.env["beneficiary.committee.vote"].create(
            [{"decision_id": d.id, "member_id": user.id, "vote": vote} for d in self]
        )

    @workflow_action
    def action_vote_for(self):
        self._vote("for")

    @workflow_action
    def action_vote_against(self):
        self._vote("against")

    @workflow_action
    def action_vote_abstain(self):
        self._vote("abstain")

    @workflow_action
    def _apply_to_requests(self):
        """Close of the meeting: each outcome flows back to its request (P10)."""
        for decision in self.filtered(lambda d: not d.applied):
            # sudo: the members decided this request in the meeting being closed; its
            # workflow is the request's own.
            decision.request_id.sudo()._apply_committee_outcome(
                decision.outcome, decision.reasons, decision.meeting_id
            )
        self.write({"applied": True})
