"""A file's life: registration (P11), suspension, closure, reopening and periodic review (P19)."""

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.activities import schedule_activities
from .beneficiary_beneficiary import ADDRESS_FIELDS, MANAGER, NAME_PARTS, REVIEW_ACTIVITY
from .beneficiary_workflow_fields import workflow_action

_logger = logging.getLogger(__name__)


class BeneficiaryBeneficiary(models.Model):
    _inherit = "beneficiary.beneficiary"

    # Registration and periodic review (P11, P19)
    registration_date = fields.Date(readonly=True, copy=False, tracking=True)
    last_review_date = fields.Date(copy=False, tracking=True)
    next_review_date = fields.Date(
        compute="_compute_next_review_date", store=True, precompute=True, index=True, tracking=True
    )
    review_requested_date = fields.Date(
        copy=False, readonly=True, help="Date the review activity was opened by the review job."
    )
    status_reason = fields.Text(string="Suspension / Closure Reason", tracking=True, copy=False)

    @api.depends(
        "state",
        "registration_date",
        "last_review_date",
        "category_ids.review_interval_months",
        "company_id.beneficiary_review_months",
    )
    def _compute_next_review_date(self):
        def next_review(beneficiary):
            start = beneficiary.last_review_date or beneficiary.registration_date
            if beneficiary.state not in ("registered", "active") or not start:
                return (("next_review_date", False),)
            intervals = beneficiary.category_ids.mapped("review_interval_months")
            months = (
                min(intervals) if intervals else beneficiary.company_id.beneficiary_review_months
            )
            return (("next_review_date", start + relativedelta(months=months or 12)),)

        self._assign_grouped(next_review)

    # ------------------------------------------------------------------- actions
    def _registration_problems(self):
        """Everything that keeps the file from being registered (P6, P9, P11, P12, P17)."""
        self.ensure_one()
        _ = self.env._
        problems = []
        if self.kind == "direct":
            labels = self.fields_get(list(NAME_PARTS) + ["national_id", "birth_date", "gender"])
            for field_name in (*NAME_PARTS, "national_id", "birth_date", "gender"):
                if not self[field_name]:
                    problems.append(_("%(field)s is missing.", field=labels[field_name]["string"]))
            if not (self.mobile or self.phone):
                problems.append(_("A mobile or phone number is missing."))
            address = self.fields_get(list(ADDRESS_FIELDS))
            missing_address = [address[f]["string"] for f in ADDRESS_FIELDS if not self[f]]
            if missing_address:
                problems.append(
                    _(
                        "The national address is incomplete: %(fields)s.",
                        fields=", ".join(missing_address),
                    )
                )
            if not self.declaration_date:
                problems.append(_("The applicant has not signed the declaration of correct data."))
            if self.missing_document_type_ids:
                problems.append(
                    _(
                        "Documents not verified yet: %(docs)s.",
                        docs=", ".join(self.missing_document_type_ids.mapped("name")),
                    )
                )
        if not self.consent_date:
            problems.append(_("The applicant has not given consent to the service terms."))
        return problems

    @workflow_action
    def action_register(self):
        for beneficiary in self:
            if beneficiary.state != "draft":
                raise UserError(self.env._("Only a draft file can be registered."))
            problems = beneficiary._registration_problems()
            if problems:
                raise UserError(
                    self.env._("File %(ref)s cannot be registered yet:", ref=beneficiary.ref)
                    + "\n- "
                    + "\n- ".join(problems)
                )
        self.write({"state": "registered", "registration_date": fields.Date.context_today(self)})

    @workflow_action
    def action_activate(self):
        if any(b.state not in ("registered", "suspended") for b in self):
            raise UserError(self.env._("Only a registered or suspended file can be activated."))
        self.write({"state": "active", "status_reason": False})

    @workflow_action
    def action_suspend(self):
        return self._open_transition("suspend")

    @workflow_action
    def action_close(self):
        return self._open_transition("close")

    @workflow_action
    def action_reopen(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only a manager can reopen a closed file."))
        if any(b.state != "closed" for b in self):
            raise UserError(self.env._("Only a closed file can be reopened."))
        self.write({"state": "active", "status_reason": False, "active": True})

    def _open_transition(self, transition):
        titles = {
            "suspend": self.env._("Suspend the File"),
            "close": self.env._("Close the File"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[transition],
            "res_model": "beneficiary.beneficiary.transition",
            "view_mode": "form",
            "target": "new",
            "context": {"default_transition": transition, "default_beneficiary_ids": self.ids},
        }

    @workflow_action
    def _apply_transition(self, transition, reason):
        allowed = {
            "suspend": ("registered", "active"),
            "close": ("draft", "registered", "active", "suspended"),
        }
        if any(b.state not in allowed[transition] for b in self):
            raise UserError(
                self.env._("This change of state is not allowed for the selected files.")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason."))
        state = "suspended" if transition == "suspend" else "closed"
        self.write({"state": state, "status_reason": reason})
        if state == "closed":
            self.activity_unlink([REVIEW_ACTIVITY])

    # ------------------------------------------------------------------- crons
    def _review_due_domain(self):
        return [
            ("next_review_date", "<=", fields.Date.context_today(self)),
            ("state", "in", ("registered", "active")),
            ("review_requested_date", "=", False),
        ]

    @api.model
    def _cron_periodic_review(self, batch_size=500):
        """Open a review activity for each file due (P19) and flag expired documents.

        Works one batch per call and reports progress: Odoo's cron runner commits after
        each batch and calls again while records remain, so a crash loses one batch at
        most and the next run resumes where it stopped.
        """
        domain = self._review_due_domain()
        due = self.search(domain, limit=batch_size, order="next_review_date, id")
        remaining = self.search_count(domain) - len(due) if len(due) == batch_size else 0
        if due:
            due._schedule_review_activities()
        expired = self.env["beneficiary.document"]._cron_flag_expired(limit=batch_size)
        self.env["ir.cron"]._notify_progress(done=len(due) + expired, remaining=remaining)
        _logger.info(
            "Periodic review: %s files due, %s documents expired, %s remaining",
            len(due),
            expired,
            remaining,
        )
        return remaining

    def _schedule_review_activities(self):
        today = fields.Date.context_today(self)
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        schedule_activities(
            self,
            REVIEW_ACTIVITY,
            (
                (
                    beneficiary,
                    beneficiary.researcher_id or beneficiary.officer_id or fallback,
                    max(beneficiary.next_review_date, today),
                    None,
                )
                for beneficiary in self
            ),
        )
        self.write({"review_requested_date": today})
