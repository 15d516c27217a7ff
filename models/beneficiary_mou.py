import logging

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.batch import Queue, run_batch
from .beneficiary_workflow_fields import workflow_action

_logger = logging.getLogger(__name__)

EVALUATION_ACTIVITY = "beneficiary_relations.mail_activity_type_partnership_evaluation"
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6}


class BeneficiaryMou(models.Model):
    """A memorandum of understanding or implementation agreement with a partner
    association (P24): both sides' responsibilities, the period, the targets, the impact
    reports it calls for (P25) and the evaluation of the partnership when it ends."""

    _name = "beneficiary.mou"
    _description = "Memorandum of Understanding"
    _inherit = [
        "beneficiary.workflow.fields",
        "beneficiary.printable",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "beneficiary.state.guard",
    ]
    _workflow_number = ("name", "beneficiary.mou")
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    title = fields.Char(
        compute="_compute_title", store=True, readonly=False, required=True, precompute=True
    )
    agreement_type = fields.Selection(
        [("mou", "Memorandum of Understanding"), ("agreement", "Implementation Agreement")],
        string="Type",
        default="mou",
        required=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    request_id = fields.Many2one(
        "beneficiary.partner.request",
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Association",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    region_id = fields.Many2one(
        related="partner_id.association_region_id", store=True, string="Region"
    )
    service_id = fields.Many2one("beneficiary.service", required=True, check_company=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user if not self.env.user.share else False,
        tracking=True,
    )
    # Signatories
    company_signatory_name = fields.Char(string="Signed for the Association by")
    company_signatory_title = fields.Char()
    partner_signatory_id = fields.Many2one(
        "res.partner",
        string="Signed for the Partner by",
        domain="[('parent_id', '=', partner_id)]",
    )
    partner_signatory_title = fields.Char()
    date_signed = fields.Date(string="Signed On", tracking=True, copy=False)
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True, index=True)
    responsibility_ids = fields.One2many(
        "beneficiary.mou.responsibility", "mou_id", string="Responsibilities", copy=True
    )
    target_ids = fields.One2many("beneficiary.mou.target", "mou_id", string="Targets", copy=True)
    terms = fields.Html(string="Other Terms", sanitize=True)
    signed_file = fields.Binary(string="Signed Copy", attachment=True, copy=False)
    signed_filename = fields.Char(copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    # Impact reports (P25)
    report_frequency = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("semiannual", "Every Six Months")],
        default="quarterly",
        required=True,
    )
    report_grace_days = fields.Integer(
        string="Days to Send Each Report",
        default=10,
        help="The report on a period is due this many days after the period ends.",
    )
    report_ids = fields.One2many("beneficiary.mou.report", "mou_id", string="Impact Reports")
    report_count = fields.Integer(compute="_compute_report_counts")
    overdue_report_count = fields.Integer(compute="_compute_report_counts")
    # Evaluation of the partnership when it ends (P25)
    evaluation_line_ids = fields.One2many(
        "beneficiary.mou.evaluation.line", "mou_id", string="Evaluation"
    )
    evaluation_score = fields.Float(
        compute="_compute_evaluation_score",
        store=True,
        digits=(6, 2),
        aggregator="avg",
        help="Weighted average of the evaluation scores, as 0 to 100 points.",
    )
    evaluation_outcome = fields.Selection(
        [
            ("renew", "Successful: may be renewed"),
            ("improve", "Satisfactory: continue with improvements"),
            ("stop", "Unsatisfactory: not to be renewed"),
        ],
        tracking=True,
        copy=False,
    )
    evaluation_notes = fields.Text(copy=False)
    evaluation_date = fields.Date(readonly=True, copy=False)
    evaluated_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    _sql_constraints = [
        (
            "period",
            "CHECK(date_start <= date_end)",
            "The MOU must end after it starts.",
        ),
        (
            "grace_days_positive",
            "CHECK(report_grace_days >= 0)",
            "The days to send a report cannot be negative.",
        ),
    ]

    @api.depends("partner_id", "service_id")
    def _compute_title(self):
        for mou in self:
            if mou.partner_id and mou.service_id and not mou.title:
                mou.title = "%s - %s" % (mou.service_id.name, mou.partner_id.name)

    def _compute_report_counts(self):
        today = fields.Date.context_today(self)
        Report = self.env["beneficiary.mou.report"]
        counts = dict(Report._read_group([("mou_id", "in", self.ids)], ["mou_id"], ["__count"]))
        overdue = dict(
            Report._read_group(
                [("mou_id", "in", self.ids), ("state", "=", "pending"), ("due_date", "<", today)],
                ["mou_id"],
                ["__count"],
            )
        )
        for mou in self:
            mou.report_count = counts.get(mou, 0)
            mou.overdue_report_count = overdue.get(mou, 0)

    @api.depends("evaluation_line_ids.score", "evaluation_line_ids.weight")
    def _compute_evaluation_score(self):
        for mou in self:
            mou.evaluation_score = mou.evaluation_line_ids._weighted_score()

    def _compute_access_url(self):
        for mou in self:
            mou.access_url = "/my/mous/%s" % mou.id

    @api.constrains("request_id", "partner_id")
    def _check_request_partner(self):
        for mou in self:
            if mou.request_id and mou.request_id.partner_id != mou.partner_id:
                raise ValidationError(
                    self.env._("The MOU must be signed with the association that requested.")
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if any(mou.state != "draft" for mou in self):
            raise UserError(self.env._("A signed MOU cannot be deleted."))

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("MOU %(name)s", name=self.name)

    # ------------------------------------------------------------------ actions
    def _state_guard_message(self, state_label, action):
        return self.env._(
            "MOU %(name)s is %(state)s: it cannot be %(action)s.",
            name=self.name,
            state=state_label,
            action=action,
        )

    @workflow_action
    def action_sign(self):
        """P24: both sides have signed; the signed copy is attached."""
        self._check_state(("draft",), self.env._("signed"))
        for mou in self:
            parties = set(mou.responsibility_ids.mapped("party"))
            problems = []
            if parties != {"company", "partner"}:
                problems.append(self.env._("the responsibilities of both sides"))
            if not mou.target_ids:
                problems.append(self.env._("at least one target"))
            if not (mou.company_signatory_name and mou.partner_signatory_id):
                problems.append(self.env._("both signatories"))
            if not mou.signed_file:
                problems.append(self.env._("the signed copy"))
            if problems:
                raise UserError(
                    self.env._(
                        "MOU %(name)s cannot be signed yet. Missing: %(missing)s.",
                        name=mou.name,
                        missing=", ".join(problems),
                    )
                )
        today = fields.Date.context_today(self)
        for mou in self:
            mou.write({"state": "signed", "date_signed": mou.date_signed or today})

    @workflow_action
    def action_activate(self):
        """The MOU goes into effect: its impact-report schedule is generated (P25)."""
        self._check_state(("signed",), self.env._("put into effect"))
        self.write({"state": "active"})
        self._generate_report_schedule()
        for mou in self:
            mou.request_id._on_mou_state("active")

    @workflow_action
    def action_expire(self):
        self._check_state(("active",), self.env._("ended"))
        self.write({"state": "expired"})
        self._schedule_evaluation()

    @workflow_action
    def action_start_evaluation(self):
        """P25: one scored line per evaluation criterion."""
        self._check_state(("active", "expired"), self.env._("evaluated"))
        by_company = self.env["beneficiary.partner.study.criterion"]._by_company(
            "evaluation", self.company_id
        )
        vals_list = []
        for mou in self:
            criteria = by_company[mou.company_id]
            vals_list += [
                {"mou_id": mou.id, "criterion_id": criterion.id}
                for criterion in criteria - mou.evaluation_line_ids.criterion_id
            ]
        self.env["beneficiary.mou.evaluation.line"].create(vals_list)

    @workflow_action
    def action_close(self):
        """Close the partnership once it has been evaluated (P25)."""
        self._check_state(("active", "expired"), self.env._("closed"))
        for mou in self:
            if not mou.evaluation_line_ids or any(
                not line.score for line in mou.evaluation_line_ids
            ):
                raise UserError(
                    self.env._(
                        "Score every criterion of the evaluation of %(name)s before closing.",
                        name=mou.name,
                    )
                )
            if not mou.evaluation_outcome:
                raise UserError(
                    self.env._("Give the outcome of the evaluation of %(name)s.", name=mou.name)
                )
        self.write(
            {
                "state": "closed",
                "evaluation_date": fields.Date.context_today(self),
                "evaluated_by_id": self.env.user.id,
            }
        )
        self.activity_feedback([EVALUATION_ACTIVITY])
        for mou in self:
            mou.request_id._on_mou_state("closed")

    @workflow_action
    def action_print(self):
        return self.env.ref("beneficiary_relations.action_report_mou").report_action(
            self, config=False
        )

    @workflow_action
    def action_view_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_mou_report_action"
        )
        action["domain"] = [("mou_id", "=", self.id)]
        action["context"] = {"default_mou_id": self.id}
        return action

    # ------------------------------------------------------------------ MOU PDF
    # ------------------------------------------------------------------ business
    def _report_periods(self):
        """(start, end) of each reporting period, counted from the MOU's start."""
        self.ensure_one()
        step = FREQUENCY_MONTHS[self.report_frequency]
        index = 0
        while True:
            start = self.date_start + relativedelta(months=step * index)
            if start > self.date_end:
                return
            end = self.date_start + relativedelta(months=step * (index + 1), days=-1)
            yield start, min(end, self.date_end)
            index += 1

    def _generate_report_schedule(self):
        """Create the pending impact reports of the MOU's periods (kept if they exist)."""
        vals_list = []
        for mou in self:
            existing = set(mou.report_ids.mapped("period_start"))
            for number, (start, end) in enumerate(mou._report_periods(), 1):
                if start in existing:
                    continue
                vals_list.append(
                    {
                        "mou_id": mou.id,
                        "number": number,
                        "period_start": start,
                        "period_end": end,
                        "due_date": end + relativedelta(days=mou.report_grace_days),
                        "line_ids": [
                            Command.create({"target_id": target.id}) for target in mou.target_ids
                        ],
                    }
                )
        return self.env["beneficiary.mou.report"].create(vals_list)

    def _schedule_evaluation(self):
        fallback = self.env.user
        for mou in self:
            mou.activity_schedule(
                EVALUATION_ACTIVITY,
                date_deadline=fields.Date.context_today(self),
                user_id=(mou.user_id or fallback).id,
            )

    @api.model
    def _cron_expire(self, batch_size=200):
        """End the active MOUs whose period is over and ask for their evaluation (P25)."""
        today = fields.Date.context_today(self)
        domain = [("state", "=", "active"), ("date_end", "<", today)]
        [ended], remaining = run_batch(
            self.env,
            [Queue(self, domain, "date_end, id", lambda due: due._end_expired())],
            batch_size,
        )
        _logger.info("MOU expiry: %s ended, %s remaining", ended, remaining)
        return remaining

    def _end_expired(self):
        self.write({"state": "expired"})
        self._schedule_evaluation()
