"""What identifies a person in free text, and how to cut it out in bulk (PDPL erasure).

Anonymising a file erases its own fields; texts that also serve other people or the
association's accounts (committee minutes, decision reasons, tracking values of a
request's history, survey comments) keep their content and lose the person's name, ID
number, mobile numbers and email: one ``UPDATE`` per table and column set, with one
PostgreSQL regular expression matching every file of the batch.
"""

import re
from dataclasses import dataclass, field

from odoo.tools import SQL

from . import saudi

# Characters with a meaning in PostgreSQL's advanced regular expressions.
_ARE_SPECIAL = re.compile(r"([\\^$.|?*+()\[\]{}])")
# Between the digits of a number typed by a person: spaces, dashes, dots.
_SEP = r"[\s.\-]*"


def are_escape(text):
    """``text`` as a literal in a PostgreSQL regular expression."""
    return _ARE_SPECIAL.sub(r"\\\1", text)


def number_core(number):
    """The significant digits of a Saudi phone number (``0591234567``, ``+966 59 123 4567``
    and ``00966591234567`` give ``591234567``); empty when too short to be one."""
    digits = re.sub(r"\D", "", saudi.normalize_digits(number or "") or "")
    for prefix in ("00966", "966"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    digits = digits.lstrip("0")
    return digits if len(digits) >= 7 else ""


def number_pattern(core):
    """A number however it is written: local (``05…``), international (``+9665…``,
    ``009665…``, ``9665…``) or bare, with or without separators between the digits."""
    prefix = r"(?:(?:\+|00)?966" + _SEP + r"0?|0)?"
    return r"(?<![0-9])" + prefix + _SEP.join(core) + r"(?![0-9])"


def words_pattern(text):
    """A name whose words may be separated by any white space."""
    words = (text or "").split()
    return r"\s+".join(are_escape(word) for word in words)


@dataclass
class Erasure:
    """The batch of files being anonymised and what identifies their people."""

    files: object
    partners: object
    label: str
    names: set = field(default_factory=set)
    national_ids: set = field(default_factory=set)
    emails: set = field(default_factory=set)
    numbers: set = field(default_factory=set)  # significant digits (number_core)
    # model name -> ids of records about these people (their chatter, attachments and
    # activities go): filled by each model's ``_br_erase_for_files``.
    records: dict = field(default_factory=dict)

    @classmethod
    def of(cls, files, label):
        erasure = cls(files=files, partners=files.partner_id, label=label)
        for file in files:
            parts = [file[part] for part in ("first_name", "father_name", "grandfather_name")]
            parts.append(file.family_name)
            full = " ".join(p.strip() for p in parts if p and p.strip())
            short = " ".join(p.strip() for p in (file.first_name, file.family_name) if p)
            for name in (file.name, file.partner_id.name, full, short):
                # One word alone ("محمد") names half the country: only full names.
                if name and len(name.split()) >= 2:
                    erasure.names.add(" ".join(name.split()))
            if file.national_id:
                erasure.national_ids.add(saudi.normalize_digits(file.national_id))
            for partner in file.partner_id:
                if partner.email:
                    erasure.emails.add(partner.email.strip().lower())
                if partner.email_normalized:
                    erasure.emails.add(partner.email_normalized)
                for number in (partner.mobile, partner.phone):
                    core = number_core(number)
                    if core:
                        erasure.numbers.add(core)
            for member in file.family_member_ids:
                if member.national_id:
                    erasure.national_ids.add(saudi.normalize_digits(member.national_id))
                if member.name and len(member.name.split()) >= 2:
                    erasure.names.add(" ".join(member.name.split()))
        return erasure

    def add(self, model, ids):
        self.records.setdefault(model, set()).update(ids)

    def ids(self, model):
        return list(self.records.get(model, ()))

    # ------------------------------------------------------------------ SQL
    @property
    def pattern(self):
        """One regular expression matching every identifier of the batch."""
        alternatives = [words_pattern(name) for name in sorted(self.names)]
        alternatives += [
            r"(?<![0-9])" + are_escape(number) + r"(?![0-9])" for number in self.national_ids
        ]
        alternatives += [are_escape(email) for email in sorted(self.emails)]
        alternatives += [number_pattern(core) for core in sorted(self.numbers)]
        return "(?:%s)" % "|".join(alternatives) if alternatives else ""

    def scrub(self, env, model, fnames, where=None):
        """Replace the identifiers by the neutral label in the columns ``fnames`` of
        ``model``'s table, on the rows matching ``where`` (an ``SQL``; all rows when
        ``None``): one query."""
        pattern = self.pattern
        if not pattern or not fnames:
            return 0
        records = env[model]
        records.flush_model(fnames)
        sets = SQL(", ").join(
            SQL(
                "%s = regexp_replace(%s, %s, %s, 'gi')",
                SQL.identifier(fname),
                SQL.identifier(fname),
                pattern,
                self.label,
            )
            for fname in fnames
        )
        found = SQL(" OR ").join(
            SQL("%s ~* %s", SQL.identifier(fname), pattern) for fname in fnames
        )
        env.cr.execute(
            SQL(
                "UPDATE %s SET %s WHERE (%s) AND (%s)",
                SQL.identifier(records._table),
                sets,
                where or SQL("TRUE"),
                found,
            )
        )
        records.invalidate_model(fnames)
        return env.cr.rowcount

    def numbers_where(self, column):
        """SQL: the column holds one of the batch's phone numbers (digits compared)."""
        if not self.numbers:
            return SQL("FALSE")
        return SQL(
            "regexp_replace(COALESCE(%s, ''), '[^0-9]', '', 'g') ~ %s",
            column,
            "(?:%s)$" % "|".join(sorted(self.numbers)),
        )
