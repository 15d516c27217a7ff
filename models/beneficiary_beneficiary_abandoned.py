from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..tools.batch import Queue
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
    def _anonymise_queues(self):
        """Abandoned drafts first, association by association, then the closed files past
        their retention period: ``batch_size`` files in all per call."""
        # sudo: scheduled job (private method); only drafts past their company's period
        Beneficiary = self.sudo().with_context(active_test=False)
        companies = (
            # sudo: scheduled job (private method); reads each company's period setting
            self.env["res.company"].sudo().search([("beneficiary_draft_anonymise_days", ">", 0)])
        )
        drafts = [
            Queue(
                Beneficiary,
                Beneficiary._abandoned_draft_domain(company),
                "write_date, id",
                lambda due, company=company: due.with_company(company)._anonymise_abandoned(
                    company.beneficiary_draft_anonymise_days
                ),
            )
            for company in companies
        ]
        return drafts + super()._anonymise_queues()

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
