import base64
from datetime import date

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, html_escape

from ..tools import saudi
from ..tools import uploads as upload_rules

NAME_PARTS = ("first_name", "father_name", "grandfather_name", "family_name")
# File types accepted from the public page, whatever a document type allows besides.


class BeneficiarySupportRequest(models.Model):
    """Applications sent from the public online application page (issue #5).

    The controller only reads the form; checking it and creating the records is here,
    as superuser, touching only the records the application creates.
    """

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ checks
    @api.model
    def _portal_terms(self, company):
        """Declaration (P9) and consent (P12) texts in force, as the signing wizard reads
        them: ``{'policy', 'declaration', 'consent', 'version'}``."""
        return self.env["beneficiary.declaration"]._terms_in_force(company)

    @api.model
    def _portal_apply_check(self, service, post, uploads):
        """Check the typed form ``post`` and the ``uploads`` for ``service``.

        :param post: the form's fields (strings)
        :param uploads: ``{document type id: (file name, bytes)}``
        :return: ``(values, errors)``: clean values, and a translated message per field
        """
        _ = self.env._
        errors = {}
        values = {}
        Beneficiary = self.env["beneficiary.beneficiary"]

        def text(name):
            return (post.get(name) or "").strip()

        required = _("This field is required.")
        for part in NAME_PARTS:
            values[part] = text(part)
            if not values[part]:
                errors[part] = required
        # Identity
        number = saudi.normalize_digits(text("national_id"))
        values["national_id"] = number
        if not number:
            errors["national_id"] = required
        else:
            problem = saudi.national_id_error(number)
            if problem:
                errors["national_id"] = Beneficiary._national_id_messages()[problem] % {
                    "number": number
                }
        saudi_arabia = self.env.ref("base.sa")
        try:
            nationality = self.env["res.country"].browse(int(text("nationality_id") or 0))
        except ValueError:
            nationality = self.env["res.country"]
        if not nationality.exists():
            errors["nationality_id"] = required
        elif number and not errors.get("national_id"):
            if saudi.national_id_type(number) == "citizen" and nationality != saudi_arabia:
                errors["nationality_id"] = _(
                    "A national ID starting with 1 belongs to a Saudi citizen: choose Saudi Arabia."
                )
            elif saudi.national_id_type(number) == "resident" and nationality == saudi_arabia:
                errors["nationality_id"] = _(
                    "An Iqama number starting with 2 belongs to a resident: choose the nationality."
                )
        values["nationality_id"] = nationality.id
        birth = saudi.western_digits(text("birth_date"))
        try:
            values["birth_date"] = fields.Date.to_date(birth) if birth else None
        except ValueError:
            values["birth_date"] = None
            errors["birth_date"] = _("Enter the birth date as year-month-day.")
        if not birth:
            errors["birth_date"] = required
        elif values["birth_date"]:
            today = fields.Date.context_today(self)
            if values["birth_date"] > today:
                errors["birth_date"] = _("The birth date cannot be in the future.")
            elif values["birth_date"] < date(1900, 1, 1):
                errors["birth_date"] = _("Check the birth date.")
        values["gender"] = text("gender")
        if values["gender"] not in ("male", "female"):
            errors["gender"] = _("Choose male or female.")
        # Contact
        values["mobile"] = saudi.normalize_mobile(text("mobile"))
        if not text("mobile"):
            errors["mobile"] = required
        elif not values["mobile"]:
            errors["mobile"] = _(
                "Enter a Saudi mobile number of 10 digits starting with 05, e.g. 0551234567."
            )
        # Optional: applicants without an e-mail are followed by SMS (P5).
        values["email"] = email_normalize(text("email"))
        if text("email") and not values["email"]:
            errors["email"] = _("Enter a valid email address, e.g. name@example.com.")
        # National address
        for name in ("building_number", "zip", "additional_number"):
            values[name] = saudi.normalize_digits(text(name))
            if not values[name]:
                errors[name] = required
        for name, message in saudi.national_address_errors(values, _).items():
            errors.setdefault(name, message)
        for name in ("street", "district", "city"):
            values[name] = text(name)
            if not values[name]:
                errors[name] = required
        # Categories and request
        offered = service._portal_categories()
        chosen = set()
        for raw in post.getlist("category_ids"):
            try:
                chosen.add(int(raw))
            except (TypeError, ValueError):
                continue
        categories = offered.filtered(lambda c: c.id in chosen)
        if chosen - set(categories.ids):
            errors["category_ids"] = _("Choose among the categories listed.")
        values["category_ids"] = categories
        values["description"] = text("description")
        if not values["description"]:
            errors["description"] = _("Describe briefly what you need.")
        elif len(values["description"]) > 5000:
            errors["description"] = _("Keep the description under 5000 characters.")
        # Declaration (P9) and consent (P12): the texts shown must still be in force.
        terms = self._portal_terms(service.company_id)
        values["terms"] = terms
        if not post.get("accept_declaration"):
            errors["accept_declaration"] = _("Read and accept the declaration to apply.")
        if not post.get("accept_consent"):
            errors["accept_consent"] = _("Read and accept the consent to apply.")
        if text("terms_version") and text("terms_version") != terms["version"]:
            errors["accept_declaration"] = _(
                "The declaration and consent texts have just changed: read them again "
                "and accept them."
            )
        # Documents (P17)
        values["documents"], doc_errors = self._portal_check_documents(
            service._portal_document_types(categories), post, uploads
        )
        errors.update(doc_errors)
        return values, errors

    @api.model
    def _portal_check_documents(self, document_types, post, uploads):
        _ = self.env._
        today = fields.Date.context_today(self)
        documents, errors = [], {}
        for doc_type in document_types:
            key = "document_%s" % doc_type.id
            file_name, raw = uploads.get(doc_type.id) or (None, b"")
            if not raw:
                errors[key] = _("Attach this document.")
                continue
            error = upload_rules.upload_error(
                self.env, raw, allowed=upload_rules.allowed_mimetypes(doc_type)
            )
            if error:
                errors[key] = error
                continue
            expiry = None
            if doc_type.has_expiry:
                raw_expiry = saudi.western_digits(
                    (post.get("expiry_%s" % doc_type.id) or "").strip()
                )
                try:
                    expiry = fields.Date.to_date(raw_expiry) if raw_expiry else None
                except ValueError:
                    expiry = None
                if not expiry:
                    errors["expiry_%s" % doc_type.id] = _(
                        "Enter the document's expiry date (year-month-day)."
                    )
                    continue
                if expiry < today:
                    errors["expiry_%s" % doc_type.id] = _(
                        "This document has expired: attach a valid one."
                    )
                    continue
            documents.append(
                {"type": doc_type, "file_name": file_name, "raw": raw, "expiry_date": expiry}
            )
        return documents, errors

    # ------------------------------------------------------------------ apply
    @api.model
    def _portal_apply(self, service, values, meta=None, applicant=None):
        """Create the application checked by ``_portal_apply_check`` (run as superuser).

        A national ID already on file in the service's company (any state, with or without
        an account) creates nothing and writes nothing on that file but a log entry: its
        owner is told at the contact data on file how to apply (P10: the visitor may not
        be the owner, and the page must not tell them apart). The owner applies signed in:
        ``applicant``, the signed-in user's contact, is the file's contact. A new ID number
        gets a draft file and a portal account. Both get the declaration and consent, the
        documents and the submitted request (channel: website).

        :param applicant: the signed-in user's contact (``None`` for a visitor)
        :return: dict with ``status`` (``done``, or ``email_taken`` whatever the ID
            number), ``request`` and ``beneficiary`` (empty for a known ID number),
            ``new_file`` and ``account`` (``created``, ``none``)
        """
        meta = meta or {}
        company = service.company_id
        Beneficiary = self.env["beneficiary.beneficiary"].with_company(company)
        beneficiary = Beneficiary._find_by_national_id(values["national_id"], company)
        own_file = bool(beneficiary and applicant and beneficiary.partner_id == applicant)
        if not own_file:
            if self._portal_apply_email_taken(values):
                # Checked before the ID number, so that the answer never depends on it.
                return {"status": "email_taken", "new_file": True}
            if beneficiary:
                beneficiary._portal_apply_known(service, meta)
                return {
                    "status": "done",
                    "request": self.browse(),
                    "beneficiary": Beneficiary.browse(),
                    "new_file": False,
                    "account": "none",
                }
        elif not beneficiary.active or beneficiary.state in ("suspended", "closed"):
            raise UserError(
                self.env._(
                    "This application cannot be taken online: contact the association, please."
                )
            )
        new_file = not beneficiary
        officer = (
            company.beneficiary_portal_officer_id
            or company.beneficiary_manager_id
            or self.env.ref("base.user_admin", raise_if_not_found=False)
        )
        full_name = Beneficiary._compose_name(values)
        beneficiary = beneficiary or Beneficiary.create(
            {
                **{part: values[part] for part in NAME_PARTS},
                "national_id": values["national_id"],
                "birth_date": values["birth_date"],
                "gender": values["gender"],
                "nationality_id": values["nationality_id"],
                "mobile": values["mobile"],
                "email": values["email"],
                "building_number": values["building_number"],
                "street": values["street"],
                "district": values["district"],
                "city": values["city"],
                "zip": values["zip"],
                "additional_number": values["additional_number"],
                "country_id": self.env.ref("base.sa").id,
                "category_ids": [Command.set(values["category_ids"].ids)],
                "company_id": company.id,
                "lang": meta.get("lang") or self.env.lang,
                "preferred_channel": "portal" if values["email"] else "sms",
                "officer_id": officer.id,
            }
        )
        self._portal_sign(beneficiary, values, full_name, meta)
        self.env["beneficiary.document"].create(
            [
                {
                    "beneficiary_id": beneficiary.id,
                    "document_type_id": document["type"].id,
                    "file": base64.b64encode(document["raw"]),
                    "file_name": document["file_name"],
                    "expiry_date": document["expiry_date"],
                    "state": "pending",
                }
                for document in values["documents"]
            ]
        )
        request = self.with_company(company).create(
            {
                "beneficiary_id": beneficiary.id,
                "service_id": service.id,
                "company_id": company.id,
                "channel_id": self.env.ref("beneficiary_relations.utm_medium_website").id,
                "description": values["description"],
                "officer_id": officer.id,
            }
        )
        request._portal_post_application(values, meta, new_file)
        request.action_submit()
        account = request._portal_grant_account(values) if new_file and values["email"] else "none"
        request.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=officer.id,
            summary=self.env._("Online application: check the data and the documents"),
            note=(
                self.env._(
                    "A new beneficiary file was opened online: compare its data with the "
                    "documents before registering it."
                )
                if new_file
                else self.env._(
                    "Applied online on an existing file: check that the applicant is the "
                    "file's owner (see the data typed in the chatter)."
                )
            ),
        )
        return {
            "status": "done",
            "request": request,
            "beneficiary": beneficiary,
            "new_file": new_file,
            "account": account,
        }

    @api.model
    def _portal_sign(self, beneficiary, values, signer_name, meta=None, signer_relation="self"):
        """Record the declaration and consent as the signing wizard does (P9, P12), with
        the address and browser they were accepted from (the evidence of an online
        signature)."""
        meta = meta or {}
        self.env["beneficiary.declaration"]._sign(
            beneficiary,
            values["terms"],
            ("declaration", "consent"),
            signer_name,
            signer_relation,
            self.env.ref("beneficiary_relations.utm_medium_website"),
            ip_address=meta.get("ip"),
            user_agent=meta.get("user_agent"),
        )

    def _portal_post_application(self, values, meta, new_file=True):
        """Note in the chatter what was typed, from where (internal note)."""
        self.ensure_one()
        _ = self.env._
        rows = [
            (_("Name"), self.env["beneficiary.beneficiary"]._compose_name(values)),
            (_("Mobile"), values["mobile"]),
            (_("Email"), values["email"]),
            (_("Birth date"), fields.Date.to_string(values["birth_date"])),
            (
                _("National address"),
                " ".join(
                    filter(
                        None,
                        (
                            values["building_number"],
                            values["street"],
                            values["district"],
                            values["city"],
                            values["zip"],
                            values["additional_number"],
                        ),
                    )
                ),
            ),
            (_("Categories"), ", ".join(values["category_ids"].mapped("name")) or "-"),
            (_("IP address"), meta.get("ip") or "-"),
            (_("Browser"), meta.get("user_agent") or "-"),
        ]
        intro = (
            _("Application received from the website: a new draft file was opened.")
            if new_file
            else _(
                "Application received from the website for an existing file: the data below "
                "was typed by the applicant and was not written on the file."
            )
        )
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            intro,
            Markup("").join(
                Markup("<li><b>%s:</b> %s</li>") % (label, html_escape(value))
                for label, value in rows
            ),
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
