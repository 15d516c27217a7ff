from odoo import api, fields, models

from ..tools import hijri


class BeneficiaryPolicyBoardAcknowledgement(models.Model):
    """A board member's acknowledgement of a policy version (P36, Meras: every member of
    the board acknowledges the policy, not only the chair). Board members seldom have an
    account: the manager records each signature of the board's acknowledgement sheet, with
    its date. Evidence: kept (archived, never deleted); who recorded it is set by the
    server."""

    _name = "beneficiary.policy.board.acknowledgement"
    _description = "Board Member's Policy Acknowledgement"
    _inherit = ["beneficiary.workflow.fields"]
    _order = "policy_id desc, date, id"

    policy_id = fields.Many2one("beneficiary.policy", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    version = fields.Char(related="policy_id.version")
    name = fields.Char(string="Board Member", required=True)
    role = fields.Selection(
        [("chair", "Chair"), ("vice_chair", "Vice-Chair"), ("member", "Member")],
        string="Position on the Board",
        required=True,
        default="member",
    )
    date = fields.Date(string="Acknowledged On", required=True)
    date_hijri = fields.Char(string="Acknowledged On (Hijri)", compute="_compute_date_hijri")
    recorded_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    active = fields.Boolean(default=True)

    @api.depends("date")
    def _compute_date_hijri(self):
        for ack in self:
            ack.date_hijri = hijri.hijri_str(ack.date)
