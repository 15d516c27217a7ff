from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _next_by_code_batch(self, sequence_code, count):
        """``count`` numbers of the sequence ``sequence_code``, as ``next_by_code`` gives.

        ``next_by_code`` costs two queries per number: registering a thousand files at
        once would take two thousand. For a standard sequence (gaps allowed, no date
        ranges) this takes two queries whatever ``count``; otherwise one number at a time.
        """
        if count <= 0:
            return []
        self.browse().check_access("read")
        sequence = self.search(
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

    @api.model
    def _fill_numbers(self, vals_list, field_name, sequence_code):
        """Number the ``vals_list`` that have no ``field_name`` (or "/"): the next numbers of
        ``sequence_code`` of each one's company (``company_id``, else the current one), in
        two queries per company whatever their number."""
        by_company = defaultdict(list)
        for vals in vals_list:
            if vals.get(field_name, "/") == "/":
                by_company[vals.get("company_id") or self.env.company.id].append(vals)
        for company_id, company_vals in by_company.items():
            numbers = self.with_company(company_id)._next_by_code_batch(
                sequence_code, len(company_vals)
            )
            for vals, number in zip(company_vals, numbers, strict=True):
                vals[field_name] = number or "/"
