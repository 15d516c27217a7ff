from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import hijri
from .beneficiary_service import OPEN_STATES
from .beneficiary_workflow_fields import workflow_action

MANAGER = "beneficiary_relations.group_beneficiary_manager"
RESEARCHER = "beneficiary_relations.group_beneficiary_researcher"
# States from which a request may be referred to another association (P15).
REFERABLE_STATES = ("draft", "submitted", "verification", "research")
# States where the decision clock runs (P10).
CLOCK_STATES = ("submitted", "verification", "research", "committee")
STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("verification", "Verified"),
    ("research", "Social Research"),
    ("committee", "Committee"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("referred", "Referred"),
    ("in_service", "In Service"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class BeneficiarySupportRequest(models.Model):
    """A beneficiary's support request (طلب دعم مستفيد), from first contact to delivery.

    The workflow is here; the decision clock is in beneficiary_support_request_clock.py,
    the eligibility engine in beneficiary_support_request_eligibility.py and the messages
    to the beneficiary in beneficiary_support_request_notify.py.
    """

    _name = "beneficiary.support.request"
    _description = "Beneficiary Support Request"
    _inherit = [
        "beneficiary.workflow.fields",
        "beneficiary.printable",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "beneficiary.state.guard",
    ]
    _workflow_number = ("ref", "beneficiary.support.request")
    _access_fields = {"researcher_id": MANAGER}
    _order = "id desc"
    _check_company_auto = True
    _rec_name = "ref"
    _rec_names_search = ["ref", "beneficiary_id"]
    _mail_post_access = "read"

    ref = fields.Char(string="Reference", readonly=True, copy=False, default="/", index=True)
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    service_id = fields.Many2one(
        "beneficiary.service", required=True, index=True, tracking=True, check_company=True
    )
    in_scope = fields.Boolean(related="service_id.in_scope")
    channel_id = fields.Many2one(
        "utm.medium",
        string="Intake Channel",
        required=True,
        index=True,
        default=lambda self: self.env.ref(
            "beneficiary_relations.utm_medium_interview", raise_if_not_found=False
        ),
    )
    lead_id = fields.Many2one("crm.lead", string="Intake Lead", index="btree_not_null", copy=False)
    description = fields.Text(string="Request Details")
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    officer_id = fields.Many2one(
        "res.users",
        string="Assigned Officer",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    researcher_id = fields.Many2one(
        "res.users",
        string="Social Researcher",
        tracking=True,
        index=True,
        compute="_compute_researcher_id",
        store=True,
        readonly=False,
        domain=lambda self: [("groups_id", "in", self.env.ref(RESEARCHER).id)],
    )
    # Verification (P6, P17)
    data_checked = fields.Boolean(
        string="Data Matched and Checked",
        tracking=True,
        copy=False,
        help="The officer matched the applicant's data against the documents (P6).",
    )
    missing_document_type_ids = fields.Many2many(
        "beneficiary.document.type",
        "beneficiary_request_missing_document_type_rel",
        string="Missing Documents",
        compute="_compute_missing_documents",
    )
    research_report = fields.Html(string="Social Research Report", copy=False)
    committee_id = fields.Many2one(related="service_id.committee_id", store=True, index=True)
    committee_decision_ids = fields.One2many(
        "beneficiary.committee.decision", "request_id", string="Committee Decisions"
    )
    # Decision (P10, P18)
    decision = fields.Selection(
        [("approved", "Approved"), ("rejected", "Rejected"), ("referred", "Referred")],
        readonly=True,
        copy=False,
        index=True,
    )
    decision_date = fields.Datetime(readonly=True, copy=False, tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    override_reason = fields.Text(
        string="Eligibility Override Reason", readonly=True, copy=False, tracking=True
    )
    rejection_reason = fields.Text(readonly=True, copy=False, tracking=True)
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)
    # Referral (P15)
    referral_partner_id = fields.Many2one(
        "res.partner",
        string="Referred To",
        domain=[("is_referral_association", "=", True)],
        readonly=True,
        copy=False,
        tracking=True,
    )
    referral_note = fields.Text(readonly=True, copy=False)
    referral_outcome = fields.Selection(
        [
            ("pending", "Waiting for Answer"),
            ("accepted", "Accepted by the Association"),
            ("served", "Served"),
            ("declined", "Declined by the Association"),
            ("no_answer", "No Answer"),
        ],
        copy=False,
        tracking=True,
    )
    referral_outcome_note = fields.Text(copy=False)
    # Delivery (P13)
    service_start_date = fields.Date(readonly=True, copy=False)
    delivery_date = fields.Date(readonly=True, copy=False, tracking=True)
    delivered_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    delivery_note = fields.Text(copy=False)
    submit_date_hijri = fields.Char(compute="_compute_hijri_dates")
    decision_deadline_hijri = fields.Char(compute="_compute_hijri_dates")

    # ------------------------------------------------------------------ computes
    @api.depends("beneficiary_id")
    def _compute_researcher_id(self):
        for request in self:
            if not request.researcher_id:
                request.researcher_id = request.beneficiary_id.researcher_id

    @api.depends(
        "service_id.document_type_ids",
        "beneficiary_id.missing_document_type_ids",
        "beneficiary_id.document_ids.state",
        "beneficiary_id.document_ids.is_expired",
    )
    def _compute_missing_documents(self):
        for request in self:
            beneficiary = request.beneficiary_id
            valid = beneficiary.document_ids.filtered(
                lambda d: d.state == "verified" and not d.is_expired
            ).document_type_id
            request.missing_document_type_ids = (
                request.service_id.document_type_ids - valid
            ) | beneficiary.missing_document_type_ids

    @api.depends("submit_date", "decision_deadline")
    def _compute_hijri_dates(self):
        for request in self:
            request.submit_date_hijri = hijri.hijri_str(request.submit_date)
            request.decision_deadline_hijri = hijri.hijri_str(request.decision_deadline)

    def _compute_access_url(self):
        for request in self:
            request.access_url = "/my/requests/%s" % request.id

    # ---------------------------------------------------------------------- CRUD
    def _access_field_allowed(self, name, vals, creating):
        """The request follows its file's researcher; only a manager sets another one."""
        value = vals[name]
        if name == "researcher_id" and value:
            if creating:
                beneficiary = self.env["beneficiary.beneficiary"].browse(vals.get("beneficiary_id"))
                if beneficiary.researcher_id.id == value:
                    return True
            elif all(request.beneficiary_id.researcher_id.id == value for request in self):
                return True
        return super()._access_field_allowed(name, vals, creating)

    @api.model_create_multi
    def create(self, vals_list):
        # The company of each file, read once for the whole batch.
        missing = [
            vals for vals in vals_list if vals.get("beneficiary_id") and not vals.get("company_id")
        ]
        beneficiaries = self.env["beneficiary.beneficiary"].browse(
            {vals["beneficiary_id"] for vals in missing}
        )
        company_of = {beneficiary.id: beneficiary.company_id.id for beneficiary in beneficiaries}
        for vals in missing:
            vals["company_id"] = company_of[vals["beneficiary_id"]]
        requests = super().create(vals_list)
        requests._evaluate_eligibility()
        return requests

    def write(self, vals):
        res = super().write(vals)
        if {"service_id", "beneficiary_id"} & set(vals):
            self.filtered(lambda r: r.state in OPEN_STATES)._evaluate_eligibility()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(request.state != "draft" for request in self):
            raise UserError(
                self.env._("A submitted request is never deleted: cancel it with a reason.")
            )

    # ------------------------------------------------------------------- guards
    def _state_guard_message(self, state_label, action):
        return self.env._(
            "Request %(ref)s cannot be %(action)s in state %(state)s.",
            ref=self.ref,
            action=action,
            state=state_label,
        )

    def _raise_problems(self, problems):
        if problems:
            raise UserError("\n".join(problems))

    # ------------------------------------------------------------------ actions
    @workflow_action
    def action_submit(self):
        """draft → submitted: declaration and consent recorded (P9, P12); the clock starts."""
        _ = self.env._
        self._check_state(("draft",), _("submitted"))
        problems = []
        for request in self:
            beneficiary = request.beneficiary_id
            if not beneficiary.declaration_date:
                problems.append(
                    _(
                        "%(ref)s: the applicant has not signed the declaration of correct data.",
                        ref=request.ref,
                    )
                )
            if not beneficiary.consent_date:
                problems.append(
                    _(
                        "%(ref)s: the applicant has not given consent to the service terms.",
                        ref=request.ref,
                    )
                )
            if beneficiary.state in ("suspended", "closed"):
                problems.append(
                    _("%(ref)s: the beneficiary's file is suspended or closed.", ref=request.ref)
                )
        self._raise_problems(problems)
        self.write({"state": "submitted", "submit_date": fields.Datetime.now()})
        self._evaluate_eligibility()
        self._notify_beneficiary("received")
        out_of_scope = self.filtered(lambda r: not r.service_id.in_scope)
        if out_of_scope:
            out_of_scope.activity_schedule(
                "beneficiary_relations.mail_activity_type_referral",
                summary=_("Service not offered: refer the beneficiary to another association"),
                user_id=self.env.user.id,
            )

    @workflow_action
    def action_verify(self):
        """submitted → verified: documents verified and data checked (P6, P17)."""
        _ = self.env._
        self._check_state(("submitted",), _("verified"))
        problems = []
        for request in self:
            if request.missing_document_type_ids:
                problems.append(
                    _(
                        "%(ref)s: documents not verified yet: %(docs)s.",
                        ref=request.ref,
                        docs=", ".join(request.missing_document_type_ids.mapped("name")),
                    )
                )
            if not request.data_checked:
                problems.append(
                    _(
                        "%(ref)s: tick that the applicant's data was matched and checked.",
                        ref=request.ref,
                    )
                )
            if not request.service_id.in_scope:
                problems.append(
                    _(
                        "%(ref)s: the association does not offer this service; refer the request.",
                        ref=request.ref,
                    )
                )
        self._raise_problems(problems)
        self._resume_clock()
        self.write({"state": "verification"})
        self._evaluate_eligibility()

    @workflow_action
    def action_send_to_research(self):
        """verified → social research (P8): the researcher gets an activity."""
        _ = self.env._
        self._check_state(("verification",), _("sent to social research"))
        missing = self.filtered(lambda r: not r.researcher_id)
        if missing:
            raise UserError(
                _(
                    "Assign a social researcher first: %(refs)s.",
                    refs=", ".join(missing.mapped("ref")),
                )
            )
        self.write({"state": "research"})
        for request in self:
            request.activity_schedule(
                "beneficiary_relations.mail_activity_type_social_research",
                user_id=request.researcher_id.id,
                date_deadline=request.decision_deadline or fields.Date.context_today(self),
            )

    @workflow_action
    def action_send_to_committee(self):
        """verified or researched → the research committee's agenda (P10)."""
        _ = self.env._
        self._check_state(("verification", "research"), _("sent to the committee"))
        problems = []
        for request in self:
            if request.state == "verification" and request.service_id.requires_research:
                problems.append(
                    _("%(ref)s: this service needs the social research first.", ref=request.ref)
                )
            if request.state == "research" and not request._has_research_report():
                problems.append(
                    _("%(ref)s: write the social research report first.", ref=request.ref)
                )
        self._raise_problems(problems)
        self.activity_feedback(["beneficiary_relations.mail_activity_type_social_research"])
        self.write({"state": "committee"})
        self._evaluate_eligibility()

    def _has_research_report(self):
        self.ensure_one()
        return bool(self.research_report and self.research_report.striptags().strip())

    @workflow_action
    def action_start_service(self):
        """approved → in service (P13)."""
        self._check_state(("approved",), self.env._("put in service"))
        self.write({"state": "in_service", "service_start_date": fields.Date.context_today(self)})

    @workflow_action
    def action_done(self):
        """in service → done: the service was delivered (P13)."""
        self._check_state(("in_service",), self.env._("marked as delivered"))
        self.write(
            {
                "state": "done",
                "delivery_date": fields.Date.context_today(self),
                "delivered_by_id": self.env.uid,
            }
        )
        self._notify_beneficiary("done")

    @workflow_action
    def action_reset_draft(self):
        self._check_state(("cancelled",), self.env._("reset to draft"))
        self.write({"state": "draft", "cancel_reason": False, "submit_date": False})
