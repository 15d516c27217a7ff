"""A clear answer while the PostgreSQL server is unreachable (issue 21).

Odoo 18's dispatcher (``odoo.http.Application.__call__``) turns any failure to open the
registry of the request's database into a ``RegistryError``, then logs the session out
and serves the request as a database-less one: while PostgreSQL restarts, a signed-in
user gets "404 Not Found" and must log in again. A lost connection in the middle of a
request ends as an "Internal Server Error" with a traceback in the log.

``post_load`` (the manifest's ``post_load`` hook, run when the addon's package is
imported: at start when the addon is loaded server-wide with
``--load=base,web,beneficiary_relations``, otherwise when a registry loads it) wraps
``odoo.http.Request._serve_db``. When what failed is the database *server* (connection
refused, connection closed by the server, the server starting up, shutting down or in
recovery) the request is answered with HTTP 503 and ``Retry-After``, a small bilingual
page (Arabic first) or, for JSON requests, a JSON-RPC error with the same message. The
session is left as it is: the user is still signed in when the server is back. A
database that does not exist, and every other error, keep Odoo's own handling.

The page cannot use Odoo's translations (they live in the database that cannot be
reached): it carries both languages the addon is written for, Arabic then English.
"""

import functools
import html
import json
import logging
import re
import time

import psycopg2

from odoo import http
from odoo.sql_db import connection_info_for

_logger = logging.getLogger(__name__)

RETRY_AFTER = 60  # seconds: "try again in a minute"

TITLE_AR = "الخدمة غير متاحة مؤقتًا"
MESSAGE_AR = (
    "الخدمة غير متاحة لبرهة قصيرة. لم يُفقد شيء مما حفظته. يُرجى المحاولة مرة أخرى بعد دقيقة."
)
RETRY_AR = "أعد المحاولة"
TITLE_EN = "Service briefly unavailable"
MESSAGE_EN = (
    "The service is briefly unavailable. Nothing you saved is lost. Please try again in a minute."
)
RETRY_EN = "Try again"
MESSAGE = "%s\n%s" % (MESSAGE_AR, MESSAGE_EN)

# SQLSTATEs of a server that is going away or not ready: admin_shutdown (57P01),
# crash_shutdown (57P02), cannot_connect_now (57P03: starting up, shutting down, in
# recovery) and the connection exceptions (class 08).
OUTAGE_PGCODES = ("57P01", "57P02", "57P03")
# libpq's texts for the same (a failed connection has no SQLSTATE in psycopg2).
OUTAGE_TEXT = re.compile(
    r"connection refused|could not connect to server|server closed the connection"
    r"|the database system is (?:starting up|shutting down|in recovery mode|not yet accepting)"
    r"|terminating connection due to administrator command|connection already closed"
    r"|no connection to the server|could not receive data from server"
    r"|could not send data to server|is the server running|server conn crashed"
    r"|ssl syscall error: eof detected|recovery is in progress",
    re.IGNORECASE,
)
MISSING_DATABASE = re.compile(r'database ".*" does not exist', re.IGNORECASE)


class DatabaseUnavailable(Exception):
    """The name the JSON-RPC error carries (the web client shows it as a notification)."""


