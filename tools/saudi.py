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
