from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiarySupportRequestDone(models.TransientModel):
    """Mark requests as delivered with the outcome of their service (P38)."""

    _name = "beneficiary.support.request.done"
    _description = "Service Delivered"

    request_ids = fields.Many2many(
        "beneficiary.support.request", "beneficiary_request_done_rel", required=True
    )
    service_id = fields.Many2one("beneficiary.service", compute="_compute_service_id")
    outcome_id = fields.Many2one(
        "beneficiary.service.outcome",
        domain="[('service_id', '=', service_id)]",
        help="What became of the beneficiary after the service (P38).",
    )
    note = fields.Text(string="Delivery Note", help="What was delivered, where and how.")

    @api.depends("request_ids")
    def _compute_service_id(self):
        for wizard in self:
            services = wizard.request_ids.service_id
            wizard.service_id = services if len(services) == 1 else False

    def action_confirm(self):
        self.ensure_one()
        if len(self.request_ids.service_id) > 1:
            raise UserError(
                self.env._(
                    "The requests are of different services: mark each service's requests "
                    "as delivered separately, with its own outcome."
                )
            )
        self.request_ids._deliver_with_outcome(self.outcome_id, self.note)
        return {"type": "ir.actions.act_window_close"}
