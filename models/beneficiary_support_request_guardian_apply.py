import base64

from markupsafe import Markup

from odoo import api, models
from odoo.tools import email_normalize, html_escape

from ..tools import saudi
from ..tools.server_context import server_context, server_value
from .beneficiary_beneficiary_guardian import GUARDIAN_RELATIONS

# Server flag (never a context key): the online application is sent by a guardian; its
# value is what ``_portal_apply`` needs to record the guardian on the file it creates.
GUARDIAN_APPLY = "portal_guardian_apply"


class BeneficiarySupportRequest(models.Model):
    """A guardian or legal representative applies online for a minor or a person they
    represent (P32): the guardian's own identity, their relation and its proof; the
    guardian signs the declaration and consent, is recorded on the file, receives the
    messages and follows the request on their portal.

    Built on the ordinary online application (``_portal_apply``), whose rules stay: an ID
    number already on file creates nothing (P10), whoever applies.
    """

    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _portal_guardian_proof_type(self):
        return self.env.ref("beneficiary_relations.document_type_guardianship_proof")

    @api.model
    def _portal_guardian_apply_check(self, service, post, uploads, guardian_user=None):
        """The ordinary checks of the person's data (without the refusal of a minor's
        self-consent: the guardian consents), then the guardian's part.

        :param uploads: ``{document type id: (file name, bytes)}``, the proof included
        :param guardian_user: the signed-in user applying as guardian, or ``None``
        :return: ``(values, errors)``; ``values["guardian"]`` holds the guardian's part
        """
        _ = self.env._
        with server_context(**{GUARDIAN_APPLY: True}):
            values, errors = self._portal_apply_check(service, post, uploads)

        def text(name):
            return (post.get(name) or "").strip()

        required = _("This field is required.")
        guardian = {"relation": text("guardian_relation")}
        if guardian["relation"] not in dict(GUARDIAN_RELATIONS):
            errors["guardian_relation"] = _("Choose your relation to the person.")
        number = saudi.normalize_digits(text("guardian_national_id"))
        guardian["national_id"] = number
        if not number:
            errors["guardian_national_id"] = required
        else:
            problem = saudi.national_id_error(number)
            if problem:
                errors["guardian_national_id"] = self.env[
                    "beneficiary.beneficiary"
                ]._national_id_messages()[problem] % {"number": number}
            elif number == values.get("national_id"):
                errors["guardian_national_id"] = _(
                    "This is the person's own ID number: type yours, as their guardian."
                )
        if guardian_user:
            partner = guardian_user.partner_id
            guardian.update(name=partner.name, mobile=partner.mobile, email=partner.email)
        else:
            guardian["name"] = text("guardian_name")
            if len(guardian["name"].split()) < 2:
                errors["guardian_name"] = _("Type your full name, as written on your ID.")
            guardian["mobile"] = saudi.normalize_mobile(text("guardian_mobile"))
            if not guardian["mobile"]:
                errors["guardian_mobile"] = _(
                    "Enter a Saudi mobile number of 10 digits starting with 05, e.g. 0551234567."
                )
            guardian["email"] = email_normalize(text("guardian_email"))
            if text("guardian_email") and not guardian["email"]:
                errors["guardian_email"] = _("Enter a valid email address, e.g. name@example.com.")
        proof_type = self._portal_guardian_proof_type()
        # A guardian already recorded on the person's file applies again without a
        # new proof (the signed-in user is that guardian: nothing is revealed).
        recorded = bool(
            guardian_user
            and values.get("national_id")
            and proof_type.id not in uploads
            and self.env["beneficiary.beneficiary"]
            ._find_by_national_id(values["national_id"], service.company_id)
            .guardian_partner_id
            == guardian_user.partner_id
        )
        proofs = []
        if not recorded:
            proofs, proof_errors = self._portal_check_documents(proof_type, post, uploads)
            errors.update(proof_errors)
        guardian["proof"] = proofs[0] if proofs else None
        values["guardian"] = guardian
        return values, errors

    @api.model
    def _portal_guardian_apply(self, service, values, meta=None, guardian_user=None):
        """Create the application checked by ``_portal_guardian_apply_check`` (run as
        superuser). A signed-in guardian applies as themselves; a visitor's contact is
        created, with a portal account when they gave an email. Applying again for a
        person whose file already records this guardian works as for a returning
        beneficiary; any other ID number on file creates nothing (P10).

        :return: as ``_portal_apply``; ``status`` ``guardian_email_taken`` when a visitor
            types the email of an existing account
        """
        guardian = values["guardian"]
        if not guardian_user and guardian["email"] and self._portal_login_taken(guardian["email"]):
            return {"status": "guardian_email_taken", "new_file": True}
        company = service.company_id
        existing = self.env["beneficiary.beneficiary"]._find_by_national_id(
            values["national_id"], company
        )
        partner = guardian_user.partner_id if guardian_user else None
        represented = bool(existing and partner and existing.guardian_partner_id == partner)
        if not existing:
            partner = partner or self.env["res.partner"].create(
                {
                    "name": guardian["name"],
                    "mobile": guardian["mobile"],
                    "email": guardian["email"] or False,
                    "lang": meta.get("lang") if meta else self.env.lang,
                    "company_id": company.id,
                }
            )
        flag = {"partner_id": partner.id, "guardian": guardian} if partner else {}
        with server_context(**{GUARDIAN_APPLY: flag}):
            result = self._portal_apply(
                service,
                values,
                meta,
                applicant=existing.partner_id if represented else None,
            )
        request = result.get("request")
        if request:
            request._portal_guardian_note(guardian)
            if result["new_file"] and not guardian_user and guardian["email"]:
                result["account"] = request._portal_grant_guardian_account(partner)
        return result

    def _portal_guardian_note(self, guardian):
        """Note in the chatter who applied as guardian, with what they typed."""
        self.ensure_one()
        _ = self.env._
        rows = [
            (_("Guardian"), guardian["name"]),
            (_("Guardian's ID number"), guardian["national_id"]),
            (
                _("Relation"),
                dict(
                    self.env["beneficiary.beneficiary"]
                    ._fields["guardian_relation"]
                    ._description_selection(self.env)
                ).get(guardian["relation"]),
            ),
            (_("Guardian's mobile"), guardian["mobile"] or "-"),
            (_("Guardian's email"), guardian["email"] or "-"),
        ]
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            _(
                "Applied online by a guardian or legal representative, who signed the "
                "declaration and consent: compare their ID and the proof of the relation "
                "before registering the file."
            ),
            Markup("").join(
                Markup("<li><b>%s:</b> %s</li>") % (label, html_escape(value or "-"))
                for label, value in rows
            ),
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _portal_grant_guardian_account(self, partner):
        """Portal account of a guardian who applied without one: the same invitation as
        an applicant's own, on the guardian's contact."""
        self.ensure_one()
        return self._portal_create_account(partner, partner.email)

    # ----------------------------------------------------- hooks of _portal_apply
    @api.model
    def _portal_sign(self, beneficiary, values, signer_name, meta=None):
        """The guardian is recorded on the new file with the proof, then signs (P32)."""
        flag = server_value(GUARDIAN_APPLY)
        if not (flag and flag.get("partner_id")):
            return super()._portal_sign(beneficiary, values, signer_name, meta)
        guardian = flag["guardian"]
        partner = self.env["res.partner"].browse(flag["partner_id"])
        if beneficiary.guardian_partner_id != partner:
            beneficiary._portal_record_guardian(partner, guardian)
        relation = "agent" if guardian["relation"] == "agent" else "guardian"
        return super()._portal_sign(
            beneficiary, values, partner.name, meta, signer_relation=relation
        )

    @api.model
    def _portal_apply_email_taken(self, values):
        """The person's email may be anyone's (often the guardian's own): it opens no
        account, so an account using it refuses nothing."""
        if server_value(GUARDIAN_APPLY) is not None:
            return False
        return super()._portal_apply_email_taken(values)

    def _portal_grant_account(self, values):
        """No account for the represented person: their guardian follows the request."""
        if server_value(GUARDIAN_APPLY) is not None:
            return "none"
        return super()._portal_grant_account(values)


class BeneficiaryBeneficiary(models.Model):
    _inherit = "beneficiary.beneficiary"  # pylint: disable=consider-merging-classes-inherited

    def _portal_record_guardian(self, partner, guardian):
        """Record ``partner`` as the file's guardian with the uploaded proof (pending
        staff's check); the messages go to them (P32). Run as superuser by the online
        application, on the file it has just created."""
        self.ensure_one()
        proof = guardian["proof"]
        document = self.env["beneficiary.document"].create(
            {
                "beneficiary_id": self.id,
                "document_type_id": proof["type"].id,
                "file": base64.b64encode(proof["raw"]),
                "file_name": proof["file_name"],
                "state": "pending",
            }
        )
        self.write(
            {
                "guardian_partner_id": partner.id,
                "guardian_relation": guardian["relation"],
                "guardian_proof_document_id": document.id,
                "guardian_receives_messages": True,
                "preferred_channel": "portal" if partner.email else "sms",
            }
        )
