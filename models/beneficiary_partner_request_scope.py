from odoo import api, models
from odoo.exceptions import AccessError


class BeneficiaryPartnerRequest(models.Model):
    """Documents of a partner request are the files uploaded to it (threat model,
    principle 4): another record's attachment, linked by its id, would be shown and
    streamed as this request's."""

    _inherit = "beneficiary.partner.request"

    @api.constrains("attachment_ids")
    def _check_attachments_uploaded_here(self):
        if self.env.su:
            return
        for request in self:
            # sudo: only the request's own attachments are read, to refuse those of other records
            foreign = request.attachment_ids.sudo().filtered(
                lambda a, request=request: (
                    a.res_model != request._name or a.res_id not in (0, request.id) or a.res_field
                )
            )
            if foreign:
                raise AccessError(
                    self.env._(
                        "Only files uploaded to this request can be its documents: %(names)s.",
                        names=", ".join(foreign.mapped("name")),
                    )
                )
