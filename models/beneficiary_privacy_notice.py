from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import hijri
from ..tools.plural import plural
from .beneficiary_retention_rule import KINDS
from .beneficiary_workflow_fields import workflow_action

MANAGER = "beneficiary_relations.group_beneficiary_manager"
# Fields that may still change on a notice in force or superseded.
APPROVED_WRITABLE = {"state", "superseded_on", "message_main_attachment_id"}


class BeneficiaryPrivacyNotice(models.Model):
    """The association's privacy notice (إشعار الخصوصية), one version in force at a time
    (PDPL right to be informed): purposes, legal basis, recipients, how long each kind of
    data is kept, the person's rights and how to exercise them, and the data protection
    officer's contact. Approved with a board-approved policy version; each consent records
    the version shown to the person."""

    _name = "beneficiary.privacy.notice"
    _description = "Privacy Notice"
    _inherit = ["beneficiary.workflow.fields", "mail.thread"]
    _order = "company_id, approved_on desc, id desc"
    _rec_name = "version"
    _check_company_auto = True

    version = fields.Char(required=True, tracking=True, default="1.0")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("in_force", "In Force"), ("superseded", "Superseded")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    policy_id = fields.Many2one(
        "beneficiary.policy",
        string="Approved With Policy Version",
        check_company=True,
        tracking=True,
        help="The board-approved policy version this notice is approved with.",
    )
    purposes = fields.Html(
        translate=True,
        sanitize=True,
        default=lambda self: self.env._(
            "<p>To study and decide your requests for support, deliver the services and "
            "follow up their outcome, contact you about them, and report anonymous "
            "statistics to the association's board and the National Center for the "
            "Development of the Non-Profit Sector.</p>"
        ),
    )
    legal_basis = fields.Html(
        translate=True,
        sanitize=True,
        default=lambda self: self.env._(
            "<p>Your consent, given when you apply; the association's legal obligations "
            "as a registered non-profit; and, for health data, your explicit consent to "
            "its use for the service you ask for.</p>"
        ),
    )
    recipients = fields.Html(
        translate=True,
        sanitize=True,
        default=lambda self: self.env._(
            "<p>The association's staff who handle your file, its committee when it "
            "decides a request, and the partner organisations a request is referred to with "
            "your knowledge. Authorities only when the law requires it.</p>"
        ),
    )
    rights = fields.Html(
        string="Rights and How to Exercise Them",
        translate=True,
        sanitize=True,
        default=lambda self: self.env._(
            "<p>You may ask to access your data, to receive a copy of it, to correct it, "
            "to destroy it when it is no longer needed, and object to a processing. File "
            "your request from your account (My Account, My Data Requests), from the "
            "association's website, or at its offices. We check your identity before "
            "answering, and answer within 30 days.</p>"
        ),
    )
    line_ids = fields.One2many(
        "beneficiary.privacy.notice.line", "notice_id", string="Retention Periods"
    )
    approved_on = fields.Date(readonly=True, copy=False)
    approved_on_hijri = fields.Char(string="Approved On (Hijri)", compute="_compute_hijri")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    superseded_on = fields.Date(readonly=True, copy=False)
    dpo_name = fields.Char(
        related="company_id.beneficiary_dpo_name", string="Data Protection Officer"
    )
    dpo_email = fields.Char(related="company_id.beneficiary_dpo_email", string="DPO Email")
    dpo_phone = fields.Char(related="company_id.beneficiary_dpo_phone", string="DPO Phone")

    _sql_constraints = [
        (
            "version_company_unique",
            "UNIQUE(company_id, version)",
            "This privacy notice version already exists for the association.",
        ),
    ]

    @api.depends("approved_on")
    def _compute_hijri(self):
        for notice in self:
            notice.approved_on_hijri = hijri.hijri_str(notice.approved_on) or ""

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        notices = super().create(vals_list)
        notices._load_retention_lines()
        return notices

    def write(self, vals):
        if set(vals) - APPROVED_WRITABLE and any(n.state != "draft" for n in self):
            raise UserError(
                self.env._("A privacy notice in force is read-only: create a new version.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(notice.state != "draft" for notice in self):
            raise UserError(self.env._("A privacy notice once in force is kept as evidence."))

    # ------------------------------------------------------------------- helpers
    @api.model
    def _get_in_force(self, company=None):
        company = company or self.env.company
        # sudo: only the notice in force of the company, which is public
        return self.sudo().search(
            [("company_id", "=", company.id), ("state", "=", "in_force")], limit=1
        )

    def _load_retention_lines(self):
        """The notice lists the association's retention periods as they are applied."""
        # sudo: callers check the manager or write access; the lines of these notices only
        Line = self.env["beneficiary.privacy.notice.line"].sudo()
        for notice in self:
            rules = (
                self.env["beneficiary.retention.rule"]
                # sudo: callers check the manager or write access; the rules of the notice's company
                .sudo()
                .search([("company_id", "=", notice.company_id.id)])
            )
            # sudo: callers check the manager or write access; the notice's own lines
            notice.line_ids.sudo().unlink()
            Line.create(
                [
                    {
                        "notice_id": notice.id,
                        "kind": rule.kind,
                        "months": rule.months if rule.enabled else 0,
                        "action_description": rule.action_description,
                    }
                    for rule in rules
                ]
            )
            notice._extra_retention_lines()

    def _extra_retention_lines(self):
        """Hook: other kinds of records whose period is kept elsewhere."""
        return True

    # ------------------------------------------------------------------- actions
    def action_load_retention(self):
        # The lines are rewritten as superuser below: only by who may change the notice.
        self.check_access("write")
        if any(n.state != "draft" for n in self):
            raise UserError(self.env._("Only a draft notice can be updated."))
        self._load_retention_lines()
        return True

    @workflow_action
    def action_approve(self):
        """In force with its approved policy version: supersedes the previous notice."""
        _ = self.env._
        if not self.env.user.has_group(MANAGER):
            raise AccessError(_("Only a manager records the approval of a privacy notice."))
        for notice in self:
            if notice.state != "draft":
                raise UserError(_("Only a draft notice can be approved."))
            if not notice.policy_id or notice.policy_id.state != "approved":
                raise UserError(
                    _(
                        "A privacy notice is approved with the policy version in force: "
                        "choose it, or approve the policy first."
                    )
                )
            if not notice.company_id.beneficiary_dpo_name:
                raise UserError(
                    _(
                        "Set the data protection officer's contact in the association "
                        "settings first: the notice shows it."
                    )
                )
            previous = self.search(
                [
                    ("company_id", "=", notice.company_id.id),
                    ("state", "=", "in_force"),
                    ("id", "!=", notice.id),
                ]
            )
            previous.write({"state": "superseded", "superseded_on": fields.Date.today()})
            notice._load_retention_lines()
            notice.write(
                {
                    "state": "in_force",
                    "approved_on": fields.Date.context_today(self),
                    "approved_by_id": self.env.uid,
                }
            )
        return True


class BeneficiaryPrivacyNoticeLine(models.Model):
    """How long one kind of data is kept, as listed in a privacy notice version."""

    _name = "beneficiary.privacy.notice.line"
    _description = "Privacy Notice Retention Period"
    _order = "notice_id, id"

    notice_id = fields.Many2one(
        "beneficiary.privacy.notice", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True, index=True)
    kind = fields.Selection(KINDS, string="Kind of Record")
    name = fields.Char(string="Kind of Data", compute="_compute_name", store=True, readonly=False)
    months = fields.Integer(string="Kept For (Months)", help="0: kept without limit.")
    action_description = fields.Char(string="At the End of the Period")

    @api.depends("kind")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            if line.kind:
                line.name = labels[line.kind]

    def _period_label(self):
        self.ensure_one()
        if not self.months:
            return self.env._("No limit set")
        if self.months % 12 == 0:
            return plural(self.env, self.months // 12, self.env._("%(count)s year|%(count)s years"))
        return plural(self.env, self.months, self.env._("%(count)s month|%(count)s months"))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_notice_draft()
        return lines

    def write(self, vals):
        self._check_notice_draft()
        return super().write(vals)

    def unlink(self):
        self._check_notice_draft()
        return super().unlink()

    def _check_notice_draft(self):
        if not self.env.su and any(line.notice_id.state != "draft" for line in self):
            raise UserError(
                self.env._("A privacy notice in force is read-only: create a new version.")
            )
