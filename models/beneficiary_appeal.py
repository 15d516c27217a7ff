from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import deadline, hijri
from .beneficiary_workflow_fields import workflow_action

MANAGER = "beneficiary_relations.group_beneficiary_manager"
APPEAL_MODEL = "beneficiary.appeal"
# Appeals still waiting for their decision.
OPEN_APPEAL_STATES = ("submitted", "under_review")
APPEAL_STATES = [
    ("submitted", "Submitted"),
    ("under_review", "Under Review"),
    ("upheld", "Decision Upheld"),
    ("overturned", "Decision Overturned"),
    ("withdrawn", "Withdrawn"),
]


class BeneficiaryAppeal(models.Model):
    """An appeal (تظلم) against the refusal of a support request (P29).

    Only a *rejected* request is appealed: its decision letter is the one that promises a
    review and gives the date from which the period runs. A referral (P15) says the
    association does not offer the service, and a cancelled request is put back to draft
    by staff: neither is a refusal to contest.

    The beneficiary files it on the portal, or an officer at the counter, within the
    association's period (``res.company.beneficiary_appeal_days``, counted from the
    decision letter's date as the decision clock counts: calendar or working days). It is
    examined by a manager or a member of the committee of the request's service who took
    no part in the first decision (who recorded it, and the committee members who voted
    on it), with its own deadline on the decision clock (the service's decision days from
    the filing). The workflow (review, decision, withdrawal, letter) is in
    ``beneficiary_appeal_decision.py``; the request's side in
    ``beneficiary_support_request_appeal.py``.
    """

    _name = APPEAL_MODEL
    _description = "Appeal"
    _inherit = [
        "beneficiary.workflow.fields",
        "beneficiary.printable",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
    ]
    _workflow_number = ("ref", APPEAL_MODEL)
    # The examiner reads the appeal and decides it: a manager assigns another one.
    _access_fields = {"examiner_id": MANAGER}
    # Nothing is deleted: an appeal is withdrawn.
    _unlink_draft_states = ()
    _order = "id desc"
    _check_company_auto = True
    _rec_name = "ref"
    _rec_names_search = ["ref", "request_id", "beneficiary_id"]
    _mail_post_access = "read"

    ref = fields.Char(string="Reference", readonly=True, copy=False, default="/", index=True)
    request_id = fields.Many2one(
        "beneficiary.support.request",
        string="Appealed Request",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
        domain="[('state', '=', 'rejected')]",
    )
    beneficiary_id = fields.Many2one(
        related="request_id.beneficiary_id", string="Beneficiary", store=True, index=True
    )
    partner_id = fields.Many2one(related="request_id.partner_id", store=True, index=True)
    service_id = fields.Many2one(related="request_id.service_id", store=True, index=True)
    committee_id = fields.Many2one(related="request_id.committee_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    reasons = fields.Text(
        string="Reasons of the Appeal",
        required=True,
        help="Why the beneficiary contests the decision, and what is new since.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "beneficiary_appeal_attachment_rel",
        "appeal_id",
        "attachment_id",
        string="Documents",
        help="Documents uploaded to this appeal (a file of another record is refused).",
    )
    channel = fields.Selection(
        [("counter", "At the Counter"), ("portal", "Portal")],
        default="counter",
        required=True,
        readonly=True,
        index=True,
    )
    state = fields.Selection(
        APPEAL_STATES, default="submitted", required=True, tracking=True, index=True, copy=False
    )
    filed_date = fields.Datetime(
        string="Filed On", default=fields.Datetime.now, required=True, readonly=True, copy=False
    )
    filed_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    # The first decision, as it stood when the appeal was filed (evidence).
    first_decision_date = fields.Datetime(readonly=True, copy=False)
    first_decided_by_id = fields.Many2one("res.users", readonly=True)
    first_rejection_reason = fields.Text(string="Reasons of the First Decision", readonly=True)
    examiner_id = fields.Many2one(
        "res.users",
        compute="_compute_examiner_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        help="A manager, or a member of the committee of the request's service, who took "
        "no part in the first decision (P29).",
    )
    decision_deadline = fields.Date(
        compute="_compute_decision_deadline", store=True, index=True, tracking=True
    )
    outcome_reason = fields.Text(string="Reasons of the Appeal Decision", readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decision_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    withdrawn_date = fields.Datetime(readonly=True, copy=False)
    # Reporting (P29): how long appeals take and how many are decided in time.
    days_to_decide = fields.Integer(compute="_compute_decision_stats", store=True, aggregator="avg")
    decided_in_time = fields.Boolean(
        string="Decided Within Deadline", compute="_compute_decision_stats", store=True
    )
    filed_date_hijri = fields.Char(compute="_compute_hijri_dates")
    decision_deadline_hijri = fields.Char(compute="_compute_hijri_dates")
    decision_date_hijri = fields.Char(compute="_compute_hijri_dates")

    # ------------------------------------------------------------------ computes
    @api.depends("request_id")
    def _compute_examiner_id(self):
        """By default the association's beneficiary relations manager, when they took no
        part in the first decision; otherwise a manager assigns one."""
        for appeal in self:
            if appeal.examiner_id or not appeal.request_id:
                continue
            manager = appeal.company_id.beneficiary_manager_id
            if manager and manager not in appeal._first_deciders():
                appeal.examiner_id = manager

    @api.depends("filed_date", "service_id.decision_days", "company_id.beneficiary_working_days")
    def _compute_decision_deadline(self):
        """The appeal's own deadline on the decision clock (P10, P29)."""
        for appeal in self:
            appeal.decision_deadline = deadline.add_days(
                appeal.filed_date and appeal.filed_date.date(),
                appeal.service_id.decision_days,
                appeal.company_id.beneficiary_working_days,
            )

    @api.depends("decision_date", "filed_date", "decision_deadline")
    def _compute_decision_stats(self):
        for appeal in self:
            if not (appeal.decision_date and appeal.filed_date):
                appeal.days_to_decide = 0
                appeal.decided_in_time = False
                continue
            decided_on = appeal.decision_date.date()
            appeal.days_to_decide = (decided_on - appeal.filed_date.date()).days
            appeal.decided_in_time = (
                not appeal.decision_deadline or decided_on <= appeal.decision_deadline
            )

    @api.depends("filed_date", "decision_deadline", "decision_date")
    def _compute_hijri_dates(self):
        for appeal in self:
            appeal.filed_date_hijri = hijri.hijri_str(appeal.filed_date)
            appeal.decision_deadline_hijri = hijri.hijri_str(appeal.decision_deadline)
            appeal.decision_date_hijri = hijri.hijri_str(appeal.decision_date)

    def _compute_access_url(self):
        for appeal in self:
            appeal.access_url = "/my/appeals/%s" % appeal.id

    # ------------------------------------------------------------- independence
    def _first_deciders(self):
        """The users who took the first decision: who recorded it and, when a committee
        decided, the members who voted on it (P29)."""
        self.ensure_one()
        # sudo: the appeal is readable (its rules); only who decided its own request is read
        request = self.request_id.sudo()
        users = self.first_decided_by_id | request.decided_by_id
        decisions = request.committee_decision_ids.filtered(
            lambda d: d.applied and d.outcome == "reject"
        )
        # sudo: sudo(False) drops the superuser mode again before the users go back
        return (users | decisions.vote_ids.member_id).sudo(False)

    def _examiner_problem(self, user):
        """Why ``user`` may not examine this appeal, or ``None``."""
        self.ensure_one()
        _ = self.env._
        if user in self._first_deciders():
            return _(
                "%(user)s took part in the first decision on %(ref)s: an appeal is examined "
                "by a manager or a committee member who did not decide it.",
                user=user.name,
                ref=self.request_id.ref,
            )
        # sudo: the appeal is readable; only the members of its own request's committee are read
        committee_members = self.request_id.sudo().committee_id.member_ids
        if not user.has_group(MANAGER) and user not in committee_members:
            return _(
                "%(user)s cannot examine appeals: choose a beneficiary relations manager or "
                "a member of the committee of the service.",
                user=user.name,
            )
        return None

    @api.constrains("examiner_id")
    def _check_examiner(self):
        for appeal in self.filtered("examiner_id"):
            problem = appeal._examiner_problem(appeal.examiner_id)
            if problem:
                raise ValidationError(problem)

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        requests = self.env["beneficiary.support.request"].browse(
            {vals["request_id"] for vals in vals_list if vals.get("request_id")}
        )
        company_of = {request.id: request.company_id.id for request in requests}
        for vals in vals_list:
            if vals.get("request_id") and not vals.get("company_id"):
                vals["company_id"] = company_of.get(vals["request_id"])
        appeals = super().create(vals_list)
        appeals._record_first_decision()
        appeals._check_attachments()
        return appeals

    def write(self, vals):
        if "request_id" in vals and any(a.request_id.id != vals["request_id"] for a in self):
            raise UserError(self.env._("An appeal stays with the request it contests."))
        if {"reasons", "attachment_ids"} & set(vals) and any(
            appeal.state not in OPEN_APPEAL_STATES for appeal in self
        ):
            raise UserError(
                self.env._("A decided or withdrawn appeal is kept as it was: it cannot change.")
            )
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._check_attachments()
        return res

    @workflow_action
    def _record_first_decision(self):
        """At filing: the request must be appealable now, and the first decision is
        kept on the appeal as it stands."""
        for appeal in self:
            # sudo: called from create, allowed to officers (ACL) or to the portal route after
            # its ownership check; only the appeal's own request is read
            request = appeal.request_id.sudo()
            problem = request._appeal_refusal(exclude=appeal)
            if problem:
                raise UserError(problem)
            appeal.write(
                {
                    "first_decision_date": request.decision_date,
                    "first_decided_by_id": request.decided_by_id.id,
                    "first_rejection_reason": request.rejection_reason,
                }
            )
            appeal.message_post(
                body=self.env._(
                    "Appeal %(ref)s filed against the decision of %(date)s.",
                    ref=appeal.ref,
                    date=request._dual_date(request.decision_date),
                ),
                subtype_xmlid="mail.mt_note",
            )
            request.message_post(
                body=self.env._("Appeal %(ref)s filed against this decision.", ref=appeal.ref),
                subtype_xmlid="mail.mt_note",
            )
            if appeal.examiner_id:
                appeal._schedule_examination()
            else:
                manager = appeal.company_id.beneficiary_manager_id
                if manager:
                    appeal.activity_schedule(
                        "mail.mail_activity_data_todo",
                        summary=self.env._(
                            "Assign an examiner who did not take the first decision"
                        ),
                        user_id=manager.id,
                        date_deadline=appeal.decision_deadline,
                    )

    def _check_attachments(self):
        """Documents are files uploaded to this appeal (threat model, principle 4): a
        file of another record is refused; one uploaded while the appeal was new (no id
        yet) by the same user is moved onto it."""
        for appeal in self:
            # sudo: the appeal's own attachments are read, to refuse those of other records
            attachments = appeal.sudo().attachment_ids
            foreign = attachments.filtered(
                lambda a, appeal=appeal: (
                    a.res_model != APPEAL_MODEL
                    or a.res_field
                    or a.res_id not in (0, appeal.id)
                    or (a.res_id == 0 and a.create_uid != self.env.user)
                )
            )
            if foreign:
                raise UserError(
                    self.env._(
                        "Only documents uploaded to this appeal can be attached to it: %(names)s.",
                        names=", ".join(foreign.mapped("name")),
                    )
                )
            attachments.filtered(lambda a: a.res_id == 0).write({"res_id": appeal.id})
