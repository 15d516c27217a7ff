from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .beneficiary_workflow_fields import workflow_action

GROUP_PARTNERSHIPS = "beneficiary_relations.group_beneficiary_partnerships"
# Requests still competing for the association's services: ranked by priority (P23).
OPEN_STATES = ("submitted", "study", "prioritised")
# States in which a request may still be deleted (nothing approved or signed yet).
DELETABLE_STATES = ("submitted", "study", "prioritised", "declined")


class BeneficiaryPartnerRequest(models.Model):
    """A formal service request from a partner association (P21), its needs study
    (P22), its fair priority (P23) and the MOU that follows (P24)."""

    _name = "beneficiary.partner.request"
    _description = "Partner Association Request"
    _inherit = [
        "beneficiary.workflow.fields",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "beneficiary.state.guard",
    ]
    _workflow_number = ("name", "beneficiary.partner.request")
    # A request keyed in by mistake, before any study, may be deleted by a manager.
    _unlink_draft_states = ("submitted",)
    _order = "submit_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Association",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The requesting beneficiary association.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        domain="[('parent_id', '=', partner_id)]",
        tracking=True,
    )
    contact_email = fields.Char(related="contact_id.email")
    contact_phone = fields.Char(related="contact_id.mobile")
    association_licence_number = fields.Char(
        related="partner_id.association_licence_number", string="Licence Number"
    )
    region_id = fields.Many2one(
        "beneficiary.region",
        compute="_compute_region_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        required=True,
        precompute=True,
    )
    service_id = fields.Many2one(
        "beneficiary.service",
        string="Service Requested",
        required=True,
        tracking=True,
        check_company=True,
    )
    expected_beneficiaries = fields.Integer(required=True, tracking=True, aggregator="sum")
    objectives = fields.Text(string="Objectives of the Service", required=True)
    date_start = fields.Date(string="Desired Start")
    date_end = fields.Date(string="Desired End")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "beneficiary_partner_request_attachment_rel",
        "request_id",
        "attachment_id",
        string="Documents",
    )
    channel = fields.Selection(
        [("staff", "Filed by Staff"), ("portal", "Portal")], default="staff", required=True
    )
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("study", "Needs Study"),
            ("prioritised", "Prioritised"),
            ("approved", "Approved"),
            ("declined", "Declined"),
            ("mou", "In MOU"),
            ("in_progress", "In Progress"),
            ("evaluated", "Evaluated"),
            ("closed", "Closed"),
        ],
        default="submitted",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    submit_date = fields.Datetime(
        string="Submitted On", default=fields.Datetime.now, required=True, readonly=True, copy=False
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user if not self.env.user.share else False,
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(GROUP_PARTNERSHIPS).id)],
    )
    decline_reason = fields.Text(tracking=True, copy=False)
    # Needs study (P22)
    study_line_ids = fields.One2many(
        "beneficiary.partner.study.line", "request_id", groups=GROUP_PARTNERSHIPS
    )
    study_user_id = fields.Many2one(
        "res.users", string="Studied By", readonly=True, copy=False, groups=GROUP_PARTNERSHIPS
    )
    study_date = fields.Date(readonly=True, copy=False)
    study_score = fields.Float(
        compute="_compute_study_score",
        store=True,
        digits=(6, 2),
        aggregator="avg",
        groups=GROUP_PARTNERSHIPS,
        help="Weighted average of the needs-study scores, as 0 to 100 points.",
    )
    mou_ids = fields.One2many("beneficiary.mou", "request_id", string="MOUs")
    mou_count = fields.Integer(compute="_compute_mou_count")

    _sql_constraints = [
        (
            "expected_beneficiaries_positive",
            "CHECK(expected_beneficiaries > 0)",
            "The expected number of beneficiaries must be positive.",
        ),
        (
            "desired_period",
            "CHECK(date_end IS NULL OR date_start IS NULL OR date_start <= date_end)",
            "The desired period must end after it starts.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id")
    def _compute_region_id(self):
        for request in self:
            if request.partner_id.association_region_id:
                request.region_id = request.partner_id.association_region_id

    @api.depends("study_line_ids.score", "study_line_ids.weight")
    def _compute_study_score(self):
        for request in self:
            request.study_score = request.study_line_ids._weighted_score()

    def _compute_mou_count(self):
        counts = dict(
            self.env["beneficiary.mou"]._read_group(
                [("request_id", "in", self.ids)], ["request_id"], ["__count"]
            )
        )
        for request in self:
            request.mou_count = counts.get(request, 0)

    def _compute_access_url(self):
        for request in self:
            request.access_url = "/my/partner-requests/%s" % request.id

    # ------------------------------------------------------------------ constraints
    @api.constrains("partner_id")
    def _check_partner_is_association(self):
        for request in self:
            if not request.partner_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not an organisation: a service request comes from "
                        "an association.",
                        partner=request.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests:
            if request.partner_id and not request.partner_id.is_partner_association:
                # sudo: the association was just read as the user (its rules); only
                # partnerships and managers create requests (ACL), and they may set this flag
                request.partner_id.sudo().is_partner_association = True
        return requests

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        locked = self.filtered(lambda r: r.state not in DELETABLE_STATES)
        if locked:
            raise UserError(
                self.env._(
                    "Request %(name)s is approved or under an MOU: it cannot be deleted.",
                    name=locked[0].name,
                )
            )

    # ------------------------------------------------------------------ actions
    def _state_guard_message(self, state_label, action):
        return self.env._(
            "Request %(name)s is %(state)s: it cannot be %(action)s.",
            name=self.name,
            state=state_label,
            action=action,
        )

    @workflow_action
    def action_start_study(self):
        """P22: open the needs study with one line per active study criterion."""
        self._check_state(("submitted",), self.env._("studied"))
        by_company = self.env["beneficiary.partner.study.criterion"]._by_company(
            "study", self.company_id
        )
        vals_list = []
        for request in self:
            criteria = by_company[request.company_id]
            existing = request.study_line_ids.criterion_id
            vals_list += [
                {"request_id": request.id, "criterion_id": criterion.id}
                for criterion in criteria - existing
            ]
        self.env["beneficiary.partner.study.line"].create(vals_list)
        self.write({"state": "study"})

    @workflow_action
    def action_approve(self):
        self._check_state(("prioritised",), self.env._("approved"))
        self.write({"state": "approved"})

    @workflow_action
    def action_decline(self):
        """Open the wizard that asks for the reason sent to the applicant."""
        self._check_state(OPEN_STATES + ("approved",), self.env._("declined"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decline Request"),
            "res_model": "beneficiary.partner.request.decline",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _decline(self, reason):
        """Decline with ``reason``, and send the reason to the applicant (P23)."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for declining the request."))
        self._check_state(OPEN_STATES + ("approved",), self.env._("declined"))
        self.write({"state": "declined", "decline_reason": reason.strip()})
        template = self.env.ref("beneficiary_relations.mail_template_partner_request_declined")
        for request in self:
            request.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    @workflow_action
    def action_create_mou(self):
        """P24: draft the MOU from the approved request."""
        self._check_state(("approved",), self.env._("put under an MOU"))
        self.ensure_one()
        mou = self.env["beneficiary.mou"].create(self._prepare_mou_values())
        self.state = "mou"
        return {
            "type": "ir.actions.act_window",
            "res_model": "beneficiary.mou",
            "res_id": mou.id,
            "view_mode": "form",
        }

    def _prepare_mou_values(self):
        self.ensure_one()
        start = self.date_start or fields.Date.context_today(self)
        return {
            "request_id": self.id,
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "service_id": self.service_id.id,
            "date_start": start,
            "date_end": self.date_end or start + relativedelta(years=1, days=-1),
            "partner_signatory_id": self.contact_id.id,
            "target_ids": [
                Command.create(
                    {
                        "name": self.env._("Beneficiaries served"),
                        "unit": self.env._("beneficiaries"),
                        "target_value": self.expected_beneficiaries,
                    }
                )
            ],
        }

    @workflow_action
    def action_close(self):
        self._check_state(("evaluated",), self.env._("closed"))
        self.write({"state": "closed"})

    @workflow_action
    def action_view_mous(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_mou_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id, "create": False}
        if len(self.mou_ids) == 1:
            action.update(view_mode="form", res_id=self.mou_ids.id, views=[(False, "form")])
        return action

    # ------------------------------------------------------------------ business
    def _on_mou_state(self, mou_state):
        """Follow the MOU: in effect → in progress, evaluated and closed → evaluated."""
        if mou_state == "active":
            self.filtered(lambda r: r.state in ("approved", "mou")).state = "in_progress"
        elif mou_state == "closed":
            self.filtered(lambda r: r.state in ("mou", "in_progress")).state = "evaluated"
