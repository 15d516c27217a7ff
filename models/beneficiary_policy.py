from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import hijri
from .beneficiary_workflow_fields import workflow_action

MANAGER = "beneficiary_relations.group_beneficiary_manager"
ACK_ACTIVITY = "beneficiary_relations.mail_activity_type_policy_acknowledgement"
REVIEW_ACTIVITY = "beneficiary_relations.mail_activity_type_policy_review"
# Fields that may still change on an approved version.
# The board members' acknowledgements (P36) are recorded after the approval too.
APPROVED_WRITABLE = {
    "state",
    "superseded_date",
    "active",
    "message_main_attachment_id",
    "signed_acknowledgement_ids",
}


class BeneficiaryPolicy(models.Model):
    """A board-approved version of the beneficiary relationship policy (P26, P27, P19).

    Approving a version supersedes the company's previous one; an approved version is
    read-only; its declaration and consent texts are what beneficiaries accept.
    """

    _name = "beneficiary.policy"
    _description = "Beneficiary Relationship Policy"
    _inherit = [
        "beneficiary.workflow.fields",
        "beneficiary.printable",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "company_id, approval_date desc, id desc"

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        default=lambda self: self.env._(
            "Policy for organising the relationship with beneficiaries and delivering services"
        ),
    )
    version = fields.Char(required=True, tracking=True, default="1.0")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("superseded", "Superseded")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    body = fields.Html(string="Policy Text", sanitize=True)
    signed_file = fields.Binary(string="Signed Copy (PDF)", attachment=True, copy=False)
    signed_file_name = fields.Char(copy=False)
    declaration_text = fields.Html(
        sanitize=True,
        help="The applicant's declaration of correct data (P9) under this version.",
    )
    consent_text = fields.Html(
        sanitize=True, help="The applicant's consent to the service terms (P12) under this version."
    )
    # Board approval (P27)
    board_meeting_number = fields.Char(tracking=True, copy=False)
    board_decision_number = fields.Char(
        string="Board Decision No.",
        tracking=True,
        copy=False,
        help="The number of the board's decision approving this version, as written on the "
        "decision (P36); empty when the board's record gives the meeting only.",
    )
    board_session = fields.Char(tracking=True, copy=False)
    approval_date = fields.Date(tracking=True, copy=False)
    approval_date_hijri = fields.Char(
        string="Approval Date (Hijri)", compute="_compute_approval_date_hijri"
    )
    chair_name = fields.Char(string="Board Chair", tracking=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    superseded_date = fields.Date(readonly=True, copy=False)
    next_review_date = fields.Date(compute="_compute_next_review_date", store=True, index=True)
    document_ids = fields.One2many(
        "beneficiary.policy.document", "policy_id", string="Staff Toolkit"
    )
    acknowledgement_ids = fields.One2many("beneficiary.policy.acknowledgement", "policy_id")
    signed_acknowledgement_ids = fields.One2many(
        "beneficiary.policy.signed.acknowledgement",
        "policy_id",
        string="Acknowledgements Signed on Paper",
        groups="beneficiary_relations.group_beneficiary_manager",
    )
    acknowledged_count = fields.Integer(compute="_compute_acknowledgement_counts")
    pending_count = fields.Integer(compute="_compute_acknowledgement_counts")

    _sql_constraints = [
        (
            "version_company_unique",
            "UNIQUE(company_id, version)",
            "This version number already exists for the association.",
        ),
    ]

    @api.depends("approval_date")
    def _compute_approval_date_hijri(self):
        for policy in self:
            policy.approval_date_hijri = hijri.hijri_str(policy.approval_date)

    @api.depends("approval_date", "state")
    def _compute_next_review_date(self):
        for policy in self:
            approved = policy.state == "approved" and policy.approval_date
            policy.next_review_date = approved and policy.approval_date + relativedelta(years=1)

    def _compute_acknowledgement_counts(self):
        # An acknowledgement without the AML reading the association requires is pending.
        data = self.env["beneficiary.policy.acknowledgement"]._read_group(
            [("policy_id", "in", self.ids)], ["policy_id", "is_pending"], ["__count"]
        )
        counts = {(policy.id, pending): count for policy, pending, count in data}
        for policy in self:
            policy.acknowledged_count = counts.get((policy.id, False), 0)
            policy.pending_count = counts.get((policy.id, True), 0)

    def write(self, vals):
        if set(vals) - APPROVED_WRITABLE and any(p.state != "draft" for p in self):
            raise UserError(
                self.env._("An approved policy version is read-only: create a new version.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(policy.state != "draft" for policy in self):
            raise UserError(self.env._("An approved policy version is kept as evidence."))

    @api.model
    def _get_active(self, company=None):
        """The approved version in force for ``company`` (or the current company)."""
        company = company or self.env.company
        # sudo: only the policy version in force of the company, whose texts everyone signs
        return self.sudo().search(
            [("company_id", "=", company.id), ("state", "=", "approved")], limit=1
        )

    @workflow_action
    def action_approve(self):
        """Board approval (P27): supersede the previous version, ask staff to read it."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only a manager records the board's approval."))
        _ = self.env._
        for policy in self:
            if policy.state != "draft":
                raise UserError(_("Only a draft version can be approved."))
            missing = [
                label
                for field_name, label in (
                    ("approval_date", _("approval date")),
                    ("chair_name", _("board chair")),
                )
                if not policy[field_name]
            ]
            # P36: the meeting as the board recorded it ("the 4th meeting of 2024") or the
            # decision number, or both.
            if not (policy.board_meeting_number or policy.board_decision_number):
                missing.insert(0, _("board meeting number or decision number"))
            if not (policy.body or policy.signed_file):
                missing.append(_("policy text or signed copy"))
            if missing:
                raise UserError(
                    _("Fill in before approving: %(fields)s.", fields=", ".join(missing))
                )
            previous = self.search(
                [
                    ("company_id", "=", policy.company_id.id),
                    ("state", "=", "approved"),
                    ("id", "!=", policy.id),
                ]
            )
            previous.write({"state": "superseded", "superseded_date": fields.Date.today()})
            previous.activity_unlink([REVIEW_ACTIVITY])
            # sudo: manager check above; the pending acknowledgements of the superseded version
            previous.acknowledgement_ids.filtered(lambda a: a.state == "pending").sudo().unlink()
            policy.write({"state": "approved", "approved_by_id": self.env.uid})
            policy._request_acknowledgements()
        return True

    def _staff_users(self):
        """Every internal user working for the policy's company (P26, P36): employees,
        volunteers, contractors and board members with an account, whatever their groups
        (the evidence pack lists the same people)."""
        self.ensure_one()
        return (
            self.env["res.users"]
            # sudo: manager approval (action_approve); the staff of the policy's company
            .sudo()
            .search([("share", "=", False), ("company_ids", "in", self.company_id.id)])
        )

    def _request_acknowledgements(self):
        """Everyone again for a new version: one acknowledgement and one activity each."""
        # sudo: manager approval (action_approve); one acknowledgement per staff member
        Ack = self.env["beneficiary.policy.acknowledgement"].sudo()
        for policy in self:
            users = policy._staff_users() - policy.acknowledgement_ids.user_id
            acks = Ack.create([{"policy_id": policy.id, "user_id": u.id} for u in users])
            acks._schedule_activity()

    @workflow_action
    def action_view_acknowledgements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_policy_acknowledgement_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        return action

    @workflow_action
    def action_print(self):
        return self.env.ref("beneficiary_relations.action_report_policy").report_action(
            self, config=False
        )

    # ------------------------------------------------------------------ printed policy
    @api.model
    def _cron_policy_review(self):
        """P19: the policy is reviewed yearly — remind the manager when it is a year old,
        and again each year the same version stays in force."""
        today = fields.Date.context_today(self)
        due = self.search([("state", "=", "approved"), ("next_review_date", "<=", today)])
        activity_type = self.env.ref(REVIEW_ACTIVITY)
        for policy in due:
            if policy.activity_ids.filtered(lambda a, t=activity_type: a.activity_type_id == t):
                continue
            # A review marked done leaves a message: not again before a year has passed.
            if self.env["mail.message"].search_count(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", policy.id),
                    ("mail_activity_type_id", "=", activity_type.id),
                    ("date", ">", fields.Datetime.now() - relativedelta(years=1)),
                ],
                limit=1,
            ):
                continue
            manager = policy.company_id.beneficiary_manager_id or self.env.ref("base.user_admin")
            policy.activity_schedule(
                REVIEW_ACTIVITY, user_id=manager.id, date_deadline=policy.next_review_date
            )
        return len(due)
