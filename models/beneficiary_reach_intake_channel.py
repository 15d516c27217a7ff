from odoo import api, fields, models


class BeneficiaryReach(models.Model):
    """The reach's channel as the association names it, in the reader's language (P2,
    P31); the CRM medium follows it when it has one."""

    _name = "beneficiary.reach"
    _inherit = ["beneficiary.reach", "beneficiary.intake.channel.mixin"]

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
    # A channel of the association's own may have no CRM medium.
    channel_id = fields.Many2one(string="CRM Medium", required=False)

    @api.depends("channel_id", "company_id")
    def _compute_intake_channel_id(self):
        self._set_intake_channel_from_medium()

    def _inverse_intake_channel_id(self):
        self._set_medium_from_intake_channel()
