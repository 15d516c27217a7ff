from odoo import fields, models


class BeneficiaryDeclaration(models.Model):
    """The channel of a signature as the association names it (P2, P31); like the rest of
    the evidence it is never set by hand (it follows ``channel_id``)."""

    _name = "beneficiary.declaration"
    _inherit = ["beneficiary.declaration", "beneficiary.intake.channel.mixin"]

    intake_channel_id = fields.Many2one(readonly=True)
    channel_id = fields.Many2one(string="CRM Medium")

    def _intake_channel_company(self):
        return self.beneficiary_id.company_id

    def _intake_channel_depends(self):
        return ("channel_id", "beneficiary_id.company_id")

    def _inverse_intake_channel_id(self):
        """Evidence: the channel follows the medium it was signed through, never the
        other way round."""
