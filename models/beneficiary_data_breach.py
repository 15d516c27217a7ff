from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import hijri
from .beneficiary_workflow_fields import workflow_action

GROUP_MANAGER = "beneficiary_relations.group_beneficiary_manager"
SDAIA_HOURS = 72
REMINDER_HOURS = 48
ACTIVITY_REMINDER = "beneficiary_relations.mail_activity_type_data_breach_sdaia_reminder"
ACTIVITY_OVERDUE = "beneficiary_relations.mail_activity_type_data_breach_sdaia_overdue"
CLOCK_STATES = ("open", "contained")
STATES = [
    ("open", "Open"),
    ("contained", "Contained"),
    ("notified", "Notified"),
    ("closed", "Closed"),
]
# Kept by the managers: the reporter describes the breach, managers run the register.
MANAGER_FIELDS = {
    "state",
    "sdaia_notified_on",
    "sdaia_reference",
    "not_notifiable",
    "not_notifiable_reason",
    "subjects_notified_on",
    "subject_notice",
    "is_sdaia_overdue",
    "sdaia_reminder_sent",
    "closed_on",
    "company_id",
}


class BeneficiaryDataBreach(models.Model):
    """A personal-data breach (تسرب البيانات الشخصية) in the register the PDPL requires.

    Reported by any staff member; the managers contain it, notify SDAIA within 72 hours
    of its discovery (or record why it is not notifiable), tell the affected people when
    harm is likely, and close it. An hourly job warns them 24 hours before the deadline
    and when it is missed.
    """

    _name = "beneficiary.data.breach"
    _description = "Personal Data Breach"
    _inherit = [
        "beneficiary.workflow.fields",
        "beneficiary.printable",
        "mail.thread",
        "mail.activity.mixin",
        "beneficiary.state.guard",
    ]
    _unlink_draft_states = ("open",)
    _workflow_number = ("name", "beneficiary.data.breach")
    _order = "discovered_on desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "title"]

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/", index=True)
    title = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        STATES, default="open", required=True, tracking=True, index=True, copy=False
    )
    discovered_on = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    discovered_on_hijri = fields.Char(
        string="Discovered On (Hijri)", compute="_compute_hijri_dates"
    )
    reported_by_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    description = fields.Text(
        required=True, help="What happened, how it was found and which records are concerned."
    )
    cause = fields.Selection(
        [
            ("device", "Lost or Stolen Device"),
            ("unauthorised_access", "Unauthorised Access"),
            ("wrong_recipient", "Sent to the Wrong Recipient"),
            ("cyber_attack", "Cyber Attack"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    # Categories of personal data affected.
    data_identity = fields.Boolean(string="Identity Data", help="Names, national ID or Iqama.")
    data_contact = fields.Boolean(string="Contact Data", help="Mobile, email, national address.")
    data_financial = fields.Boolean(string="Financial Data", help="Income, bank accounts.")
    data_health = fields.Boolean(
        string="Health Data", help="Health or disability data: sensitive under the PDPL."
    )
    sensitive_data = fields.Boolean(
        compute="_compute_sensitive_data",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Health, genetic, credit, or social-research data: set automatically for health "
        "data, by hand for other sensitive data.",
    )
    beneficiary_ids = fields.Many2many(
        "beneficiary.beneficiary",
        string="Affected Beneficiaries",
        check_company=True,
    )
    affected_count = fields.Integer(
        string="Known Affected", compute="_compute_affected_count", store=True
    )
    estimated_count = fields.Integer(
        string="Estimated Number Affected",
        help="When not all the affected people are known yet: the best estimate of their number.",
    )
    risk_level = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
        tracking=True,
        index=True,
    )
    harm_likely = fields.Boolean(
        tracking=True,
        help="The breach is likely to harm the affected people: they must be told without "
        "undue delay.",
    )
    containment_measures = fields.Text(
        help="What was done to stop the breach and limit its effects."
    )
    contained_on = fields.Datetime(readonly=True, copy=False)
    # The SDAIA clock.
    sdaia_deadline = fields.Datetime(
        string="SDAIA Deadline",
        compute="_compute_sdaia_deadline",
        store=True,
        index=True,
        help="72 hours after the discovery.",
    )
    sdaia_deadline_hijri = fields.Char(
        string="SDAIA Deadline (Hijri)", compute="_compute_hijri_dates"
    )
    hours_left = fields.Float(
        compute="_compute_hours_left",
        help="Hours left before the SDAIA deadline; negative once missed.",
    )
    sdaia_notified_on = fields.Datetime(string="SDAIA Notified On", tracking=True, copy=False)
    sdaia_reference = fields.Char(string="SDAIA Reference", tracking=True, copy=False)
    not_notifiable = fields.Boolean(
        string="Not Notifiable to SDAIA",
        tracking=True,
        copy=False,
        help="Decision, for a low-risk breach, that SDAIA need not be notified.",
    )
    not_notifiable_reason = fields.Text(string="Reason Not Notifiable", copy=False)
    is_sdaia_overdue = fields.Boolean(string="SDAIA Overdue", readonly=True, index=True, copy=False)
    sdaia_reminder_sent = fields.Boolean(readonly=True, copy=False)
    subject_notice = fields.Text(
        string="Notice to the Affected People",
        help="What happened, its likely consequences, the measures taken and what the "
        "affected people can do to protect themselves. Sent with the notification.",
    )
    subjects_notified_on = fields.Datetime(
        string="Affected People Notified On", tracking=True, copy=False
    )
    closed_on = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "estimated_count_positive",
            "CHECK(estimated_count >= 0)",
            "The estimated number of affected people cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("data_health")
    def _compute_sensitive_data(self):
        for breach in self:
            if breach.data_health:
                breach.sensitive_data = True

    @api.depends("beneficiary_ids")
    def _compute_affected_count(self):
        for breach in self:
            breach.affected_count = len(breach.beneficiary_ids)

    @api.depends("discovered_on")
    def _compute_sdaia_deadline(self):
        for breach in self:
            breach.sdaia_deadline = (
                breach.discovered_on + timedelta(hours=SDAIA_HOURS)
                if breach.discovered_on
                else False
            )

    @api.depends("discovered_on", "sdaia_deadline")
    def _compute_hijri_dates(self):
        for breach in self:
            breach.discovered_on_hijri = breach._hijri(breach.discovered_on)
            breach.sdaia_deadline_hijri = breach._hijri(breach.sdaia_deadline)

    @api.depends("sdaia_deadline", "sdaia_notified_on", "not_notifiable")
    def _compute_hours_left(self):
        now = fields.Datetime.now()
        for breach in self:
            if breach.sdaia_deadline and not breach._sdaia_done():
                breach.hours_left = (breach.sdaia_deadline - now).total_seconds() / 3600.0
            else:
                breach.hours_left = 0.0

    def _hijri(self, value):
        if not value:
            return ""
        return hijri.hijri_str(fields.Datetime.context_timestamp(self, value).date())

    def _sdaia_done(self):
        self.ensure_one()
        return bool(self.sdaia_notified_on or self.not_notifiable)

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_breach_manager():
            for vals in vals_list:
                if vals.get("reported_by_id") not in (None, self.env.uid):
                    raise AccessError(
                        self.env._("Only managers can record a breach for someone else.")
                    )
                managed = [
                    name
                    for name in MANAGER_FIELDS - {"company_id"}
                    if vals.get(name) and not (name == "state" and vals[name] == "open")
                ]
                if managed:
                    raise AccessError(
                        self.env._(
                            "Only beneficiary relations managers can set these fields of a "
                            "breach: %(fields)s.",
                            fields=self._field_labels(managed),
                        )
                    )
        breaches = super().create(vals_list)
        breaches._subscribe_managers()
        return breaches

    def _field_labels(self, names):
        """The labels of ``names``, in the user's language, for messages."""
        return ", ".join(self._fields[name]._description_string(self.env) for name in sorted(names))

    def write(self, vals):
        if not self._is_breach_manager():
            managed = MANAGER_FIELDS.intersection(vals)
            if managed:
                raise AccessError(
                    self.env._(
                        "Only beneficiary relations managers can change these fields of a "
                        "breach: %(fields)s.",
                        fields=self._field_labels(managed),
                    )
                )
            if any(breach.state != "open" for breach in self):
                raise AccessError(
                    self.env._(
                        "A breach being handled by the managers can no longer be changed by "
                        "its reporter: write in its discussion instead."
                    )
                )
        result = super().write(vals)
        if "discovered_on" in vals:
            self._restart_clock()
        return result

    def _restart_clock(self):
        """A corrected discovery date moves the deadline: warnings given for the old one
        that no longer hold are withdrawn, so the job gives them again when due."""
        now = fields.Datetime.now()
        reminder_from = now + timedelta(hours=SDAIA_HOURS - REMINDER_HOURS)
        not_overdue = self.filtered(lambda b: b.is_sdaia_overdue and b.sdaia_deadline > now)
        not_reminded = self.filtered(
            lambda b: b.sdaia_reminder_sent and b.sdaia_deadline > reminder_from
        )
        if not_overdue:
            # sudo: write access to the breach checked by its write; only the job's own flags reset
            not_overdue.sudo().write({"is_sdaia_overdue": False})
            not_overdue.activity_unlink([ACTIVITY_OVERDUE])
        if not_reminded:
            # sudo: write access to the breach checked by its write; only the job's own flags reset
            not_reminded.sudo().write({"sdaia_reminder_sent": False})
            not_reminded.activity_unlink([ACTIVITY_REMINDER])

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open(self):
        handled = self.filtered(lambda breach: breach.state != "open")
        if handled:
            raise UserError(
                self.env._(
                    "A breach in the register cannot be deleted once it is handled: "
                    "%(refs)s. Close it instead.",
                    refs=", ".join(handled.mapped("name")),
                )
            )

    # ------------------------------------------------------------------- actions
    def _state_guard_message(self, state_label, action):
        return self.env._(
            "%(ref)s cannot be %(action)s in state %(state)s.",
            ref=self.name,
            action=action,
            state=state_label,
        )

    def _is_breach_manager(self):
        return self.env.su or self.env.user.has_group(GROUP_MANAGER)

    def _check_manager(self):
        if not self._is_breach_manager():
            raise AccessError(
                self.env._("Only beneficiary relations managers can handle a data breach.")
            )

    @workflow_action
    def action_contain(self):
        _ = self.env._
        self._check_manager()
        self._check_state(("open",), _("marked contained"))
        missing = self.filtered(lambda b: not (b.containment_measures or "").strip())
        if missing:
            raise UserError(
                _(
                    "Describe the containment measures first: %(refs)s.",
                    refs=", ".join(missing.mapped("name")),
                )
            )
        self.write({"state": "contained", "contained_on": fields.Datetime.now()})

    @workflow_action
    def action_sdaia_notified(self):
        """Record the notification to SDAIA, with the reference SDAIA gave it."""
        _ = self.env._
        self._check_manager()
        self._check_state(CLOCK_STATES, _("recorded as notified to SDAIA"))
        missing = self.filtered(lambda b: not (b.sdaia_reference or "").strip())
        if missing:
            raise UserError(
                _(
                    "Enter the reference SDAIA gave to the notification first: %(refs)s.",
                    refs=", ".join(missing.mapped("name")),
                )
            )
        now = fields.Datetime.now()
        for breach in self:
            breach.write(
                {"state": "notified", "sdaia_notified_on": breach.sdaia_notified_on or now}
            )
        self.activity_feedback([ACTIVITY_REMINDER, ACTIVITY_OVERDUE])

    @workflow_action
    def action_close(self):
        _ = self.env._
        self._check_manager()
        self._check_state(("contained", "notified"), _("closed"))
        for breach in self:
            if not breach.sdaia_notified_on and not breach.not_notifiable:
                raise UserError(
                    _(
                        "%(ref)s cannot be closed before SDAIA is notified, or a decision "
                        "that this low-risk breach is not notifiable is recorded with its "
                        "reason.",
                        ref=breach.name,
                    )
                )
            if breach.harm_likely and not breach.subjects_notified_on:
                raise UserError(
                    _(
                        "%(ref)s cannot be closed: harm to the affected people is likely, "
                        "notify them first.",
                        ref=breach.name,
                    )
                )
        self.write({"state": "closed", "closed_on": fields.Datetime.now()})
        self.activity_unlink([ACTIVITY_REMINDER, ACTIVITY_OVERDUE])

    @workflow_action
    def action_reopen(self):
        self._check_manager()
        self._check_state(("closed",), self.env._("reopened"))
        for breach in self:
            breach.write(
                {
                    "state": "notified" if breach.sdaia_notified_on else "contained",
                    "closed_on": False,
                }
            )
