from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import hijri


class BeneficiaryBeneficiary(models.Model):
    """The birth date typed the way people know it: Hijri (Umm al-Qura) or Gregorian."""

    _inherit = "beneficiary.beneficiary"

    birth_date_hijri = fields.Char(
        inverse="_inverse_birth_date_hijri",
        readonly=False,
        help="Type the Hijri birth date (year/month/day, e.g. 1446/06/28) or the Gregorian "
        "one: each is converted to the other (Umm al-Qura, 1343–1500 AH).",
    )

    def _hijri_birth_date(self, text):
        """The Gregorian date of the typed Hijri ``text``, or a clear error."""
        try:
            return hijri.from_hijri(text)
        except ValueError as error:
            raise ValidationError(
                self.env._(
                    "%(date)s is not a Hijri date: type year/month/day, e.g. 1446/06/28 "
                    "(Umm al-Qura calendar, years 1343 to 1500).",
                    date=text,
                )
            ) from error

    def _inverse_birth_date_hijri(self):
        for beneficiary in self:
            text = (beneficiary.birth_date_hijri or "").strip()
            current = hijri.hijri_str(beneficiary.birth_date)
            if text == current or (not text and not current and beneficiary.birth_date):
                # Unchanged, or a date outside the Hijri tables left as it is.
                continue
            beneficiary.birth_date = self._hijri_birth_date(text) if text else False

    @api.onchange("birth_date_hijri")
    def _onchange_birth_date_hijri(self):
        text = (self.birth_date_hijri or "").strip()
        if not text or text == hijri.hijri_str(self.birth_date):
            return None
        try:
            self.birth_date = hijri.from_hijri(text)
        except ValueError:
            return {
                "warning": {
                    "title": self.env._("Hijri birth date"),
                    "message": self.env._(
                        "%(date)s is not a Hijri date: type year/month/day, e.g. 1446/06/28 "
                        "(Umm al-Qura calendar, years 1343 to 1500).",
                        date=text,
                    ),
                }
            }
        return None
