import re

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.tools import email_normalize, html2plaintext

from ..tools import saudi

# What a beneficiary may correct themselves on the portal: contact data and the
# national address. Everything else is changed by staff, who check it (P6).
PORTAL_CONTACT_FIELDS = ("mobile", "phone", "email")
PORTAL_ADDRESS_FIELDS = (
    "building_number",
    "street",
    "district",
    "city",
    "zip",
    "additional_number",
    "unit_number",
    "short_address",
)
PORTAL_PROFILE_FIELDS = PORTAL_CONTACT_FIELDS + PORTAL_ADDRESS_FIELDS
# Address parts the beneficiary cannot clear (registration needs them, P11).
PORTAL_REQUIRED_ADDRESS = ("building_number", "street", "district", "city", "zip")
PHONE_RE = re.compile(r"^\+?\d{8,15}$")


def _same_value(name, new, old):
    """Phone numbers are the same whatever their spacing."""
    if name in ("mobile", "phone"):
        return re.sub(r"\D", "", new or "") == re.sub(r"\D", "", old or "")
    return (new or "") == (old or "")


class BeneficiaryBeneficiary(models.Model):
    """The beneficiary's own file on the portal: correcting contact data and the address,
    and the copy of the data held about them (PDPL right of access)."""

    _inherit = "beneficiary.beneficiary"

    def _compute_access_url(self):
        for beneficiary in self:
            beneficiary.access_url = "/my/profile"

    # ------------------------------------------------------------ profile form
    def _portal_profile_values(self):
        """Current values of the fields the beneficiary may correct, as strings."""
        self.ensure_one()
        return {name: self[name] or "" for name in PORTAL_PROFILE_FIELDS}

    def _portal_validate_profile(self, data):
        """Check the values typed on the portal, field by field.

        :param dict data: the posted form (other keys are ignored)
        :return: ``(values, errors)``: normalised values of the changed fields, and a
            translated message per field in error
        """
        self.ensure_one()
        _ = self.env._
        errors = {}
        typed = {
            name: (data.get(name) or "").strip() for name in PORTAL_PROFILE_FIELDS if name in data
        }
        clean = dict(typed)
        for name in ("mobile", "phone"):
            if clean.get(name):
                number = saudi.normalize_digits(clean[name]).replace("(", "").replace(")", "")
                if not PHONE_RE.match(number):
                    errors[name] = _("Enter a phone number with digits only, e.g. 0551234567.")
                clean[name] = saudi.normalize_mobile(number) or number
        if "mobile" in typed and "phone" in typed and not (typed["mobile"] or typed["phone"]):
            errors["mobile"] = _("Give at least a mobile or a phone number.")
        if clean.get("email"):
            normalized = email_normalize(clean["email"])
            if not normalized:
                errors["email"] = _("Enter a valid email address, e.g. name@example.com.")
            else:
                clean["email"] = normalized
        for name in ("building_number", "additional_number", "zip", "unit_number"):
            if clean.get(name):
                clean[name] = saudi.normalize_digits(clean[name])
        if clean.get("short_address"):
            clean["short_address"] = saudi.normalize_short_address(clean["short_address"])
        for name, message in saudi.national_address_errors(clean, _).items():
            errors.setdefault(name, message)
        for name in PORTAL_REQUIRED_ADDRESS:
            if name in typed and not typed[name] and self[name]:
                errors[name] = _("This part of the national address cannot be left empty.")
        current = self._portal_profile_values()
        values = {
            name: value or False
            for name, value in clean.items()
            if name not in errors and not _same_value(name, value, current[name])
        }
        return values, errors

    def _portal_update_profile(self, values):
        """Save the corrections (already validated) and keep their trace in the chatter.

        Fields tracked on the file are traced by the tracking; the others (contact data
        stored on the contact) are listed in a note, old value → new value.
        """
        self.ensure_one()
        values = {name: value for name, value in values.items() if name in PORTAL_PROFILE_FIELDS}
        if not values:
            return False
        labels = self.fields_get(list(values), ["string"])
        untracked = [name for name in values if not getattr(self._fields[name], "tracking", None)]
        changes = [
            (labels[name]["string"], self[name] or "—", values[name] or "—") for name in untracked
        ]
        # sudo: the controller passes the user's own file; only PORTAL_PROFILE_FIELDS are written
        self.sudo().write(values)
        body = Markup("<p>%s</p>") % self.env._(
            "The beneficiary corrected their contact data on the portal."
        )
        if changes:
            body += Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s: %s → %s</li>") % (escape(label), escape(old), escape(new))
                for label, old, new in changes
            )
        # sudo: note on the user's own file, authored by the user
        self.sudo().message_post(
            body=body, subtype_xmlid="mail.mt_note", author_id=self.env.user.partner_id.id
        )
        return True

    # ------------------------------------------------------- PDPL right of access
    def _portal_export_note(self):
        return self.env._(
            "This is a copy of the personal data the association holds about you, as "
            "recorded in its beneficiary registry on the date of the export (right of access "
            "under the Saudi Personal Data Protection Law). It contains your identity, contact "
            "data, national address, household, categories, the list of your documents, the "
            "declarations and consents you signed, and your support requests with their "
            "decisions and the messages sent to you. It does not contain the staff's working "
            "assessments (social research reports and notes, internal notes) nor the "
            "confidential health file: ask the association's data protection officer for "
            "them, they will be given to you after review. Of your household members it "
            "shows only what concerns your file (name, relation, birth date), not their ID "
            "numbers or incomes."
        )

    def _portal_export_labels(self):
        """Translated labels of the export's keys, for its printable page."""
        _ = self.env._
        return {
            "name": _("Name"),
            "first_name": _("First name"),
            "father_name": _("Father's name"),
            "grandfather_name": _("Grandfather's name"),
            "family_name": _("Family name"),
            "national_id": _("National ID / Iqama"),
            "id_type": _("ID type"),
            "birth_date": _("Birth date"),
            "birth_date_hijri": _("Birth date (Hijri)"),
            "gender": _("Gender"),
            "nationality": _("Nationality"),
            "marital_status": _("Marital status"),
            "qualification": _("Qualification"),
            "employment_status": _("Employment status"),
            "monthly_income": _("Monthly income"),
            "currency": _("Currency"),
            "mobile": _("Mobile"),
            "phone": _("Phone"),
            "email": _("Email"),
            "preferred_channel": _("Preferred contact channel"),
            "language": _("Language"),
            "building_number": _("Building number"),
            "street": _("Street"),
            "district": _("District"),
            "city": _("City"),
            "zip": _("Postal code"),
            "additional_number": _("Additional number"),
            "unit_number": _("Unit number"),
            "short_address": _("Short address"),
        }

    def _portal_export_data(self):
        """The data held about the beneficiaries of ``self``, readable (PDPL access).

        Read in sudo mode by the caller after checking the files are the user's own;
        only this person's data goes in, in a few queries whatever the history.

        :return: a dict ready for JSON (dates as ISO strings, labels translated)
        """
        env = self.env
        _ = env._

        def label(record, name):
            value = record[name]
            if not value:
                return None
            return dict(record._fields[name]._description_selection(env)).get(value, value)

        def date(value):
            return fields.Date.to_string(value) if value else None

        def datetime(value):
            return fields.Datetime.to_string(value) if value else None

        comment = env.ref("mail.mt_comment")
        requests = self.support_request_ids
        messages = (
            env["mail.message"]
            # sudo: callers checked the files are the user's (or the officer's, check_access); their
            # requests only
            .sudo()
            .search(
                [
                    ("model", "=", "beneficiary.support.request"),
                    ("res_id", "in", requests.ids),
                    ("subtype_id", "=", comment.id),
                    ("is_internal", "=", False),
                    ("message_type", "in", ("comment", "email", "sms")),
                ],
                order="date, id",
            )
        )
        messages_by_request = {}
        for message in messages:
            messages_by_request.setdefault(message.res_id, []).append(
                {
                    "date": datetime(message.date),
                    "from": message.author_id.name or message.email_from or None,
                    "subject": message.subject or None,
                    "text": html2plaintext(message.body or "").strip(),
                }
            )
        files = []
        for beneficiary in self:
            files.append(
                {
                    "file_number": beneficiary.ref,
                    "association": beneficiary.company_id.name,
                    "file_status": label(beneficiary, "state"),
                    "file_status_reason": beneficiary.status_reason or None,
                    "kind": label(beneficiary, "kind"),
                    "identity": {
                        "name": beneficiary.name,
                        "first_name": beneficiary.first_name or None,
                        "father_name": beneficiary.father_name or None,
                        "grandfather_name": beneficiary.grandfather_name or None,
                        "family_name": beneficiary.family_name or None,
                        "national_id": beneficiary.national_id or None,
                        "id_type": label(beneficiary, "id_type"),
                        "birth_date": date(beneficiary.birth_date),
                        "birth_date_hijri": beneficiary.birth_date_hijri or None,
                        "gender": label(beneficiary, "gender"),
                        "nationality": beneficiary.nationality_id.name or None,
                        "marital_status": label(beneficiary, "marital_status"),
                        "qualification": beneficiary.education_level_id.name or None,
                        "employment_status": beneficiary.employment_status_id.name or None,
                        "monthly_income": beneficiary.monthly_income,
                        "currency": beneficiary.currency_id.name,
                    },
                    "contact": {
                        "mobile": beneficiary.mobile or None,
                        "phone": beneficiary.phone or None,
                        "email": beneficiary.email or None,
                        "preferred_channel": label(beneficiary, "preferred_channel"),
                        "language": beneficiary.lang or None,
                    },
                    "national_address": {
                        name: beneficiary[name] or None for name in PORTAL_ADDRESS_FIELDS
                    },
                    "household": {
                        "size": beneficiary.household_size,
                        "household_income": beneficiary.household_income,
                        "members": [
                            {
                                "name": member.name,
                                "relation": label(member, "relation"),
                                "birth_date": date(member.birth_date),
                                "dependent": member.is_dependent,
                            }
                            for member in beneficiary.family_member_ids
                        ],
                    },
                    "categories": beneficiary.category_ids.mapped("name"),
                    "registration_date": date(beneficiary.registration_date),
                    "last_review_date": date(beneficiary.last_review_date),
                    "next_review_date": date(beneficiary.next_review_date),
                    "documents": [
                        {
                            "document": document.document_type_id.name,
                            "file_name": document.file_name or None,
                            "number": document.number or None,
                            "issue_date": date(document.issue_date),
                            "expiry_date": date(document.expiry_date),
                            "status": label(document, "state"),
                            "rejection_reason": document.rejection_reason or None,
                        }
                        for document in beneficiary.document_ids
                    ],
                    "declarations": [
                        {
                            "kind": label(declaration, "kind"),
                            "date": datetime(declaration.date),
                            "signed_by": declaration.signer_name,
                            "signer_relation": label(declaration, "signer_relation"),
                            "channel": (
                                declaration.intake_channel_id or declaration.channel_id
                            ).name,
                            "text_version": declaration.version,
                            "text": html2plaintext(declaration.text or "").strip(),
                        }
                        for declaration in beneficiary.declaration_ids
                    ],
                    "support_requests": [
                        {
                            "reference": request.ref,
                            "service": request.service_id.name,
                            "details": request.description or None,
                            "channel": (request.intake_channel_id or request.channel_id).name
                            or None,
                            "state": label(request, "state"),
                            "submitted_on": datetime(request.submit_date),
                            "expected_decision_date": date(request.decision_deadline),
                            "decision": label(request, "decision"),
                            "decision_date": datetime(request.decision_date),
                            "decision_reasons": request._portal_decision_reasons(),
                            "eligibility_checks": [
                                {
                                    "criterion": label(line, "criterion"),
                                    "your_value": line.beneficiary_value or None,
                                    "condition": line.rule or None,
                                    "met": line.met,
                                    "explanation": line.explanation or None,
                                }
                                for line in request.eligibility_line_ids
                            ],
                            "referred_to": request.referral_partner_id.name or None,
                            "referral_note": request.referral_note or None,
                            "service_start_date": date(request.service_start_date),
                            "delivery_date": date(request.delivery_date),
                            "cancel_reason": request.cancel_reason or None,
                            "messages": messages_by_request.get(request.id, []),
                        }
                        for request in beneficiary.support_request_ids
                    ],
                }
            )
        return {
            "title": _("Copy of my personal data"),
            "note": self._portal_export_note(),
            "exported_on": datetime(fields.Datetime.now()),
            "files": files,
        }