EXCEPTION_NAME = "%s.%s" % (__name__, DatabaseUnavailable.__name__)

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title_ar} | {title_en}</title>
<style>
body {{ margin: 0; background: #ffffff; color: #1f2933; font: 1.125rem/1.7 Tahoma, "Noto Sans Arabic", "DejaVu Sans", Arial, sans-serif; }}
main {{ max-width: 40rem; margin: 3rem auto; padding: 0 1.25rem; }}
section {{ border-top: 4px solid #0b5d4b; padding: 1rem 0 1.5rem; }}
h1, h2 {{ font-size: 1.5rem; margin: 0 0 .5rem; color: #0b3d32; }}
a {{ display: inline-block; min-height: 44px; line-height: 44px; padding: 0 1.25rem; background: #0b5d4b; color: #ffffff; border-radius: 6px; text-decoration: none; font-weight: bold; }}
a:focus {{ outline: 3px solid #b45309; outline-offset: 2px; }}
</style>
</head>
<body>
<main>
<section>
<h1>{title_ar}</h1>
<p>{message_ar}</p>
<p><a href="">{retry_ar}</a></p>
</section>
<section lang="en" dir="ltr">
<h2>{title_en}</h2>
<p>{message_en}</p>
<p><a href="">{retry_en}</a></p>
</section>
</main>
</body>
</html>
""".format(
    title_ar=html.escape(TITLE_AR),
    message_ar=html.escape(MESSAGE_AR),
    retry_ar=html.escape(RETRY_AR),
    title_en=html.escape(TITLE_EN),
    message_en=html.escape(MESSAGE_EN),
    retry_en=html.escape(RETRY_EN),
)

# Since when this process has seen the server unreachable (one warning per outage).
_state = {"since": None, "count": 0}


def _errors(exc):
    """The exception and those it was raised from or while handling, once each."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _probe(dbname):
    """True when a new connection to the request's database server fails (server down)."""
    try:
        _db, info = connection_info_for(dbname)
        info = dict(info, connect_timeout=2)
        psycopg2.connect(**info).close()
    except psycopg2.OperationalError as exc:
        return not MISSING_DATABASE.search(str(exc))
    return False


def server_unreachable(exc, dbname):
    """The text of the database error when ``exc`` comes from the server being unreachable.

    None when it does not: no database error in the chain, a database that does not
    exist (Odoo's own handling stays), or an error of the query itself (timeouts, locks,
    serialization failures...).
    """
    # psycopg2.Error: OperationalError mostly, InterfaceError for a connection already
    # closed, and a bare DatabaseError when Odoo's pool resets a pooled connection the
    # server closed (seen under load by scripts/faults.sh).
    errors = [error for error in _errors(exc) if isinstance(error, psycopg2.Error)]
    texts = [str(error).strip() or type(error).__name__ for error in errors]
    if not errors or any(MISSING_DATABASE.search(text) for text in texts):
        return None
    for error, text in zip(errors, texts, strict=True):
        pgcode = getattr(error, "pgcode", None) or ""
        if pgcode in OUTAGE_PGCODES or pgcode.startswith("08") or OUTAGE_TEXT.search(text):
            return text
    if any(not getattr(error, "pgcode", None) for error in errors) and _probe(dbname):
        return texts[0]
    return None


def _request_id(httprequest):
    try:
        return json.loads(httprequest.get_data(as_text=True) or "{}").get("id")
    except (ValueError, AttributeError):
        return None


def outage_response(request):
    """HTTP 503 with Retry-After: the bilingual page, or a JSON-RPC error for JSON."""
    headers = [
        ("Retry-After", str(RETRY_AFTER)),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    if request.httprequest.mimetype in http.JSON_MIMETYPES:
        error = {
            "code": 503,
            "message": MESSAGE,
            "data": {
                "name": EXCEPTION_NAME,
                "message": MESSAGE,
                "arguments": [MESSAGE],
                "context": {},
                "debug": "",
            },
        }
        body = {"jsonrpc": "2.0", "id": _request_id(request.httprequest), "error": error}
        return http.Response(
            json.dumps(body, ensure_ascii=False),
            status=503,
            headers=headers,
            content_type="application/json; charset=utf-8",
        )
    headers.append(("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"))
    return http.Response(PAGE, status=503, headers=headers, content_type="text/html; charset=utf-8")


def _log_outage(reason, dbname):
    if _state["since"] is None:
        _state.update(since=time.monotonic(), count=0)
        _logger.warning(
            "Database server unreachable for %s (%s): answering HTTP 503 until it is back",
            dbname,
            reason.splitlines()[0][:200],
        )
    _state["count"] += 1


def _log_recovery():
    if _state["since"] is not None:
        _logger.info(
            "Database server reachable again after %.1f s (%d request(s) answered 503)",
            time.monotonic() - _state["since"],
            _state["count"],
        )
        _state.update(since=None, count=0)


def _wrap_serve_db(serve_db):
    @functools.wraps(serve_db)
    def _serve_db(self):
        try:
            response = serve_db(self)
        except Exception as exc:
            reason = server_unreachable(exc, self.db)
            if reason is None:
                raise
            _log_outage(reason, self.db)
            return outage_response(self)
        _log_recovery()
        return response

    _serve_db.beneficiary_outage_wrapped = True
    return _serve_db


def post_load():
    """Install the wrapper once per process (the manifest's ``post_load`` hook)."""
    if getattr(http.Request._serve_db, "beneficiary_outage_wrapped", False):
        return
    http.Request._serve_db = _wrap_serve_db(http.Request._serve_db)
