from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiaryCommitteeDecision(models.Model):
    """Recusal (P35): a member who declared an interest in the applicant does not vote
    on the request, and the quorum of that item counts the others only."""

    _inherit = "beneficiary.committee.decision"

    recused_member_ids = fields.Many2many(
        "res.users",
        string="Recused Members",
        compute="_compute_recused_member_ids",
        help="Members present who declared an interest in the applicant: they do not vote "
        "on this request and do not count toward its quorum.",
    )

    @api.depends("request_id", "meeting_id.attendee_ids")
    def _compute_recused_member_ids(self):
        interested = self.env["beneficiary.interest.declaration"]._declarants_by_request(
            # sudo: the decisions are readable; only which members declared an interest in their
            # request
            self.sudo().request_id
        )
        for decision in self:
            users = interested.get(decision.request_id.id, set())
            decision.recused_member_ids = decision.meeting_id.attendee_ids.filtered(
                lambda user, users=users: user.id in users
            )

    def _check_recordable(self):
        res = super()._check_recordable()
        for decision in self:
            # sudo: the decision is readable; its recused members decide the quorum
            recused = decision.sudo().recused_member_ids
            if not recused:
                continue
            meeting = decision.meeting_id
            voters = len(meeting.attendee_ids - recused)
            if voters < meeting.committee_id.quorum:
                raise UserError(
                    self.env._(
                        "%(ref)s: without the members recused for a declared interest "
                        "(%(names)s), %(voters)s members may vote and the quorum is "
                        "%(quorum)s.",
                        # sudo: the decision is readable; only its own request's number goes in the
                        # message
                        ref=decision.request_id.sudo().ref,
                        names=", ".join(recused.mapped("name")),
                        voters=voters,
                        quorum=meeting.committee_id.quorum,
                    )
                )
        return res


class BeneficiaryCommitteeVote(models.Model):
    _inherit = "beneficiary.committee.vote"

    @api.model_create_multi
    def create(self, vals_list):
        decisions = self.env["beneficiary.committee.decision"].browse(
            [vals["decision_id"] for vals in vals_list]
        )
        # sudo: only the recused members of the decisions voted on, to refuse their vote
        recused = {decision.id: decision.sudo().recused_member_ids for decision in decisions}
        for vals in vals_list:
            member_id = vals.get("member_id") or self.env.uid
            if member_id in recused[vals["decision_id"]].ids:
                raise UserError(
                    self.env._(
                        "A member who declared an interest in the applicant is recused from "
                        "the vote on this request (conflict of interest)."
                    )
                )
        return super().create(vals_list)
