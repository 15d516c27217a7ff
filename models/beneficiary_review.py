from odoo import api, fields, models
from odoo.exceptions import UserError

from .beneficiary_workflow_fields import workflow_action

OPEN_REQUEST_STATES = ("draft", "submitted", "verification", "research", "committee")
RESULTS = [
    ("eligible", "Still Eligible"),
    ("changed", "Circumstances Changed"),
    ("not_eligible", "No Longer Eligible"),
]


class BeneficiaryReview(models.Model):
    """The outcome of a periodic review of a file (P19), kept as evidence.

    Recorded by the review wizard only (every field is a workflow field): the result,
    the eligibility of the file's open requests checked again, the suspension when no
    longer eligible, and whether the beneficiary was asked to confirm their data on the
    portal, and when they did.
    """

    _name = "beneficiary.review"
    _description = "Periodic Review of a File"
    _inherit = ["beneficiary.workflow.fields"]
    _unlink_draft_states = ()
    _order = "date desc, id desc"
    _rec_name = "beneficiary_id"

    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewed By", readonly=True, default=lambda self: self.env.user
    )
    result = fields.Selection(RESULTS, required=True, readonly=True, index=True)
    notes = fields.Text(readonly=True)
    eligibility_summary = fields.Text(string="Eligibility of Open Requests", readonly=True)
    confirm_by = fields.Date(
        string="Beneficiary to Confirm By",
        readonly=True,
        help="The beneficiary was asked to confirm or update their data and documents "
        "on the portal by this date.",
    )
    confirmed_on = fields.Datetime(string="Confirmed by the Beneficiary On", readonly=True)

    @workflow_action
    def _confirm_by_beneficiary(self):
        """The beneficiary confirmed their data on the portal (called after the portal
        checked that the file is theirs)."""
        pending = self.filtered(lambda r: r.confirm_by and not r.confirmed_on)
        if not pending:
            raise UserError(self.env._("There is no review waiting for your confirmation."))
        pending.write({"confirmed_on": fields.Datetime.now()})
        for review in pending:
            review.beneficiary_id.message_post(
                body=self.env._(
                    "The beneficiary confirmed on the portal that their data and documents "
                    "are up to date."
                ),
                subtype_xmlid="mail.mt_note",
            )


class BeneficiaryBeneficiary(models.Model):
    _inherit = "beneficiary.beneficiary"

    review_ids = fields.One2many("beneficiary.review", "beneficiary_id", string="Reviews")
    review_pending_confirmation_id = fields.Many2one(
        "beneficiary.review",
        string="Review Awaiting Confirmation",
        compute="_compute_review_pending_confirmation_id",
    )

    @api.depends("review_ids.confirm_by", "review_ids.confirmed_on")
    def _compute_review_pending_confirmation_id(self):
        for beneficiary in self:
            beneficiary.review_pending_confirmation_id = beneficiary.review_ids.filtered(
                lambda r: r.confirm_by and not r.confirmed_on
            )[:1]

    def action_review_done(self):
        """Open the wizard recording the review's outcome (P19)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the Review"),
            "res_model": "beneficiary.review.record",
            "view_mode": "form",
            "target": "new",
            "context": {"default_beneficiary_ids": self.ids},
        }

    def _record_review(self, result, notes=False, reason=False, confirm_by=False):
        """Record the review of each file in ``self`` and act on its result."""
        _ = self.env._
        if result == "not_eligible" and not (reason or "").strip():
            raise UserError(_("Give the reason the beneficiary is no longer eligible."))
        if confirm_by and confirm_by < fields.Date.context_today(self):
            raise UserError(_("The date to confirm by cannot be in the past."))
        today = fields.Date.context_today(self)
        requests = self.support_request_ids.filtered(lambda r: r.state in OPEN_REQUEST_STATES)
        requests._evaluate_eligibility()
        vals_list = []
        for beneficiary in self:
            lines = [
                "%s — %s: %s"
                % (
                    request.ref,
                    request.service_id.name,
                    _("eligible") if request.eligibility_ok else _("not eligible"),
                )
                for request in requests.filtered(lambda r, b=beneficiary: r.beneficiary_id == b)
            ]
            vals_list.append(
                {
                    "beneficiary_id": beneficiary.id,
                    "date": today,
                    "reviewer_id": self.env.uid,
                    "result": result,
                    "notes": "\n".join(filter(None, [notes, reason])) or False,
                    "eligibility_summary": "\n".join(lines) or False,
                    "confirm_by": confirm_by or False,
                }
            )
        reviews = self.env["beneficiary.review"].create(vals_list)
        self.write({"last_review_date": today, "review_requested_date": False})
        self.activity_feedback(
            ["beneficiary_relations.mail_activity_type_beneficiary_review"],
            feedback=dict(RESULTS)[result],
        )
        if result == "not_eligible":
            self.filtered(lambda b: b.state in ("registered", "active"))._apply_transition(
                "suspend", reason
            )
        if confirm_by:
            self._ask_review_confirmation(confirm_by)
        return reviews

    def _ask_review_confirmation(self, confirm_by):
        """Ask each beneficiary, by the channels their file allows (P33), to confirm
        their data; the request stays in the file's chatter, read on the portal."""
        for beneficiary in self.filtered("partner_id"):
            partner = beneficiary.partner_id
            body = self.env._(
                "Please check your data and documents on the portal (My beneficiary file) "
                "and confirm or update them by %(date)s.",
                date=self.env["beneficiary.support.request"]._dual_date(confirm_by),
            )
            # None: a call activity for staff, or the discreet notice, was done instead.
            channels = beneficiary._br_own_text_channels(
                beneficiary, partner, link=beneficiary.get_base_url() + "/my/profile"
            )
            beneficiary.message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partner.ids if channels and channels["email"] else [],
            )
            if channels and channels["sms"]:
                # Queued: the SMS gateway is called by its cron, never during the click.
                # sudo: the review was recorded by its checks; the file's own recorded number
                self.env["sms.sms"].sudo().create(
                    {
                        "number": channels["sms"],
                        "partner_id": partner.id,
                        "body": body,
                        "state": "outgoing",
                    }
                )
