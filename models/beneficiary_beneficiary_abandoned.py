from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..tools.plural import plural
from ..tools.server_context import server_context
from .beneficiary_support_request import CLOCK_STATES


class BeneficiaryBeneficiary(models.Model):
    """Abandoned draft applications are anonymised after a period (PDPL, issue 16).

    A draft file nobody touched for the association's period (``beneficiary_draft_
    anonymise_days``, 90 by default, 0 = never), and whose requests did not move either,
    is closed as abandoned, its open requests cancelled, and anonymised by the retention
    job, in batches.
    """

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.beneficiary"  # pylint: disable=consider-merging-classes-inherited

    def _abandoned_draft_domain(self, company):
        limit = fields.Datetime.now() - relativedelta(days=company.beneficiary_draft_anonymise_days)
        return [
            ("company_id", "=", company.id),
            ("state", "=", "draft"),
            ("anonymised_on", "=", False),
            ("write_date", "<", limit),
            "!",
            ("support_request_ids.write_date", ">=", limit),
        ]

    @api.model
    def _cron_anonymise_closed_files(self, batch_size=200):
        """Abandoned drafts first, then the closed files past their retention period:
        ``batch_size`` files in all per call, the remaining ones counted for the next."""
        started = fields.Datetime.now()
        done, remaining = self._anonymise_abandoned_drafts(batch_size)
        remaining += super()._cron_anonymise_closed_files(batch_size=max(batch_size - done, 0))
        done = (
            self.sudo()
            .with_context(active_test=False)
            .search_count([("anonymised_on", ">=", started)])
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining

    @api.model
    def _anonymise_abandoned_drafts(self, batch_size):
        """:return: (files anonymised, files left for the next call)"""
        Beneficiary = self.sudo().with_context(active_test=False)
        companies = (
            self.env["res.company"].sudo().search([("beneficiary_draft_anonymise_days", ">", 0)])
        )
        done = remaining = 0
        for company in companies:
            domain = Beneficiary._abandoned_draft_domain(company)
            left = batch_size - done
            if left <= 0:
                remaining += Beneficiary.search_count(domain)
                continue
            due = Beneficiary.search(domain, limit=left, order="write_date, id")
            if len(due) == left:
                remaining += Beneficiary.search_count(domain) - len(due)
            if due:
                due.with_company(company)._anonymise_abandoned(
                    company.beneficiary_draft_anonymise_days
                )
                done += len(due)
        return done, remaining

    def _anonymise_abandoned(self, days):
        reason = plural(
            self.env,
            days,
            self.env._(
                "Application abandoned: no change for %(count)s day|"
                "Application abandoned: no change for %(count)s days"
            ),
        )
        requests = self.env["beneficiary.support.request"].search(
            [("beneficiary_id", "in", self.ids), ("state", "in", ("draft", *CLOCK_STATES))]
        )
        requests.write({"state": "cancelled", "cancel_reason": reason})
        with server_context(anonymising=True):
            self._apply_transition("close", reason)
        self._br_anonymise(reason)
