import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

_logger = logging.getLogger(__name__)

MANAGER = "beneficiary_relations.group_beneficiary_manager"
# Kind of record: (default period in months, what the scheduled job does at its end).
# PDPL: keep personal data no longer than the purpose needs, then destroy or anonymise it.
DEFAULT_RULES = {
    "closed_file": 60,
    "access_log": 24,
    "suggestion": 36,
    "data_subject_request": 36,
    "data_breach": 60,
}
KINDS = [
    ("closed_file", "Closed Beneficiary Files"),
    ("access_log", "Confidential File Access Log"),
    ("suggestion", "Suggestions and Complaints"),
    ("data_subject_request", "Data-Subject Requests"),
    ("data_breach", "Data Breach Records"),
]


class BeneficiaryRetentionRule(models.Model):
    """How long one kind of record keeps its personal data in an association (PDPL).

    Each association gets one rule per kind when the addon is installed or the association
    is created, with the default period; the scheduled jobs apply them. A rule is turned
    off only by a manager, with a reason, and the change stays in its history.
    """

    _name = "beneficiary.retention.rule"
    _description = "Personal Data Retention Period"
    _inherit = ["mail.thread"]
    _order = "company_id, kind"
    _rec_name = "kind"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, ondelete="cascade"
    )
    kind = fields.Selection(KINDS, string="Kind of Record", required=True, readonly=True)
    months = fields.Integer(string="Kept For (Months)", required=True, tracking=True)
    enabled = fields.Boolean(
        string="Applied",
        default=True,
        tracking=True,
        help="Applied by the scheduled jobs. Turning it off keeps the data without limit: "
        "only a manager may do it, with the reason.",
    )
    disabled_reason = fields.Text(string="Reason Not Applied", tracking=True)
    action_description = fields.Char(
        string="At the End of the Period", compute="_compute_action_description"
    )

    _sql_constraints = [
        (
            "company_kind_unique",
            "UNIQUE(company_id, kind)",
            "Each kind of record has one retention period per association.",
        ),
    ]

    @api.depends("kind")
    @api.depends_context("lang")
    def _compute_action_description(self):
        _ = self.env._
        texts = {
            "closed_file": _("The file is anonymised (counted from its closing date)."),
            "access_log": _("The log entries are deleted (counted from their date)."),
            "suggestion": _(
                "The sender's identity and the texts are erased (counted from the answer)."
            ),
            "data_subject_request": _(
                "The requester's identity is erased (counted from the answer or refusal)."
            ),
            "data_breach": _(
                "The links to the affected people are removed (counted from the closing)."
            ),
        }
        for rule in self:
            rule.action_description = texts.get(rule.kind, "")

    @api.constrains("months", "enabled", "disabled_reason")
    def _check_period(self):
        for rule in self:
            if rule.enabled and rule.months <= 0:
                raise ValidationError(self.env._("A retention period must be at least one month."))
            if not rule.enabled and not (rule.disabled_reason or "").strip():
                raise ValidationError(
                    self.env._("Give the reason why this retention period is not applied.")
                )

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._("Retention periods are created with the association, not by hand.")
            )
        return super().create(vals_list)

    def write(self, vals):
        user = self.env.user
        if not (self.env.su or user.has_group(MANAGER) or user.has_group("base.group_erp_manager")):
            raise AccessError(self.env._("Only a manager can change a retention period."))
        if not self.env.su and self.company_id - self.env.user.company_ids:
            raise AccessError(self.env._("You may change only your own association."))
        if vals.get("enabled"):
            vals = dict(vals, disabled_reason=False)
        return super().write(vals)

    # ---------------------------------------------------------------- defaults
    @api.model
    def _ensure_defaults(self, companies=None):
        """One rule per kind for each company that lacks it, with the default period."""
        # sudo: install, settings and job only (private method); every company gets its defaults
        companies = companies or self.env["res.company"].sudo().search([])
        # sudo: install, settings and job only (private method); rules of these companies
        Rule = self.sudo()
        existing = {
            (rule.company_id.id, rule.kind)
            for rule in Rule.search([("company_id", "in", companies.ids)])
        }
        vals_list = [
            {"company_id": company.id, "kind": kind, "months": months}
            for company in companies
            for kind, months in DEFAULT_RULES.items()
            if (company.id, kind) not in existing
        ]
        return Rule.create(vals_list)

    @api.model
    def _get_rule(self, company, kind):
        """The rule of ``kind`` in ``company`` when it is applied, else an empty record."""
        return (
            # sudo: only whether the company applies this kind of rule, and its period
            self.sudo()
            .search([("company_id", "=", company.id), ("kind", "=", kind)], limit=1)
            .filtered("enabled")
        )

    def _limit_date(self):
        """Records older than this date are past the period."""
        self.ensure_one()
        return fields.Date.context_today(self) - relativedelta(months=self.months)

    # --------------------------------------------------------------------- cron
    @api.model
    def _cron_apply_retention(self, batch_size=200):
        """Daily: apply every applied rule but the closed files' (their own job), one batch
        per call, progress reported to the cron runner."""
        # sudo: scheduled job (private method); the applied rules of every company
        rules = self.sudo().search([("enabled", "=", True), ("kind", "!=", "closed_file")])
        done = remaining = 0
        for rule in rules:
            method = getattr(rule, "_retention_apply_%s" % rule.kind, None)
            if method is None:
                continue
            left = batch_size - done
            rule_done, rule_remaining = method(max(left, 0))
            done += rule_done
            remaining += rule_remaining
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        _logger.info("Retention periods: %s records handled, %s remaining", done, remaining)
        return remaining

    def _batch(self, model, domain, limit, order="id"):
        # sudo: retention job only (private method); records past the rule's period
        Model = self.env[model].sudo().with_context(active_test=False)
        records = Model.search(domain, limit=limit, order=order) if limit else Model.browse()
        remaining = Model.search_count(domain) - len(records)
        return records, remaining

    def _retention_apply_access_log(self, limit):
        limit_dt = fields.Datetime.to_datetime(self._limit_date())
        entries, remaining = self._batch(
            "beneficiary.sensitive.access.log",
            [("company_id", "=", self.company_id.id), ("date", "<", limit_dt)],
            limit,
        )
        entries.unlink()
        return len(entries), remaining

    def _retention_apply_suggestion(self, limit):
        limit_dt = fields.Datetime.to_datetime(self._limit_date())
        suggestions, remaining = self._batch(
            "beneficiary.suggestion",
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("answered", "closed", "rejected")),
                ("answer_date", "<", limit_dt),
                ("retention_erased_on", "=", False),
            ],
            limit,
        )
        suggestions._retention_erase()
        return len(suggestions), remaining

    def _retention_apply_data_subject_request(self, limit):
        limit_dt = fields.Datetime.to_datetime(self._limit_date())
        requests, remaining = self._batch(
            "beneficiary.data.subject.request",
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("answered", "refused")),
                ("answered_on", "<", limit_dt),
                ("identity_erased", "=", False),
            ],
            limit,
        )
        requests._erase_requester_identity()
        return len(requests), remaining

    def _retention_apply_data_breach(self, limit):
        limit_dt = fields.Datetime.to_datetime(self._limit_date())
        breaches, remaining = self._batch(
            "beneficiary.data.breach",
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "closed"),
                ("closed_on", "<", limit_dt),
                ("beneficiary_ids", "!=", False),
            ],
            limit,
        )
        for breach in breaches:
            breach.message_post(
                body=self.env._(
                    "Retention period ended: the links to the %(count)s affected people "
                    "were removed.",
                    count=len(breach.beneficiary_ids),
                ),
                subtype_xmlid="mail.mt_note",
            )
        breaches.write({"beneficiary_ids": [fields.Command.clear()]})
        return len(breaches), remaining
