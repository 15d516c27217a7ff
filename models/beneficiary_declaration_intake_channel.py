from odoo import api, fields, models

from ..tools.server_context import server_value

# Server flag (never a context key): the channel picked in the signature wizard.
CHOSEN_CHANNEL = "declaration_intake_channel_id"


class BeneficiaryDeclaration(models.Model):
    """The channel of a signature as the association names it (P2, P31); like the rest of
    the evidence it is never set by hand (it follows ``channel_id``)."""

    _name = "beneficiary.declaration"
    _inherit = ["beneficiary.declaration", "beneficiary.intake.channel.mixin"]

    intake_channel_id = fields.Many2one(string="Channel", readonly=True)
    channel_id = fields.Many2one(string="CRM Medium")

    def _intake_channel_company(self):
        return self.beneficiary_id.company_id

    def _intake_channel_depends(self):
        return ("channel_id", "beneficiary_id.company_id")

    @api.depends(lambda self: self._intake_channel_depends())
    def _compute_intake_channel_id(self):
        # The signature wizard records the channel its user picked (the association's
        # own channel may have no CRM medium, or share one with another channel).
        chosen = self.env["beneficiary.intake.channel"].browse(server_value(CHOSEN_CHANNEL))
        new = self.filtered(lambda d: not d.intake_channel_id) if chosen else self.browse()
        for declaration in new:
            declaration.intake_channel_id = chosen
        (self - new)._set_intake_channel_from_medium()

    def _inverse_intake_channel_id(self):
        """Evidence: the channel follows the medium it was signed through, never the
        other way round."""
