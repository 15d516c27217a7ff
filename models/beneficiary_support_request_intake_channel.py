from odoo import fields, models


class BeneficiarySupportRequest(models.Model):
    """The request's intake channel as the association names it (P2, P31)."""

    _name = "beneficiary.support.request"
    _inherit = ["beneficiary.support.request", "beneficiary.intake.channel.mixin"]

    channel_id = fields.Many2one(string="CRM Medium")
