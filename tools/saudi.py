"""Saudi identity and address rules (see doc/saudi.md).

Pure functions, no Odoo import: easy to test and to reuse from controllers.
"""

import re

# Eastern Arabic (U+0660..) and Persian (U+06F0..) digits to Western digits.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

BUILDING_NUMBER_RE = re.compile(r"^\d{4}$")
ADDITIONAL_NUMBER_RE = re.compile(r"^\d{4}$")
POSTAL_CODE_RE = re.compile(r"^\d{5}$")
SHORT_ADDRESS_RE = re.compile(r"^[A-Z]{4}\d{4}$")
UNIT_NUMBER_RE = re.compile(r"^\d{1,6}$")
# The parts of a national address whose form is checked (national_address_errors).
ADDRESS_FORMAT_FIELDS = (
    "building_number",
    "additional_number",
    "zip",
    "unit_number",
    "short_address",
)
# A Saudi mobile without its country code or leading 0: 5 and eight digits.
MOBILE_RE = re.compile(r"^5\d{8}$")


def western_digits(value):
    """``value`` with Eastern Arabic and Persian digits turned Western, nothing else."""
    return str(value or "").translate(_DIGITS)


def normalize_digits(value):
    """Return ``value`` with Eastern Arabic digits turned Western and spaces removed."""
    if not value:
        return value
    return re.sub(r"[\s\-]", "", str(value).translate(_DIGITS))


def national_id_type(number):
    """``citizen`` for a 1… number, ``resident`` for a 2… number, else ``False``."""
    number = normalize_digits(number) or ""
    return {"1": "citizen", "2": "resident"}.get(number[:1], False)


def national_id_error(number):
    """Why ``number`` is not a valid national ID / Iqama, or ``None`` when it is.

    Returns a key among ``length``, ``digits``, ``prefix``, ``checksum``: callers turn it
    into a translated message.
    """
    number = normalize_digits(number) or ""
    if not number.isdigit():
        return "digits"
    if len(number) != 10:
        return "length"
    if number[0] not in "12":
        return "prefix"
    total = 0
    for position, char in enumerate(number):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    if total % 10:
        return "checksum"
    return None


def is_valid_national_id(number):
    return national_id_error(number) is None


def national_id_check_digit(first_nine):
    """The last digit that makes ``first_nine`` a valid ID (used by demo and tests)."""
    for last in "0123456789":
        if is_valid_national_id(first_nine + last):
            return first_nine + last
    raise ValueError(first_nine)


def normalize_short_address(value):
    if not value:
        return value
    return normalize_digits(value).upper()


def normalize_mobile(value):
    """``+966 5X XXX XXXX`` for a Saudi mobile typed as 05…, 5…, 9665…, +9665… or 009665…
    (Arabic digits, spaces and dashes allowed), else ``None``."""
    digits = re.sub(r"\D", "", str(value or "").translate(_DIGITS))
    for prefix in ("00966", "966", "0", ""):
        rest = digits[len(prefix) :]
        if digits.startswith(prefix) and MOBILE_RE.match(rest):
            return "+966 %s %s %s" % (rest[:2], rest[2:5], rest[5:])
    return None


def national_address_errors(values, _):
    """``{field: message}`` for the parts of a national address (SPL) in ``values`` that
    are given but not in the right form: the one wording of these rules, for the file's
    constraint, the online application and the portal profile.

    :param values: field name -> value, digits already normalized
    :param _: the caller's translation function (``self.env._``)
    """
    checks = {
        "building_number": (BUILDING_NUMBER_RE, _("The building number has 4 digits.")),
        "additional_number": (ADDITIONAL_NUMBER_RE, _("The additional number has 4 digits.")),
        "zip": (POSTAL_CODE_RE, _("The postal code has 5 digits.")),
        "unit_number": (UNIT_NUMBER_RE, _("The unit number has digits only.")),
        "short_address": (
            SHORT_ADDRESS_RE,
            _("The short address is 4 letters followed by 4 digits, e.g. RRRD2929."),
        ),
    }
    return {
        name: message
        for name, (pattern, message) in checks.items()
        if values.get(name) and not pattern.match(values[name])
    }
