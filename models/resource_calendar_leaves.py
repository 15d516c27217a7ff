from odoo import api, models

from .beneficiary_support_request import CLOCK_STATES


class ResourceCalendarLeaves(models.Model):
    """A public holiday added, moved or removed moves the working-day deadlines of the
    requests still waiting for their decision (P10); decided requests keep theirs."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._beneficiary_recompute_deadlines()
        return leaves

    def write(self, vals):
        before = self._beneficiary_open_requests()
        res = super().write(vals)
        self._beneficiary_recompute_deadlines(before)
        return res

    def unlink(self):
        # Recomputed once the holiday is gone (unlink flushes before deleting).
        before = self._beneficiary_open_requests()
        res = super().unlink()
        self._beneficiary_recompute_deadlines(before, deleted=True)
        return res

    def _beneficiary_recompute_deadlines(self, requests=None, deleted=False):
        if not deleted:
            requests = (requests or self.env["beneficiary.support.request"]) | (
                self._beneficiary_open_requests()
            )
        if not requests:
            return
        # sudo: only deadlines recomputed from the holidays; nothing is returned
        Request = self.env["beneficiary.support.request"].sudo()
        Pause = self.env["beneficiary.support.request.pause"]
        # sudo: only deadlines recomputed from the holidays; nothing is returned
        self.env.add_to_compute(Pause._fields["days"], requests.sudo().pause_ids)
        for name in ("decision_deadline", "clock_paused", "paused_days", "is_overdue"):
            # sudo: only deadlines recomputed from the holidays; nothing is returned
            self.env.add_to_compute(Request._fields[name], requests.sudo())

    def _beneficiary_open_requests(self):
        """Requests still waiting for a decision in the associations counting working days
        with these public holidays (global leaves)."""
        # sudo: only open requests of companies using these holidays, to recompute
        Request = self.env["beneficiary.support.request"].sudo()
        # sudo: only whether these leaves are public holidays
        holidays = self.sudo().filtered(lambda leave: not leave.resource_id)
        if not holidays:
            return Request
        # sudo: only the companies whose calendar holds these holidays
        Company = self.env["res.company"].sudo()
        companies = Company.browse()
        for leave in holidays:
            if leave.calendar_id:
                companies |= Company.search([("resource_calendar_id", "=", leave.calendar_id.id)])
            else:
                companies |= leave.company_id or Company.search([])
        companies = companies.filtered("beneficiary_working_days")
        if not companies:
            return Request
        return Request.search(
            [
                ("company_id", "in", companies.ids),
                ("state", "in", CLOCK_STATES),
                ("submit_date", "!=", False),
            ]
        )
