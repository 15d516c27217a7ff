from odoo import api, fields, models

from ..tools import deadline


class BeneficiarySupportRequestPause(models.Model):
    """A period when the decision clock stood still, waiting for the beneficiary (P10)."""

    _name = "beneficiary.support.request.pause"
    _description = "Decision Clock Pause"
    _order = "start_date desc, id desc"

    request_id = fields.Many2one(
        "beneficiary.support.request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    start_date = fields.Date(required=True, default=fields.Date.context_today)
    end_date = fields.Date()
    reason = fields.Char(required=True)
    user_id = fields.Many2one("res.users", string="Paused By", default=lambda self: self.env.user)
    days = fields.Integer(
        string="Days Added",
        compute="_compute_days",
        store=True,
        help="Days added to the decision deadline (working days if the association counts them).",
    )

    @api.depends(
        "start_date",
        "end_date",
        "company_id.beneficiary_working_days",
        "company_id.resource_calendar_id",
    )
    def _compute_days(self):
        calendars = {}
        for pause in self:
            calendar = deadline.for_company(pause.company_id, calendars)
            pause.days = calendar.count_days(pause.start_date, pause.end_date)
