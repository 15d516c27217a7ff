from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class BeneficiaryCommitteeVote(models.Model):
    """One member's vote on one decision; a member votes once."""

    _name = "beneficiary.committee.vote"
    _description = "Committee Vote"
    _inherit = ["beneficiary.workflow.fields"]
    _unlink_draft_states = ()
    _order = "decision_id, id"

    decision_id = fields.Many2one(
        "beneficiary.committee.decision", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="decision_id.company_id", store=True)
    member_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, index=True
    )
    vote = fields.Selection(
        [("for", "For"), ("against", "Against"), ("abstain", "Abstain")], required=True
    )

    _sql_constraints = [
        ("member_once", "UNIQUE(decision_id, member_id)", "A member votes once on a decision."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        decisions = self.env["beneficiary.committee.decision"].browse(
            [vals["decision_id"] for vals in vals_list]
        )
        decisions._check_recordable()
        existing = self.search([("decision_id", "in", decisions.ids)]).mapped(
            lambda v: (v.decision_id.id, v.member_id.id)
        )
        if not self.env.su:
            absent = decisions.filtered(lambda d: self.env.user not in d.meeting_id.attendee_ids)
            if absent:
                raise UserError(self.env._("Only members present at the meeting vote."))
        for vals in vals_list:
            if vals.get("member_id", self.env.uid) != self.env.uid and not self.env.su:
                raise AccessError(self.env._("A committee member votes only for themselves."))
            key = (vals["decision_id"], vals.get("member_id") or self.env.uid)
            if key in existing:
                raise UserError(self.env._("You have already voted on this request."))
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise UserError(self.env._("A vote cannot be changed."))
        return super().write(vals)
