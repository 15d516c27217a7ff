from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.server_context import server_value
from .beneficiary_workflow_fields import is_trusted, workflow_action


class BeneficiaryDeclaration(models.Model):
    """The applicant's signed declaration (P9) or consent (P12), as it was accepted.

    One record per acceptance keeps the evidence: who signed, when, through which channel
    and the exact text version. Records are never changed afterwards.
    """

    _name = "beneficiary.declaration"
    _description = "Declaration and Consent"
    _inherit = ["beneficiary.workflow.fields"]
    _unlink_draft_states = ()
    # Every field is evidence of what was accepted, by whom, when and how.
    _workflow_extra_fields = (
        "kind",
        "date",
        "signer_name",
        "signer_relation",
        "channel_id",
        "version",
        "text",
        "signature",
    )
    _order = "date desc, id desc"
    _rec_name = "kind"

    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("declaration", "Declaration of Correct Data"),
            ("consent", "Consent to the Service Terms"),
        ],
        required=True,
        index=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    signer_name = fields.Char(string="Signed By", required=True)
    signer_relation = fields.Selection(
        [("self", "The Beneficiary"), ("guardian", "Guardian"), ("agent", "Authorised Agent")],
        default="self",
        required=True,
    )
    channel_id = fields.Many2one("utm.medium", required=True)
    version = fields.Char(string="Text Version", required=True)
    policy_id = fields.Many2one(
        "beneficiary.policy", string="Policy Version", index="btree_not_null", readonly=True
    )
    text = fields.Html(string="Accepted Text", sanitize=True, required=True)
    signature = fields.Image(max_width=1024, max_height=1024)
    recorded_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    # Evidence of an online acceptance: where from and with which browser (P9).
    ip_address = fields.Char(string="IP Address", readonly=True, groups="base.group_user")
    user_agent = fields.Char(string="Browser", readonly=True, groups="base.group_user")

    @api.model_create_multi
    def create(self, vals_list):
        if not is_trusted(self.env):
            raise AccessError(
                self.env._(
                    "A declaration or consent is recorded only through the signature "
                    "wizard or the online application, which keep its evidence."
                )
            )
        records = super().create(vals_list)
        for record in records:
            record.beneficiary_id.message_post(
                body=self.env._(
                    "%(kind)s signed by %(name)s through %(channel)s (text version %(version)s).",
                    kind=dict(self._fields["kind"]._description_selection(self.env))[record.kind],
                    name=record.signer_name,
                    channel=(record.intake_channel_id or record.channel_id).name,
                    version=record.version,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return records

    # ------------------------------------------------------------------ signing
    @api.model
    def _terms_in_force(self, company):
        """The declaration (P9) and consent (P12) texts in force for ``company``: those of
        the policy version in force (P27), else the association's settings.

        :return: ``{'policy', 'declaration', 'consent', 'version'}``
        """
        policy = self.env["beneficiary.policy"]._get_active(company)
        # sudo: only the declaration and consent texts of the association, shown to every signer
        company = company.sudo()
        return {
            "policy": policy,
            "declaration": policy.declaration_text or company.beneficiary_declaration_text,
            "consent": policy.consent_text or company.beneficiary_consent_text,
            "version": policy.version or company.beneficiary_terms_version or "1.0",
        }

    @api.model
    @workflow_action
    def _sign(self, beneficiary, terms, kinds, signer_name, signer_relation, channel, **evidence):
        """Record what ``signer_name`` accepted for ``beneficiary``: the one way a
        declaration or consent is made, from the signature wizard and online.

        :param terms: what ``_terms_in_force`` gave when the texts were shown
        :param kinds: ``("declaration", "consent")`` or either
        :param channel: the ``utm.medium`` it was signed through
        :param evidence: ``signature``, ``ip_address``, ``user_agent``
        """
        common = {
            "beneficiary_id": beneficiary.id,
            "signer_name": signer_name,
            "signer_relation": signer_relation,
            "channel_id": channel.id,
            "version": terms["version"] or "1.0",
            "policy_id": terms["policy"].id,
            **{name: value or False for name, value in evidence.items()},
        }
        return self.create([dict(common, kind=kind, text=terms[kind]) for kind in kinds])

    def write(self, vals):
        # Evidence is immutable, except for being re-linked by a merge or anonymised.
        allowed = {"beneficiary_id"}
        if server_value("anonymising"):
            allowed |= {"signer_name", "signature", "ip_address", "user_agent"}
        if set(vals) - allowed:
            raise AccessError(self.env._("A signed declaration or consent cannot be changed."))
        return super().write(vals)
