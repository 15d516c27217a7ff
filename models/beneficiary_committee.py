from odoo import api, fields, models
from odoo.exceptions import ValidationError

COMMITTEE_GROUP = "beneficiary_relations.group_beneficiary_committee"


class BeneficiaryCommittee(models.Model):
    """The research committee (لجنة البحث) or another competent committee (P10)."""

    _name = "beneficiary.committee"
    _description = "Committee"
    _inherit = ["beneficiary.workflow.fields", "mail.thread"]
    # Who sits on the committee sees the requests on its agenda.
    _access_fields = {
        "member_ids": "beneficiary_relations.group_beneficiary_manager",
        "chair_id": "beneficiary_relations.group_beneficiary_manager",
        "secretary_id": "beneficiary_relations.group_beneficiary_manager",
    }
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True, default="RC", help="Prefix of the meeting numbers, e.g. RC/2026/003."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    member_ids = fields.Many2many(
        "res.users",
        "beneficiary_committee_member_rel",
        "committee_id",
        "user_id",
        string="Members",
        domain=lambda self: [("groups_id", "in", self.env.ref(COMMITTEE_GROUP).id)],
        tracking=True,
    )
    chair_id = fields.Many2one("res.users", tracking=True)
    secretary_id = fields.Many2one("res.users", tracking=True)
    quorum = fields.Integer(
        default=3,
        tracking=True,
        help="Members present needed for the meeting to decide.",
    )
    chair_casting_vote = fields.Boolean(
        string="Chair's Vote Breaks Ties",
        default=True,
        help="On a tie, the side the chair voted for wins; otherwise the request is postponed.",
    )
    service_ids = fields.One2many("beneficiary.service", "committee_id", string="Services")
    meeting_ids = fields.One2many("beneficiary.committee.meeting", "committee_id")
    meeting_count = fields.Integer(compute="_compute_meeting_count")

    _sql_constraints = [
        ("quorum_positive", "CHECK(quorum > 0)", "The quorum must be at least one member."),
    ]

    def _compute_meeting_count(self):
        counts = dict(
            self.env["beneficiary.committee.meeting"]._read_group(
                [("committee_id", "in", self.ids)], ["committee_id"], ["__count"]
            )
        )
        for committee in self:
            committee.meeting_count = counts.get(committee, 0)

    @api.constrains("member_ids", "chair_id", "secretary_id", "quorum")
    def _check_members(self):
        for committee in self:
            if committee.chair_id and committee.chair_id not in committee.member_ids:
                raise ValidationError(self.env._("The chair must be a member of the committee."))
            if committee.member_ids and committee.quorum > len(committee.member_ids):
                raise ValidationError(self.env._("The quorum cannot exceed the number of members."))

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_committee_meeting_action"
        )
        action["domain"] = [("committee_id", "=", self.id)]
        action["context"] = {"default_committee_id": self.id}
        return action
