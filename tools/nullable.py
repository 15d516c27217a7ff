"""Number fields that store NULL rather than 0 when they have no value.

Odoo stores an empty Integer or Float as 0, so ``AVG()`` (pivots, list totals, graphs)
counts every record without a value as a zero. A figure that exists only for some
records (days to decision, approval of a decided request) uses these fields instead:
PostgreSQL's aggregates skip NULL, so the average is over the records that have one,
whatever the filter.
"""

from odoo import fields


class _NullableMixin:
    def convert_to_column(self, value, record, values=None, validate=True):
        if value is None or value is False:
            return None
        return super().convert_to_column(value, record, values, validate)

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        return super().convert_to_cache(value, record, validate)

    def convert_to_record(self, value, record):
        return False if value is None else value

    def convert_to_export(self, value, record):
        return "" if value is None or value is False else value


class NullableInteger(_NullableMixin, fields.Integer):
    """An Integer whose empty value is NULL in the database."""


class NullableFloat(_NullableMixin, fields.Float):
    """A Float whose empty value is NULL in the database."""
