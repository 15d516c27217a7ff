from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import beneficiary_beneficiary as file_model

OFFICER = "beneficiary_relations.group_beneficiary_officer"
GUARDIAN_PROOF_CODE = "guardianship_proof"
# Under this age a person does not consent for themselves (P32).
MAJORITY_AGE = 18
GUARDIAN_RELATIONS = [
    ("father", "Father"),
    ("mother", "Mother"),
    ("guardian", "Legal Guardian"),
    ("agent", "Legal Representative / Agent"),
    ("relative", "Other Relative in Charge"),
]


class BeneficiaryBeneficiary(models.Model):
    """The guardian or legal representative of a person who cannot act alone (P32).

    Recorded with the relation and its proof (a "guardianship proof" document of the file,
    or an attached file), the guardian signs the declaration and consent, receives the
    messages when the file says so, and uses the portal for the person: the guardian's
    contact is an access-granting field (an officer records a first guardian with its
    proof; only a manager replaces or removes one), every change logged in the chatter.
    """

    _inherit = "beneficiary.beneficiary"
    _access_fields = {
        **file_model.BeneficiaryBeneficiary._access_fields,
        "guardian_partner_id": file_model.MANAGER,
    }

    guardian_partner_id = fields.Many2one(
        "res.partner",
        string="Guardian / Legal Representative",
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        help="Signs the declaration and consent for the person, may receive the messages and "
        "follow the file and its requests on the portal (P32).",
    )
    guardian_relation = fields.Selection(
        GUARDIAN_RELATIONS, string="Relation to the Beneficiary", tracking=True
    )
    guardian_proof_document_id = fields.Many2one(
        "beneficiary.document",
        string="Proof of Guardianship",
        tracking=True,
        domain="[('beneficiary_id', '=', id), ('document_type_id.code', '=', 'guardianship_proof')]",
        help="The file's document proving the relation (guardianship deed, power of attorney, "
        "family record).",
    )
    guardian_proof_file = fields.Binary(string="Proof File", attachment=True, copy=False)
    guardian_proof_file_name = fields.Char(copy=False)
    guardian_receives_messages = fields.Boolean(
        string="Messages Go to the Guardian",
        tracking=True,
        help="Mails and SMS about the requests are sent to the guardian's email and mobile "
        "instead of the person's.",
    )
    guardian_has_proof = fields.Boolean(compute="_compute_guardian_has_proof")
    is_minor = fields.Boolean(string="Minor", compute="_compute_is_minor")

    @api.depends("guardian_partner_id", "guardian_proof_document_id.state", "guardian_proof_file")
    def _compute_guardian_has_proof(self):
        for beneficiary in self:
            document = beneficiary.guardian_proof_document_id
            beneficiary.guardian_has_proof = bool(
                beneficiary.guardian_partner_id
                and (
                    # sudo: only the state of the file's own proof document, never its content
                    (document and document.sudo().state != "rejected")
                    or beneficiary.guardian_proof_file
                )
            )

    @api.depends("birth_date")
    def _compute_is_minor(self):
        for beneficiary in self:
            beneficiary.is_minor = beneficiary._is_minor_on(fields.Date.context_today(self))

    def _is_minor_on(self, day):
        self.ensure_one()
        birth = self.birth_date
        return bool(birth and relativedelta(day, birth).years < MAJORITY_AGE)

    @api.constrains(
        "guardian_partner_id",
        "guardian_relation",
        "guardian_proof_document_id",
        "guardian_proof_file",
        "guardian_receives_messages",
    )
    def _check_guardian(self):
        _ = self.env._
        for beneficiary in self:
            guardian = beneficiary.guardian_partner_id
            if not guardian:
                if beneficiary.guardian_receives_messages:
                    raise ValidationError(
                        _("Record the guardian before sending them the messages.")
                    )
                continue
            if guardian == beneficiary.partner_id:
                raise ValidationError(_("A person is not their own guardian."))
            if not beneficiary.guardian_relation:
                raise ValidationError(_("Give the guardian's relation to the beneficiary."))
            # sudo: constraint: the proof must be a document of this same file, which is checked
            # here
            document = beneficiary.guardian_proof_document_id.sudo()
            if document and (
                document.beneficiary_id != beneficiary
                or document.document_type_id.code != GUARDIAN_PROOF_CODE
            ):
                raise ValidationError(
                    _("The proof of guardianship is a guardianship proof document of this file.")
                )
            if not (document or beneficiary.guardian_proof_file):
                raise ValidationError(
                    _(
                        "A guardian is recorded with the proof of the relation: choose the "
                        "file's guardianship proof document or attach the proof."
                    )
                )

    def _access_field_allowed(self, name, vals, creating):
        """An officer records a first guardian (the proof is required by the constraint);
        replacing or removing a recorded guardian is a manager's decision (P32)."""
        if super()._access_field_allowed(name, vals, creating):
            return True
        if name != "guardian_partner_id" or not self.env.user.has_group(OFFICER):
            return False
        if not vals.get(name):
            return False
        # sudo: only whether the files already have a guardian (officer may record the first one)
        return creating or not any(self.sudo().mapped("guardian_partner_id"))

    # ------------------------------------------------------------------ helpers
    def _message_recipient(self):
        """Who is written to about this file: the guardian when the file says so (P32)."""
        self.ensure_one()
        if self.guardian_receives_messages and self.guardian_partner_id:
            return self.guardian_partner_id
        return self.partner_id

    def _check_guardian_can_sign(self):
        """Raise unless a guardian is recorded with the proof of the relation (P32)."""
        self.ensure_one()
        if not (self.guardian_partner_id and self.guardian_has_proof):
            raise UserError(
                self.env._(
                    "No guardian is recorded with proof for %(name)s: record the guardian, "
                    "their relation and the proof on the file's Guardian tab first.",
                    name=self.name,
                )
            )

    @api.model
    def _guardian_files_domain(self, partner):
        """Files the contact ``partner`` may follow on the portal as their guardian."""
        return [("guardian_partner_id", "=", partner.id)]
