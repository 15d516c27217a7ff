from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.beneficiary_declaration_intake_channel import CHOSEN_CHANNEL
from ..models.beneficiary_workflow_fields import workflow_action
from ..tools.server_context import server_context


class BeneficiaryBeneficiarySign(models.TransientModel):
    """Record the applicant's declaration (P9) and consent (P12) with the current texts."""

    _name = "beneficiary.beneficiary.sign"
    _inherit = ["beneficiary.intake.channel.mixin"]
    _description = "Record Declaration and Consent"

    beneficiary_id = fields.Many2one("beneficiary.beneficiary", required=True)
    company_id = fields.Many2one(related="beneficiary_id.company_id")
    policy_id = fields.Many2one("beneficiary.policy", compute="_compute_texts")
    declaration_text = fields.Html(compute="_compute_texts")
    consent_text = fields.Html(compute="_compute_texts")
    version = fields.Char(compute="_compute_texts")
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
        string="CRM Medium",
        required=True,
        default=lambda self: self.env.ref(
            "beneficiary_relations.utm_medium_interview", raise_if_not_found=False
        ),
    )
    # P2, P31: the channel as the association names it, in the user's language; the CRM
    # medium (shared, untranslatable) follows it.
    intake_channel_id = fields.Many2one(
        "beneficiary.intake.channel",
        string="Channel",
        check_company=True,
        compute="_compute_intake_channel_id",
        inverse="_inverse_intake_channel_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    signature = fields.Image()

    @api.depends("company_id")
    def _compute_texts(self):
        """The texts of the policy version in force (P27), else the company's settings."""
        for wizard in self:
            terms = self.env["beneficiary.declaration"]._terms_in_force(
                wizard.company_id or self.env.company
            )
            wizard.policy_id = terms["policy"]
            wizard.declaration_text = terms["declaration"]
            wizard.consent_text = terms["consent"]
            wizard.version = terms["version"]

    guardian_partner_id = fields.Many2one(related="beneficiary_id.guardian_partner_id")

    @api.depends("channel_id", "company_id")
    def _compute_intake_channel_id(self):
        self._set_intake_channel_from_medium()

    def _inverse_intake_channel_id(self):
        self._set_medium_from_intake_channel()

    @api.onchange("intake_channel_id")
    def _onchange_intake_channel_id(self):
        self._set_medium_from_intake_channel()

    @api.model
    def default_get(self, fields_list):
        """A file with a recorded guardian is signed by the guardian by default (P32)."""
        values = super().default_get(fields_list)
        beneficiary = self.env["beneficiary.beneficiary"].browse(values.get("beneficiary_id"))
        if (
            beneficiary.exists()
            and beneficiary.guardian_partner_id
            and "signer_relation" in fields_list
        ):
            values["signer_relation"] = (
                "agent" if beneficiary.guardian_relation == "agent" else "guardian"
            )
        return values

    @api.onchange("beneficiary_id", "signer_relation")
    def _onchange_signer(self):
        if not self.beneficiary_id:
            return
        if self.signer_relation == "self":
            self.signer_name = self.beneficiary_id.name
        elif self.beneficiary_id.guardian_partner_id:
            self.signer_name = self.beneficiary_id.guardian_partner_id.name

    def _check_signer(self):
        """P32: a guardian or agent signs only once recorded on the file with the proof,
        under their recorded name; a minor does not sign for themselves."""
        beneficiary = self.beneficiary_id
        if self.signer_relation == "self":
            if beneficiary.is_minor:
                raise UserError(
                    self.env._(
                        "%(name)s is under 18: their guardian signs the declaration and "
                        "consent. Record the guardian with the proof on the file, then choose "
                        "Guardian as the signer.",
                        name=beneficiary.name,
                    )
                )
            return
        beneficiary._check_guardian_can_sign()
        self.signer_name = beneficiary.guardian_partner_id.name

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        if not (self.accept_declaration or self.accept_consent):
            raise UserError(self.env._("Tick the declaration, the consent, or both."))
        self._check_signer()
        kinds = [
            kind
            for kind, accepted in (
                ("declaration", self.accept_declaration),
                ("consent", self.accept_consent),
            )
            if accepted
        ]
        # The texts the signer was shown on this wizard.
        terms = {
            "policy": self.policy_id,
            "declaration": self.declaration_text,
            "consent": self.consent_text,
            "version": self.version,
        }
        # P2, P31: the declarations keep the channel picked here, not only its medium.
        with server_context(**{CHOSEN_CHANNEL: self.intake_channel_id.id}):
            self.env["beneficiary.declaration"]._sign(
                self.beneficiary_id,
                terms,
                kinds,
                self.signer_name,
                self.signer_relation,
                self.channel_id,
                signature=self.signature,
            )
        return {"type": "ir.actions.act_window_close"}
