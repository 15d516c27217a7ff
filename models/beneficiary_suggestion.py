from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .beneficiary_workflow_fields import workflow_action

OPEN_STATES = ("new", "acknowledged", "in_progress")
STATES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("in_progress", "In Progress"),
    ("answered", "Answered"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
]


class BeneficiarySuggestion(models.Model):
    """A suggestion or complaint (مقترح / شكوى) of a beneficiary or anyone else (P28).

    Received from the portal, the public form or logged by staff from any channel; the
    sender is told it was received, an assignee answers it within the response deadline
    and the answer is sent back before the file is closed.
    """

    _name = "beneficiary.suggestion"
    _description = "Suggestion or Complaint"
    _inherit = [
        "beneficiary.workflow.fields",
        "beneficiary.printable",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "beneficiary.state.guard",
    ]
    _unlink_draft_states = ()
    _workflow_number = ("ref", "beneficiary.suggestion")
    # The assignee reads the complaint and answers it: managers assign.
    _access_fields = {"user_id": "beneficiary_relations.group_beneficiary_manager"}
    _order = "id desc"
    _check_company_auto = True
    _rec_name = "ref"
    _rec_names_search = ["ref", "name", "partner_id"]
    _mail_post_access = "read"

    ref = fields.Char(string="Reference", readonly=True, copy=False, default="/", index=True)
    name = fields.Char(string="Subject", required=True, tracking=True)
    kind = fields.Selection(
        [("suggestion", "Suggestion"), ("complaint", "Complaint")],
        required=True,
        default="suggestion",
        tracking=True,
        index=True,
    )
    category_id = fields.Many2one(
        "beneficiary.suggestion.category",
        tracking=True,
        index=True,
        check_company=True,
    )
    channel_id = fields.Many2one(
        "utm.medium",
        required=True,
        index=True,
        default=lambda self: self.env.ref(
            "beneficiary_relations.utm_medium_interview", raise_if_not_found=False
        ),
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Sender", required=True, index=True, tracking=True
    )
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        compute="_compute_beneficiary_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
    )
    request_id = fields.Many2one(
        "beneficiary.support.request",
        string="Related Request",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', '=', partner_id)]",
    )
    description = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Assignee",
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
        compute="_compute_user_id",
        store=True,
        readonly=False,
    )
    state = fields.Selection(
        STATES, default="new", required=True, tracking=True, index=True, copy=False
    )
    response = fields.Text(copy=False, tracking=True)
    response_deadline = fields.Date(
        compute="_compute_response_deadline", store=True, readonly=False, index=True
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    answer_date = fields.Datetime(readonly=True, copy=False)
    answer_days = fields.Float(
        string="Days to Answer",
        readonly=True,
        copy=False,
        aggregator="avg",
        digits=(6, 1),
    )
    answered_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # ------------------------------------------------------------------ computes
    @api.depends("partner_id")
    def _compute_beneficiary_id(self):
        beneficiaries = (
            self.env["beneficiary.beneficiary"]
            # sudo: only the file of the sender in the suggestion's company is linked
            .sudo()
            .search([("partner_id", "in", self.partner_id.ids)])
        )
        by_partner = {b.partner_id: b for b in beneficiaries}
        for suggestion in self:
            beneficiary = by_partner.get(suggestion.partner_id)
            if beneficiary and beneficiary.company_id == suggestion.company_id:
                suggestion.beneficiary_id = beneficiary.id
            elif not suggestion.beneficiary_id:
                suggestion.beneficiary_id = False

    @api.depends("category_id")
    def _compute_user_id(self):
        for suggestion in self:
            if suggestion.category_id.user_id:
                suggestion.user_id = suggestion.category_id.user_id
            elif not suggestion.user_id:
                suggestion.user_id = suggestion.company_id.beneficiary_manager_id

    @api.depends("company_id")
    def _compute_response_deadline(self):
        today = fields.Date.context_today(self)
        for suggestion in self:
            if not suggestion.response_deadline:
                start = (
                    fields.Date.context_today(self, suggestion.create_date)
                    if suggestion.create_date
                    else today
                )
                days = suggestion.company_id.beneficiary_suggestion_response_days
                suggestion.response_deadline = start + timedelta(days=days)

    @api.depends("state", "response_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for suggestion in self:
            suggestion.is_overdue = bool(
                suggestion.state in OPEN_STATES
                and suggestion.response_deadline
                and suggestion.response_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the overdue flag."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("response_deadline", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_access_url(self):
        for suggestion in self:
            suggestion.access_url = "/my/suggestions/%s" % suggestion.id

    # ---------------------------------------------------------------------- CRUD
    def _access_field_allowed(self, name, vals, creating):
        # At creation the assignee is the category's routing (computed by the server).
        if name == "user_id" and creating:
            return True
        return super()._access_field_allowed(name, vals, creating)

    @api.model_create_multi
    def create(self, vals_list):
        suggestions = super().create(vals_list)
        for suggestion in suggestions:
            suggestion.message_subscribe(partner_ids=suggestion.partner_id.ids)
        suggestions._acknowledge()
        suggestions._schedule_assignee_activity()
        return suggestions

    # ------------------------------------------------------------------- actions
    def _state_guard_message(self, state_label, action):
        return self.env._(
            "%(ref)s cannot be %(action)s in state %(state)s.",
            ref=self.ref,
            action=action,
            state=state_label,
        )

    @workflow_action
    def action_acknowledge(self):
        """Acknowledge by hand (e.g. the sender was called back)."""
        self._check_state(("new",), self.env._("acknowledged"))
        self.write({"state": "acknowledged"})

    @workflow_action
    def action_start(self):
        self._check_state(("new", "acknowledged"), self.env._("taken in charge"))
        self.write({"state": "in_progress"})

    @workflow_action
    def action_answer(self):
        """Send the response to the sender; the time to answer is kept for reports."""
        _ = self.env._
        self._check_state(OPEN_STATES, _("answered"))
        missing = self.filtered(lambda s: not (s.response or "").strip())
        if missing:
            raise UserError(
                _(
                    "Write the response to the sender first: %(refs)s.",
                    refs=", ".join(missing.mapped("ref")),
                )
            )
        now = fields.Datetime.now()
        for suggestion in self:
            suggestion.write(
                {
                    "state": "answered",
                    "answer_date": now,
                    "answered_by_id": self.env.uid,
                    "answer_days": round(
                        (now - suggestion.create_date).total_seconds() / 86400.0, 1
                    ),
                }
            )
        self.activity_feedback(["beneficiary_relations.mail_activity_type_suggestion"])
        self._send_to_sender("response")

    @workflow_action
    def action_close(self):
        self._check_state(("answered",), self.env._("closed"))
        self.write({"state": "closed"})

    @workflow_action
    def action_reject(self):
        """Reject (duplicate, abusive, out of scope): the response gives the reason."""
        _ = self.env._
        self._check_state(OPEN_STATES, _("rejected"))
        missing = self.filtered(lambda s: not (s.response or "").strip())
        if missing:
            raise UserError(
                _(
                    "Write the reason of the rejection in the response: %(refs)s.",
                    refs=", ".join(missing.mapped("ref")),
                )
            )
        self.write({"state": "rejected", "answer_date": fields.Datetime.now()})
        self.activity_unlink(["beneficiary_relations.mail_activity_type_suggestion"])
        self._send_to_sender("response")

    @workflow_action
    def action_reopen(self):
        self._check_state(("answered", "closed", "rejected"), self.env._("reopened"))
        self.write({"state": "in_progress", "answer_date": False, "answer_days": 0.0})
        self._schedule_assignee_activity()

    # ---------------------------------------------------------------- messages
    @workflow_action
    def _acknowledge(self):
        """Tell the sender their message was received, with its reference and deadline."""
        acknowledged = self._send_to_sender("acknowledgement")
        acknowledged.filtered(lambda s: s.state == "new").write({"state": "acknowledged"})

    def _send_to_sender(self, kind):
        """Email and/or SMS the sender in their language; posted in the chatter, which
        the sender also reads on the portal. :return: whether the sender was reached"""
        mail_template = self.env.ref("beneficiary_relations.mail_template_suggestion_%s" % kind)
        sms_template = self.env.ref("beneficiary_relations.sms_template_suggestion_%s" % kind)
        reached = self.browse()
        for suggestion in self:
            partner = suggestion.partner_id
            channels = suggestion.beneficiary_id._br_own_text_channels(suggestion, partner)
            if channels is None:
                # P33: a call activity for staff, or the discreet notice.
                reached |= suggestion
                continue
            if channels["email"]:
                suggestion.message_post_with_source(
                    mail_template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
            if channels["sms"]:
                suggestion._message_sms_with_template(
                    template=sms_template, partner_ids=partner.ids, put_in_queue=True
                )
            if channels["email"] or channels["sms"]:
                reached |= suggestion
        return reached

    def _schedule_assignee_activity(self):
        for suggestion in self.filtered("user_id"):
            suggestion.activity_schedule(
                "beneficiary_relations.mail_activity_type_suggestion",
                user_id=suggestion.user_id.id,
                date_deadline=suggestion.response_deadline,
            )

    # ------------------------------------------------------------------- portal
    def _get_report_base_filename(self):
        self.ensure_one()
        return self.ref
