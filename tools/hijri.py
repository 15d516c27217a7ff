"""Umm al-Qura (Hijri) dates beside Gregorian ones."""

import datetime
import re

from hijridate import Gregorian, Hijri

from .saudi import western_digits

# Range covered by hijridate's Umm al-Qura tables.
MIN_DATE = datetime.date(1924, 8, 1)
MAX_DATE = datetime.date(2077, 11, 16)


def to_hijri(date):
    """``hijridate.Hijri`` of a date, or ``None`` outside the supported range."""
    if not date:
        return None
    if isinstance(date, datetime.datetime):
        date = date.date()
    if not MIN_DATE <= date <= MAX_DATE:
        return None
    try:
        return Gregorian.fromdate(date).to_hijri()
    except (OverflowError, ValueError):
        return None


def hijri_str(date):
    """``1446/06/28`` for a date, or ``""`` when it has no Hijri equivalent here."""
    hijri = to_hijri(date)
    if not hijri:
        return ""
    return "%04d/%02d/%02d" % (hijri.year, hijri.month, hijri.day)


def dual_date_str(date, lang="ar"):
    """``1446/06/28هـ الموافق 2024/12/29م`` (Arabic) or ``28/06/1446 AH (29/12/2024)``."""
    if not date:
        return ""
    if isinstance(date, datetime.datetime):
        date = date.date()
    hijri = hijri_str(date)
    gregorian = date.strftime("%Y/%m/%d")
    if lang.startswith("ar"):
        return "%sهـ الموافق %sم" % (hijri, gregorian) if hijri else "%sم" % gregorian
    return "%s AH (%s)" % (hijri, gregorian) if hijri else gregorian


_HIJRI_RE = re.compile(
    r"^\s*(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,4})\s*(?:هـ|ه|AH)?\s*$"
)


def from_hijri(text):
    """The Gregorian date of a typed Umm al-Qura date, or ``None`` for an empty text.

    Accepts ``1446/06/28``, ``28/06/1446``, ``-`` or ``.`` as separators, Eastern Arabic
    digits and a trailing ``هـ``.

    :raise ValueError: not a date of the Umm al-Qura calendar covered here (1343–1500 AH)
    """
    text = western_digits(text).strip()
    if not text:
        return None
    match = _HIJRI_RE.match(text)
    if not match:
        raise ValueError(text)
    first, month, last = (int(part) for part in match.groups())
    year, day = (first, last) if first > 31 else (last, first)
    try:
        gregorian = Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError) as error:
        raise ValueError(text) from error
    return datetime.date(gregorian.year, gregorian.month, gregorian.day)
