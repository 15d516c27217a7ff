from odoo import api, fields, models


class CrmLead(models.Model):
    """The lead's intake channel as the association names it (P2, P31).

    ``utm.medium`` names are neither translatable nor per association: the intake screens
    show and group by this channel; the lead's medium follows it (when the channel has one)
    so that CRM's own reports agree, and a converted lead's request keeps it.
    """

    _inherit = "crm.lead"

    beneficiary_intake_channel_id = fields.Many2one(
        "beneficiary.intake.channel",
        string="Intake Channel",
        index="btree_not_null",
        compute="_compute_beneficiary_intake_channel_id",
        inverse="_inverse_beneficiary_intake_channel_id",
        store=True,
        readonly=False,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )

    @api.depends("medium_id", "company_id")
    def _compute_beneficiary_intake_channel_id(self):
        todo = self.filtered(
            lambda lead: (
                not lead.medium_id or lead.beneficiary_intake_channel_id.medium_id != lead.medium_id
            )
        )
        pairs = [(lead.medium_id, lead.company_id or self.env.company) for lead in todo]
        channels = self.env["beneficiary.intake.channel"]._match(pairs)
        for lead, channel in zip(todo, channels, strict=True):
            lead.beneficiary_intake_channel_id = channel

    def _inverse_beneficiary_intake_channel_id(self):
        for lead in self:
            medium = lead.beneficiary_intake_channel_id.medium_id
            if medium and lead.medium_id != medium:
                lead.medium_id = medium
