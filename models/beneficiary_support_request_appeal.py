from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import deadline
from ..tools.server_context import server_context, server_value
from .beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequest(models.Model):
    """The appeals of a rejected request (P29): period, count, filing at the counter and
    the outcome of an overturning appeal."""

    _inherit = "beneficiary.support.request"

    appeal_ids = fields.One2many("beneficiary.appeal", "request_id", string="Appeals")
    appeal_count = fields.Integer(compute="_compute_appeal_count")
    appeal_deadline = fields.Date(
        string="Appeal Until",
        compute="_compute_appeal_deadline",
        help="Last day on which the beneficiary may appeal the refusal (P29).",
    )

    def _compute_appeal_count(self):
        counts = dict(
            self.env["beneficiary.appeal"]._read_group(
                [("request_id", "in", self.ids)], ["request_id"], ["__count"]
            )
        )
        for request in self:
            request.appeal_count = counts.get(request, 0)

    @api.depends("decision", "decision_date", "company_id.beneficiary_appeal_days")
    def _compute_appeal_deadline(self):
        for request in self:
            request.appeal_deadline = request._appeal_deadline()

    def _appeal_deadline(self):
        """The decision letter's date plus the association's appeal period, counted as
        the decision clock counts (calendar or working days); ``False`` when the
        request was not refused."""
        self.ensure_one()
        if self.decision != "rejected" or not self.decision_date:
            return False
        letter_day = fields.Datetime.context_timestamp(self, self.decision_date).date()
        company = self.company_id
        return deadline.add_days(
            letter_day, company.beneficiary_appeal_days, company.beneficiary_working_days
        )

    def _appeal_refusal(self, exclude=None):
        """Why this request cannot be appealed today, or ``None`` (P29).

        :param exclude: an appeal not to count as already filed (the one being filed)
        """
        self.ensure_one()
        _ = self.env._
        if self.state != "rejected" or self.decision != "rejected":
            return _("Only a rejected request can be appealed: %(ref)s is not.", ref=self.ref)
        # sudo: the request is readable (or checked by the portal); only whether it has an appeal
        filed = self.sudo().appeal_ids.filtered(
            lambda a: a.state != "withdrawn" and a != (exclude or a.browse())
        )
        if filed:
            return _(
                "The decision on %(ref)s is already appealed (%(appeal)s): an appeal is "
                "decided once.",
                ref=self.ref,
                appeal=filed[0].ref,
            )
        until = self._appeal_deadline()
        if until and fields.Date.context_today(self) > until:
            return _(
                "The period to appeal the decision on %(ref)s ended on %(date)s: appeals are "
                "accepted within %(days)s days of the decision letter.",
                ref=self.ref,
                date=self._dual_date(until),
                days=self.company_id.beneficiary_appeal_days,
            )
        return None

    def _portal_can_appeal(self):
        self.ensure_one()
        return not self._appeal_refusal()

    def _portal_appeals(self):
        """The request's appeals shown to the beneficiary, newest first."""
        self.ensure_one()
        # sudo: the controller's _document_check_access on the request; its own appeals
        return self.sudo().appeal_ids.sorted("id", reverse=True)

    def _last_appeal(self):
        """The latest decided appeal: what the appeal messages speak of."""
        self.ensure_one()
        # sudo: the request is readable; its own latest decided appeal for the messages
        return self.sudo().appeal_ids.filtered(lambda a: a.state in ("upheld", "overturned"))[:1]

    # ------------------------------------------------------------------ actions
    def action_file_appeal(self):
        """Counter: an officer files the beneficiary's appeal from the request."""
        self.ensure_one()
        problem = self._appeal_refusal()
        if problem:
            raise UserError(problem)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("File an Appeal"),
            "res_model": "beneficiary.appeal",
            "view_mode": "form",
            "target": "current",
            "context": {"default_request_id": self.id},
        }

    def action_view_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_appeal_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id}
        return action

    @workflow_action
    def _apply_appeal_overturn(self, appeal):
        """An appeal overturned the refusal: the request is approved (see
        ``beneficiary.appeal._decide``), the eligibility override recorded if needed."""
        self.ensure_one()
        if not self.eligibility_ok:
            self.write(
                {
                    "override_reason": self.env._(
                        "Approved on appeal %(ref)s: %(reasons)s",
                        ref=appeal.ref,
                        reasons=appeal.outcome_reason,
                    )
                }
            )
        with server_context(appeal_overturn=True):
            self._apply_decision("approved")

    def _notify_beneficiary(self, event):
        # An overturning appeal tells the beneficiary with its own message.
        if event == "approved" and server_value("appeal_overturn"):
            return
        return super()._notify_beneficiary(event)
