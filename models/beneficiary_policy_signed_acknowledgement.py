from odoo import api, fields, models

from ..tools import hijri


class BeneficiaryPolicySignedAcknowledgement(models.Model):
    """An acknowledgement of a policy version signed on paper, by someone the policy binds
    who has no account (P36): every board member, not only the chair (Meras), and every
    worker, volunteers and contractors included (Tuwaiq 7-1). The manager records each
    signature of the acknowledgement sheet with its date. Evidence: kept (archived, never
    deleted); who recorded it is set by the server. Staff with an account acknowledge in
    the application (``beneficiary.policy.acknowledgement``)."""

    _name = "beneficiary.policy.signed.acknowledgement"
    _description = "Policy Acknowledgement Signed on Paper"
    _inherit = ["beneficiary.workflow.fields"]
    _order = "policy_id desc, date, id"

    policy_id = fields.Many2one("beneficiary.policy", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    version = fields.Char(related="policy_id.version")
    name = fields.Char(required=True)
    role = fields.Selection(
        [
            ("chair", "Board Chair"),
            ("vice_chair", "Board Vice-Chair"),
            ("member", "Board Member"),
            ("worker", "Worker without an Account"),
            ("volunteer", "Volunteer"),
            ("contractor", "Contractor"),
        ],
        string="Capacity",
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
