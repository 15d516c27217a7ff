from odoo import api, fields, models


class BeneficiaryDeclaration(models.Model):
    """The channel of a signature as the association names it (P2, P31); like the rest of
    the evidence it is never set by hand (it follows ``channel_id``)."""

    _name = "beneficiary.declaration"
    _inherit = ["beneficiary.declaration", "beneficiary.intake.channel.mixin"]

    intake_channel_id = fields.Many2one(
        "beneficiary.intake.channel",
        string="Channel",
        index=True,
        check_company=True,
        compute="_compute_intake_channel_id",
        store=True,
        precompute=True,
    )
    channel_id = fields.Many2one(string="CRM Medium")

    def _intake_channel_company(self):
        return self.beneficiary_id.company_id

    @api.depends("channel_id", "beneficiary_id.company_id")
    def _compute_intake_channel_id(self):
        self._set_intake_channel_from_medium()
