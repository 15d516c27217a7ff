"""Numbering of the addon's records: ``_workflow_number = (field, sequence code)``.

A record created without a number (or with "/") gets the next number of the sequence
of its company. Numbers are taken for the whole batch in two queries per company, where
``ir.sequence.next_by_code`` costs two queries per number: registering a thousand files
at once would otherwise take two thousand.
"""

from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL


class BeneficiaryNumbering(models.AbstractModel):
    _name = "beneficiary.numbering"
    _description = "Record Numbering"

    # (field, ir.sequence code): the field filled with the sequence's next number.
    _workflow_number = None

    @api.model_create_multi
    def create(self, vals_list):
        if self._workflow_number:
            field_name, code = self._workflow_number
            self._fill_numbers(vals_list, field_name, code)
        return super().create(vals_list)

    @api.model
    def _fill_numbers(self, vals_list, field_name, sequence_code):
        """Number the ``vals_list`` that have no ``field_name`` (or "/"): the next numbers of
        ``sequence_code`` of each one's company (``company_id``, else the current one)."""
        by_company = defaultdict(list)
        for vals in vals_list:
            if vals.get(field_name, "/") == "/":
                by_company[vals.get("company_id") or self.env.company.id].append(vals)
        for company_id, company_vals in by_company.items():
            numbers = self.with_company(company_id)._next_numbers(sequence_code, len(company_vals))
            for vals, number in zip(company_vals, numbers, strict=True):
                vals[field_name] = number or "/"

    @api.model
    def _next_numbers(self, sequence_code, count):
        """``count`` numbers of the sequence ``sequence_code``, as ``next_by_code`` gives.

        For a standard sequence (gaps allowed, no date ranges) two queries whatever
        ``count``; otherwise one number at a time through the sequence itself.
        """
        if count <= 0:
            return []
        Sequence = self.env["ir.sequence"]
        Sequence.browse().check_access("read")
        sequence = Sequence.search(
            [("code", "=", sequence_code), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence:
            return [False] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for _i in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                "ir_sequence_%03d" % sequence.id,
                count,
            )
        )
        # What get_next_char() gives, with the prefix and suffix interpolated once.
        prefix, suffix = sequence._get_prefix_suffix()
        pattern = "%%0%sd" % sequence.padding
        return [prefix + pattern % number + suffix for (number,) in self.env.cr.fetchall()]
