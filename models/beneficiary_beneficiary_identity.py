"""Who the person is: ID number and national address rules, birth date, duplicates (P6)."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import saudi


class BeneficiaryBeneficiary(models.Model):
    _inherit = "beneficiary.beneficiary"

    duplicate_warning = fields.Char(compute="_compute_duplicate_warning")

    @api.depends("national_id", "mobile", "name", "birth_date")
    def _compute_duplicate_warning(self):
        """Warn (without blocking) about files sharing a mobile, or a name and birth date."""
        self.duplicate_warning = False
        mobiles = {b.mobile for b in self if b.mobile}
        names = {b.name for b in self if b.name and b.birth_date}
        if not (mobiles or names):
            return
        domain = ["|", ("mobile", "in", list(mobiles)), ("name", "in", list(names))]
        others = self.with_context(active_test=False).search_fetch(
            domain, ["ref", "mobile", "name", "birth_date"]
        )
        for beneficiary in self:
            same_mobile = others.filtered(
                lambda o, b=beneficiary: o.id != b._origin.id and b.mobile and o.mobile == b.mobile
            )
            same_person = others.filtered(
                lambda o, b=beneficiary: (
                    o.id != b._origin.id
                    and b.birth_date
                    and o.name == b.name
                    and o.birth_date == b.birth_date
                )
            )
            messages = []
            if same_mobile:
                messages.append(
                    self.env._(
                        "Same mobile as file %(refs)s.", refs=", ".join(same_mobile.mapped("ref"))
                    )
                )
            if same_person:
                messages.append(
                    self.env._(
                        "Same name and birth date as file %(refs)s.",
                        refs=", ".join(same_person.mapped("ref")),
                    )
                )
            beneficiary.duplicate_warning = " ".join(messages) or False

    # --------------------------------------------------------------- constraints
    @api.constrains("national_id", "id_exception", "nationality_id", "kind")
    def _check_national_id(self):
        messages = self._national_id_messages()
        for beneficiary in self:
            if not beneficiary.national_id or beneficiary.id_exception:
                continue
            error = saudi.national_id_error(beneficiary.national_id)
            if error:
                raise ValidationError(messages[error] % {"number": beneficiary.national_id})
            id_type = saudi.national_id_type(beneficiary.national_id)
            if beneficiary.nationality_id and (id_type == "citizen") != beneficiary.is_saudi:
                raise ValidationError(
                    self.env._(
                        "ID number %(number)s is a %(kind)s but the nationality is %(country)s.",
                        number=beneficiary.national_id,
                        kind=messages[id_type],
                        country=beneficiary.nationality_id.name,
                    )
                )

    @api.model
    def _check_national_id_unique(self, numbers, exclude=()):
        """Refuse an ID number already registered in the company, naming the file.

        Called before the values reach the database: the SQL constraint would refuse
        them first, with a message that does not say which file holds the number.

        :param numbers: ``(national_id, company_id)`` pairs about to be saved
        :param exclude: ids of the files being changed
        """
        numbers = [(number, company_id) for number, company_id in numbers if number]
        if not numbers:
            return
        # The look-up below names a file of the association given: only one the user
        # works in now (the company rule would refuse the save anyway, but after this
        # message told whether a person has a file in another association).
        if not self.env.su and {company_id for _number, company_id in numbers} - set(
            self.env.companies.ids
        ):
            raise AccessError(
                self.env._("A file is recorded only in an association you are working in.")
            )
        existing = (
            # sudo: companies checked above; archived files and files the user's rules
            # hide count too, and only their ID number, association and reference are read
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("national_id", "in", [number for number, _company in numbers]),
                    ("id", "not in", list(exclude)),
                ],
                ["national_id", "company_id", "ref"],
            )
        )
        for number, company_id in numbers:
            same = existing.filtered(
                lambda o, n=number, c=company_id: o.national_id == n and o.company_id.id == c
            )
            if same:
                raise ValidationError(
                    self.env._(
                        "ID number %(number)s is already registered in file %(ref)s.",
                        number=number,
                        ref=same[0].ref,
                    )
                )

    @api.model
    def _find_by_national_id(self, number, company):
        """The file (archived ones included) holding ID ``number`` in ``company``, if any.

        An ID number identifies one file per association (the SQL constraint): this is
        the one place that looks a person up by it.
        """
        number = saudi.normalize_digits(number or "")
        if not number:
            return self.browse()
        return self.with_context(active_test=False).search(
            [("national_id", "=", number), ("company_id", "=", company.id)], limit=1
        )

    def _national_id_messages(self):
        _ = self.env._
        return {
            "digits": _("The ID number %(number)s must contain digits only."),
            "length": _("The ID number %(number)s must have exactly 10 digits."),
            "prefix": _(
                "The ID number %(number)s must start with 1 (Saudi national ID) "
                "or 2 (Iqama of a resident)."
            ),
            "checksum": _(
                "The ID number %(number)s is not valid: its check digit does not match. "
                "Check the number, or ask a manager to record an exception."
            ),
            "citizen": _("Saudi national ID"),
            "resident": _("resident's Iqama"),
        }

    @api.constrains("id_exception", "id_exception_reason")
    def _check_id_exception(self):
        for beneficiary in self:
            if beneficiary.id_exception and not (beneficiary.id_exception_reason or "").strip():
                raise ValidationError(self.env._("Give the reason for the ID number exception."))

    @api.constrains("building_number", "additional_number", "zip", "short_address", "unit_number")
    def _check_national_address(self):
        for beneficiary in self:
            errors = saudi.national_address_errors(
                {name: beneficiary[name] for name in saudi.ADDRESS_FORMAT_FIELDS}, self.env._
            )
            if errors:
                raise ValidationError(next(iter(errors.values())))

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for beneficiary in self:
            if beneficiary.birth_date and beneficiary.birth_date > today:
                raise ValidationError(self.env._("The birth date cannot be in the future."))

    @api.onchange("national_id")
    def _onchange_national_id(self):
        if self.national_id:
            self.national_id = saudi.normalize_digits(self.national_id)
            if saudi.national_id_type(self.national_id) == "citizen":
                self.nationality_id = self.env.ref("base.sa", raise_if_not_found=False)
