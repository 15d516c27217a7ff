from odoo import api, fields, models


class BeneficiaryIntakeChannel(models.Model):
    """A way people reach the association (P2, P31): interview, phone call, website…

    CRM's ``utm.medium`` names are neither translatable nor per association; this list is
    both. Each channel may point to the CRM medium it corresponds to: requests, suggestions
    and declarations keep their ``channel_id`` medium (CRM conversion, reports by medium)
    and show the association's channel matching it.
    """

    _name = "beneficiary.intake.channel"
    _description = "Intake Channel"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in imports and integrations.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the channel between all associations of the database.",
    )
    medium_id = fields.Many2one(
        "utm.medium",
        string="CRM Medium",
        index=True,
        ondelete="restrict",
        help="The medium of the CRM leads and of the reports by medium that this channel "
        "corresponds to. Records received through that medium show this channel.",
    )

    @api.model
    def _match(self, pairs):
        """The channel to show for each ``(medium, company)`` pair, in order: the
        association's own active channel for that medium first, else a shared one, else
        nothing. One search for all the pairs."""
        media = self.env["utm.medium"].union(*(medium for medium, _company in pairs))
        channels = self.search([("medium_id", "in", media.ids)]) if media else self.browse()
        result = []
        for medium, company in pairs:
            candidates = channels.filtered(
                lambda c, m=medium, co=company: (
                    c.medium_id == m and (not c.company_id or c.company_id == co)
                )
            )
            result.append((candidates.filtered("company_id") or candidates)[:1])
        return result


class BeneficiaryIntakeChannelMixin(models.AbstractModel):
    """Shows a record's ``channel_id`` medium as the association's intake channel (P2,
    P31): translatable, per association. A channel picked by hand sets the medium."""

    _name = "beneficiary.intake.channel.mixin"
    _description = "Record Received Through an Intake Channel"

    intake_channel_id = fields.Many2one(
        "beneficiary.intake.channel",
        index=True,
        check_company=True,
        compute="_compute_intake_channel_id",
        inverse="_inverse_intake_channel_id",
        store=True,
        readonly=False,
        precompute=True,
    )

    def _intake_channel_depends(self):
        return ("channel_id", "company_id")

    @api.depends(lambda self: self._intake_channel_depends())
    def _compute_intake_channel_id(self):
        self._set_intake_channel_from_medium()

    def _inverse_intake_channel_id(self):
        self._set_medium_from_intake_channel()

    def _intake_channel_company(self):
        return self.company_id

    def _set_intake_channel_from_medium(self):
        """Match ``intake_channel_id`` to ``channel_id``; a channel already corresponding
        to the medium (picked by hand, perhaps the association's own) is kept."""
        todo = self.filtered(
            lambda r: not r.channel_id or r.intake_channel_id.medium_id != r.channel_id
        )
        pairs = [(record.channel_id, record._intake_channel_company()) for record in todo]
        for record, channel in zip(
            todo, self.env["beneficiary.intake.channel"]._match(pairs), strict=True
        ):
            record.intake_channel_id = channel

    def _set_medium_from_intake_channel(self):
        """A channel picked by hand sets the CRM medium it corresponds to, so that CRM
        conversion and the reports by medium agree with the screens."""
        for record in self:
            medium = record.intake_channel_id.medium_id
            if medium and record.channel_id != medium:
                record.channel_id = medium
