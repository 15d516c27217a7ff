from odoo import fields, models


class BeneficiarySuggestion(models.Model):
    """The suggestion's channel as the association names it (P2, P31)."""

    _name = "beneficiary.suggestion"
    _inherit = ["beneficiary.suggestion", "beneficiary.intake.channel.mixin"]

    intake_channel_id = fields.Many2one(string="Channel")
    channel_id = fields.Many2one(string="CRM Medium")
