from odoo import api, fields, models
from odoo.exceptions import UserError

from .beneficiary_service_outcome import DELIVERY_PLACES
from .beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequest(models.Model):
    """Branch of the intake (P34), place of delivery and the person's accessibility needs
    (P37), and the outcome recorded when the service is delivered (P38)."""

    _inherit = "beneficiary.support.request"

    branch_id = fields.Many2one(
        "beneficiary.branch",
        compute="_compute_branch_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The branch office that received the request (P34): the file's branch by default.",
    )
    delivery_place = fields.Selection(
        DELIVERY_PLACES,
        compute="_compute_delivery_place",
        store=True,
        readonly=False,
        tracking=True,
        help="Where the service is delivered (P37): the service's place by default.",
    )
    accessibility_need_ids = fields.Many2many(
        related="beneficiary_id.accessibility_need_ids", string="Accessibility Needs"
    )
    accessibility_note = fields.Text(related="beneficiary_id.accessibility_note")
    # P38: chosen when the service is marked as delivered (beneficiary.support.request.done).
    outcome_id = fields.Many2one(
        "beneficiary.service.outcome",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        check_company=True,
    )
    outcome_positive = fields.Boolean(related="outcome_id.is_positive", string="Goal Reached")

    @api.depends("beneficiary_id")
    def _compute_branch_id(self):
        Branch = self.env["beneficiary.branch"]
        for request in self:
            request.branch_id = (
                request.beneficiary_id.branch_id
                or request.branch_id
                or Branch._default_for_user(request.company_id or self.env.company)
            )

    @api.depends("service_id")
    def _compute_delivery_place(self):
        for request in self:
            request.delivery_place = request.service_id.delivery_place or "centre"

    # ------------------------------------------------------------------ delivery
    @workflow_action
    def action_done(self):
        """P38: a service with outcomes is marked as delivered with its outcome: the
        button opens the dialog asking for it."""
        self._check_state(("in_service",), self.env._("marked as delivered"))
        if self.filtered(lambda r: r.service_id.outcome_ids and not r.outcome_id):
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Service Delivered"),
                "res_model": "beneficiary.support.request.done",
                "view_mode": "form",
                "target": "new",
                "context": {"default_request_ids": self.ids},
            }
        self._check_outcome()
        return super().action_done()

    def _check_outcome(self):
        for request in self:
            outcomes = request.service_id.outcome_ids
            if outcomes and request.outcome_id not in outcomes:
                raise UserError(
                    self.env._(
                        "%(ref)s: choose the outcome of the service among those of %(service)s.",
                        ref=request.ref,
                        service=request.service_id.display_name,
                    )
                )

    @workflow_action
    def _deliver_with_outcome(self, outcome, note=False):
        """Record the outcome (P38) and mark the requests as delivered."""
        self._check_state(("in_service",), self.env._("marked as delivered"))
        if not outcome:
            raise UserError(self.env._("Choose the outcome of the service."))
        vals = {"outcome_id": outcome.id}
        if note:
            vals["delivery_note"] = note
        self.write(vals)
        self._check_outcome()
        return self.action_done()
