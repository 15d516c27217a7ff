"""Taking attachments out of a user's search inside the query, so that a limited search
(a list page, ``search_count``, Odoo's own refill of a short page) still counts right."""

from odoo.tools import SQL, Query


def domain_without(env, domain, hidden):
    """``domain`` restricted to records not in ``hidden`` (a subquery: ``Query`` or ``SQL``
    selecting ids).

    Odoo's ``ir.attachment._search`` hides the files stored for binary fields unless the
    domain names ``id`` or ``res_field``: the ``id`` term added here would switch that off,
    so the default is added here first, as Odoo would have."""
    assert isinstance(hidden, (Query, SQL))
    domain = list(domain)
    if not env.context.get("skip_res_field_check") and not any(
        term[0] in ("id", "res_field") for term in domain
    ):
        domain = [("res_field", "=", False), *domain]
    return [("id", "not in", hidden), *domain]
