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
