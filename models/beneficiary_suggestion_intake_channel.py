from odoo import api, fields, models


class BeneficiarySuggestion(models.Model):
    """The suggestion's channel as the association names it (P2, P31)."""

    _name = "beneficiary.suggestion"
    _inherit = ["beneficiary.suggestion", "beneficiary.intake.channel.mixin"]

    intake_channel_id = fields.Many2one(
        "beneficiary.intake.channel",
        string="Channel",
        index=True,
        check_company=True,
        compute="_compute_intake_channel_id",
        inverse="_inverse_intake_channel_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    channel_id = fields.Many2one(string="CRM Medium")

    @api.depends("channel_id", "company_id")
    def _compute_intake_channel_id(self):
        self._set_intake_channel_from_medium()

    def _inverse_intake_channel_id(self):
        self._set_medium_from_intake_channel()
