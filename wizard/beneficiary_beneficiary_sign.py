from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiaryBeneficiarySign(models.TransientModel):
    """Record the applicant's declaration (P9) and consent (P12) with the current texts."""

    _name = "beneficiary.beneficiary.sign"
    _description = "Record Declaration and Consent"

    beneficiary_id = fields.Many2one("beneficiary.beneficiary", required=True)
    company_id = fields.Many2one(related="beneficiary_id.company_id")
    declaration_text = fields.Html(related="company_id.beneficiary_declaration_text")
    consent_text = fields.Html(related="company_id.beneficiary_consent_text")
    version = fields.Char(related="company_id.beneficiary_terms_version")
    accept_declaration = fields.Boolean(string="The applicant signs the declaration")
    accept_consent = fields.Boolean(string="The applicant gives consent")
    signer_name = fields.Char(string="Signed By", required=True)
    signer_relation = fields.Selection(
        [("self", "The Beneficiary"), ("guardian", "Guardian"), ("agent", "Authorised Agent")],
        default="self",
        required=True,
    )
    channel_id = fields.Many2one(
        "utm.medium",
        required=True,
        default=lambda self: self.env.ref(
            "beneficiary_relations.utm_medium_interview", raise_if_not_found=False
        ),
    )
    signature = fields.Image()

    @api.onchange("beneficiary_id", "signer_relation")
    def _onchange_signer(self):
        if self.signer_relation == "self" and self.beneficiary_id:
            self.signer_name = self.beneficiary_id.name

    def action_confirm(self):
        self.ensure_one()
        if not (self.accept_declaration or self.accept_consent):
            raise UserError(self.env._("Tick the declaration, the consent, or both."))
        common = {
            "beneficiary_id": self.beneficiary_id.id,
            "signer_name": self.signer_name,
            "signer_relation": self.signer_relation,
            "channel_id": self.channel_id.id,
            "version": self.version or "1.0",
            "signature": self.signature,
        }
        vals_list = []
        if self.accept_declaration:
            vals_list.append(dict(common, kind="declaration", text=self.declaration_text))
        if self.accept_consent:
            vals_list.append(dict(common, kind="consent", text=self.consent_text))
        self.env["beneficiary.declaration"].create(vals_list)
        return {"type": "ir.actions.act_window_close"}
