"""What letters, minutes, printed policies and messages need: one home for all of them.

``_print_lang()`` is the language a document is printed in (the association's, Arabic by
default; a request's letters go in the beneficiary's language), ``_text_dir()`` the
direction of the current language, ``_dual_date()`` a date with Hijri beside Gregorian,
``_print_bidi()`` a body ready for wkhtmltopdf (``tools.bidi``). Report and mail
templates call these names on any model that inherits this mixin.
"""

import datetime

from odoo import fields, models

from ..tools import hijri
from ..tools.bidi import bidi_word_spans


class BeneficiaryPrintable(models.AbstractModel):
    _name = "beneficiary.printable"
    _description = "Printed Documents and Messages"

    def _print_lang(self):
        """Language the document is printed in: the association's (Arabic by default)."""
        self.ensure_one()
        company = self.company_id if "company_id" in self._fields else self.env.company
        return company.partner_id.lang or self.env.lang or "ar_001"

    def _text_dir(self):
        """``rtl`` or ``ltr``: direction of the current language, for mails and documents."""
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "ar_001")
        return "rtl" if lang.direction == "rtl" else "ltr"

    def _dual_date(self, value):
        """Hijri beside Gregorian in the current language (and time zone for a datetime).

        ``1446/06/28هـ الموافق 2024/12/29م`` in Arabic, ``1446/06/28 AH (2024/12/29)``
        otherwise; Gregorian only outside the Umm al-Qura tables; "" without a date.
        """
        if not value:
            return ""
        if isinstance(value, datetime.datetime):
            value = fields.Datetime.context_timestamp(self, value).date()
        return hijri.dual_date_str(value, self.env.lang or "ar_001")

    def _print_bidi(self, fragment):
        """The document's body ready for wkhtmltopdf (see ``tools.bidi``)."""
        return bidi_word_spans(fragment)
