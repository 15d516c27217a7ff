from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import deadline, hijri, saudi
from .beneficiary_workflow_fields import workflow_action

OFFICER = "beneficiary_relations.group_beneficiary_officer"
MANAGER = "beneficiary_relations.group_beneficiary_manager"
LEGAL_DAYS = 30  # PDPL: a data subject's request is answered within 30 days.
ACTIVITY_WARNING = "beneficiary_relations.mail_activity_type_data_subject_request_due"
ACTIVITY_OVERDUE = "beneficiary_relations.mail_activity_type_data_subject_request_overdue"
CLOCK_STATES = ("received", "verified", "in_progress")
DONE_STATES = ("answered", "refused")
KINDS = [
    ("access", "Access to My Data"),
    ("copy", "Copy of My Data"),
    ("correction", "Correction of My Data"),
    ("destruction", "Destruction of My Data"),
    ("objection", "Objection to a Processing"),
]
STATES = [
    ("received", "Received"),
    ("verified", "Identity Verified"),
    ("in_progress", "In Progress"),
    ("answered", "Answered"),
    ("refused", "Refused"),
]
# What the person typed when filing: erased at the end of the retention period.
IDENTITY_FIELDS = ("requester_national_id", "requester_mobile", "requester_email")


class BeneficiaryDataSubjectRequest(models.Model):
    """A request of a person exercising their PDPL rights over their data: access, a
    copy, a correction, the destruction, or an objection to a processing.

    Filed from the portal (by the person or the guardian recorded on their file), from
    the public page, or by staff. Nothing is disclosed before staff verify the person's
    identity (their portal account, a code sent to the mobile recorded on their file, or
    their ID seen at the counter). The association answers within 30 days: a daily job
    warns the officers before the due date and flags the overdue requests. The answer and
    its evidence (what was sent, corrected or erased, by whom, when) stay on the request.
    """

    _name = "beneficiary.data.subject.request"
    _description = "Data-Subject Request"
    _inherit = [
        "beneficiary.workflow.fields",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "beneficiary.state.guard",
    ]
    _workflow_number = ("name", "beneficiary.data.subject.request")
    _workflow_extra_fields = (
        "channel",
        "requester_partner_id",
        "requester_relation",
    )
    _unlink_draft_states = ()
    _order = "received_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "requester_name"]
    _mail_post_access = "read"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(KINDS, string="Right Exercised", required=True, tracking=True)
    state = fields.Selection(
        STATES, default="received", required=True, tracking=True, index=True, copy=False
    )
    channel = fields.Selection(
        [("portal", "Portal"), ("public", "Public Website"), ("staff", "Staff")],
        string="Filed Through",
        default="staff",
        required=True,
    )
    details = fields.Text(
        string="The Request",
        help="What the person asks: which data, what to correct, which processing they object to.",
    )
    # Who filed it and for whom.
    requester_partner_id = fields.Many2one(
        "res.partner", string="Filed By (Account)", index="btree_not_null"
    )
    requester_relation = fields.Selection(
        [("self", "The Person Themselves"), ("guardian", "Guardian or Agent")],
        string="Filed As",
        default="self",
        required=True,
    )
    requester_name = fields.Char(string="Requester's Name", required=True, tracking=True)
    requester_national_id = fields.Char(string="Requester's ID Number")
    requester_mobile = fields.Char(string="Requester's Mobile")
    requester_email = fields.Char(string="Requester's Email")
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        string="Beneficiary File",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The file the request concerns, found by staff when they verify the identity.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assignee",
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
        default=lambda self: self.env.user if not self.env.user.share else False,
    )
    # The 30-day legal clock.
    received_date = fields.Date(
        required=True, readonly=True, default=fields.Date.context_today, index=True
    )
    received_date_hijri = fields.Char(string="Received On (Hijri)", compute="_compute_hijri_dates")
    due_date = fields.Date(compute="_compute_due_date", store=True, index=True)
    due_date_hijri = fields.Char(string="Due Date (Hijri)", compute="_compute_hijri_dates")
    is_overdue = fields.Boolean(string="Overdue", readonly=True, index=True, copy=False)
    warning_sent = fields.Boolean(readonly=True, copy=False)
    # Identity check before anything is disclosed.
    identity_method = fields.Selection(
        [
            ("portal", "Portal Account"),
            ("code", "Code Sent to the File's Mobile"),
            ("counter", "ID Seen at the Counter"),
        ],
        string="Identity Checked By",
        copy=False,
    )
    identity_note = fields.Text(
        string="Identity Check Notes",
        help="What was checked: the ID document seen, by whom, where.",
    )
    identity_verified_on = fields.Datetime(readonly=True, copy=False)
    identity_verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    # The answer.
    answer = fields.Text(
        help="What the association answers: what was sent, corrected or erased, or why "
        "the objection is accepted or not.",
    )
    refusal_reason = fields.Text(copy=False)
    answered_on = fields.Datetime(readonly=True, copy=False, index=True)
    answered_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    evidence_ids = fields.One2many("beneficiary.data.subject.request.evidence", "request_id")
    identity_erased = fields.Boolean(readonly=True, copy=False, index=True)

    # ------------------------------------------------------------------ computes
    @api.depends("received_date")
    def _compute_due_date(self):
        for request in self:
            request.due_date = deadline.add_days(request.received_date, LEGAL_DAYS)

    @api.depends("received_date", "due_date")
    def _compute_hijri_dates(self):
        for request in self:
            request.received_date_hijri = hijri.hijri_str(request.received_date) or ""
            request.due_date_hijri = hijri.hijri_str(request.due_date) or ""

    def _compute_access_url(self):
        for request in self:
            request.access_url = "/my/data-requests/%s" % request.id

    # ------------------------------------------------------------- constraints
    @api.constrains("requester_national_id")
    def _check_requester_national_id(self):
        for request in self.filtered("requester_national_id"):
            if not saudi.is_valid_national_id(request.requester_national_id):
                raise ValidationError(
                    self.env._(
                        "The ID number is not valid: a national ID or Iqama number has 10 "
                        "digits and starts with 1 or 2."
                    )
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("requester_national_id"):
                vals["requester_national_id"] = saudi.normalize_digits(
                    vals["requester_national_id"]
                ).strip()
        requests = super().create(vals_list)
        requests._subscribe_officers()
        return requests

    def write(self, vals):
        if not self.env.su:
            frozen = {"answer", "refusal_reason", "kind", "beneficiary_id"} & set(vals)
            if frozen and any(r.state in DONE_STATES for r in self):
                raise UserError(
                    self.env._(
                        "An answered or refused request is kept as it was: write in its "
                        "discussion instead."
                    )
                )
            if "beneficiary_id" in vals and any(r.state != "received" for r in self):
                raise UserError(
                    self.env._("The file of a request is chosen before the identity is verified.")
                )
        return super().write(vals)

    # ------------------------------------------------------------------- helpers
    def _state_guard_message(self, state_label, action):
        return self.env._(
            "%(ref)s cannot be %(action)s in state %(state)s.",
            ref=self.name,
            action=action,
            state=state_label,
        )

    def _check_officer(self):
        if not (self.env.su or self.env.user.has_group(OFFICER)):
            raise AccessError(self.env._("Only the association's staff handle these requests."))

    def _subscribe_officers(self):
        """The assignee follows the request from the first minute."""
        for request in self.filtered("user_id"):
            request.message_subscribe(partner_ids=request.user_id.partner_id.ids)

    def _add_evidence(self, kind, description, attachment=None):
        """Server code only, after the caller's checks: one line of evidence."""
        self.ensure_one()
        return (
            self.env["beneficiary.data.subject.request.evidence"]
            # sudo: the caller action checked the officer and state; one evidence line of this
            # request
            .sudo()
            .create(
                {
                    "request_id": self.id,
                    "kind": kind,
                    "description": description,
                    "attachment_id": attachment.id if attachment else False,
                    "user_id": self.env.user.id,
                }
            )
        )

    # ------------------------------------------------------------------- actions
    @workflow_action
    def action_verify_identity(self):
        """Staff record how they checked the person's identity: nothing is disclosed
        before. A code sent to the file's mobile is checked by ``action_check_code``."""
        _ = self.env._
        self._check_officer()
        self._check_state(("received",), _("verified"))
        for request in self:
            if not request.beneficiary_id:
                raise UserError(_("%(ref)s: choose the beneficiary file first.", ref=request.name))
            if request.identity_method not in ("counter", "portal"):
                raise UserError(
                    _(
                        "%(ref)s: check the ID document at the counter and describe it, or "
                        "send a code to the mobile recorded on the file.",
                        ref=request.name,
                    )
                )
            if request.identity_method == "portal" and request.channel != "portal":
                raise UserError(_("%(ref)s was not filed from a portal account.", ref=request.name))
            if request.identity_method == "counter" and not (request.identity_note or "").strip():
                raise UserError(_("%(ref)s: describe the ID document you saw.", ref=request.name))
            request._mark_verified()

    def _mark_verified(self):
        self.write(
            {
                "state": "verified",
                "identity_verified_on": fields.Datetime.now(),
                "identity_verified_by_id": self.env.user.id,
            }
        )

    @workflow_action
    def action_start(self):
        self._check_officer()
        self._check_state(("verified",), self.env._("started"))
        self.write({"state": "in_progress"})

    @workflow_action
    def action_answer(self):
        """Send the answer to the person and record what was done."""
        _ = self.env._
        self._check_officer()
        self._check_state(("verified", "in_progress"), _("answered"))
        for request in self:
            if not (request.answer or "").strip():
                raise UserError(
                    _("%(ref)s: write the answer to the person first.", ref=request.name)
                )
            if request.kind == "destruction" and not request.beneficiary_id.anonymised_on:
                raise UserError(
                    _(
                        "%(ref)s: destroy the data first (the file is anonymised), or "
                        "refuse the request with its legal reason.",
                        ref=request.name,
                    )
                )
            kind = "corrected" if request.kind == "correction" else "sent"
            request._add_evidence(kind, request.answer)
            request.write(
                {
                    "state": "answered",
                    "answered_on": fields.Datetime.now(),
                    "answered_by_id": self.env.user.id,
                }
            )
            request._notify_requester()
        self.activity_unlink([ACTIVITY_WARNING, ACTIVITY_OVERDUE])

    @workflow_action
    def action_refuse(self):
        _ = self.env._
        self._check_officer()
        self._check_state(CLOCK_STATES, _("refused"))
        for request in self:
            if not (request.refusal_reason or "").strip():
                raise UserError(_("%(ref)s: give the reason of the refusal.", ref=request.name))
            request._add_evidence("refused", request.refusal_reason)
            request.write(
                {
                    "state": "refused",
                    "answered_on": fields.Datetime.now(),
                    "answered_by_id": self.env.user.id,
                }
            )
            request._notify_requester()
        self.activity_unlink([ACTIVITY_WARNING, ACTIVITY_OVERDUE])

    def _notify_requester(self):
        """The portal account that filed the request gets a neutral message: the answer
        is read on the portal (P33: nothing about the association's services by email)."""
        self.ensure_one()
        if not self.requester_partner_id:
            return
        self.message_post(
            body=self.env._(
                "Your request %(ref)s has been answered: sign in to your account to read "
                "the answer.",
                ref=self.name,
            ),
            partner_ids=self.requester_partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
