import contextlib
import json
import os
import subprocess
import sys
import tempfile
from unittest.mock import patch

import psycopg2

from odoo import http
from odoo.addons import beneficiary_relations as addon
from odoo.addons.web.controllers import dataset
from odoo.modules.module import get_manifest
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from ..tools import database_outage
from .test_accessibility import AccessibilityCase

# libpq's own texts, as Odoo's workers got them while scripts/faults.sh restarted the
# load test's PostgreSQL.
REFUSED = (
    'connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: '
    "Connection refused\n\tIs the server running locally and accepting connections "
    "on that socket?\n"
)
STARTING_UP = (
    'connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: '
    "FATAL:  the database system is starting up\n"
)
CLOSED = (
    "server closed the connection unexpectedly\n\tThis probably means the server "
    "terminated abnormally\n\tbefore or while processing the request.\n"
)
MISSING = (
    'connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: '
    'FATAL:  database "br_gone" does not exist\n'
)
LOGGER = database_outage.__name__
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# axe-core (injected in every page by AccessibilityCase) on the page, in the browser.
AXE_CHECK = """
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    .then((result) => {
        const bad = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
        if (document.documentElement.lang !== "ar" || document.documentElement.dir !== "rtl") {
            console.error("the page is not in Arabic, right to left");
        } else if (bad.length) {
            console.error("axe: " + JSON.stringify(bad.map((v) => [v.id, v.nodes.map((n) => n.target)])));
        } else {
            console.log("test successful");
        }
    });
"""


@contextlib.contextmanager
def outage(text):
    """The registry cannot be opened: PostgreSQL answers ``text`` (a new connection)."""
    with patch.object(http, "Registry", side_effect=psycopg2.OperationalError(text)):
        yield


@tagged("post_install", "-at_install", "br_production")
class TestDatabaseOutage(HttpCase):
    """Issue 21: while PostgreSQL is down a signed-in user gets a clear 503 and stays
    signed in; a database that does not exist keeps Odoo's own handling."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(cls.env, login="br_outage_officer", groups="base.group_user")
        cls.portal = new_test_user(cls.env, login="br_outage_portal", groups="base.group_portal")

    def setUp(self):
        super().setUp()
        database_outage._state.update(since=None, count=0)

    def outage(self, text):
        return outage(text)

    def stored_session(self):
        return http.root.session_store.get(self.session.sid)

    def rpc(self, model, method, request_id=7):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": request_id,
            "params": {
                "model": model,
                "method": method,
                "args": [],
                "kwargs": {"fields": ["name"], "limit": 1},
            },
        }
        return self.url_open(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )

    def assert_clear_page(self, response):
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.headers["Retry-After"], "60")
        self.assertIn("text/html", response.headers["Content-Type"])
        page = response.text
        self.assertIn('<html lang="ar" dir="rtl">', page)
        self.assertIn('<section lang="en" dir="ltr">', page)
        self.assertIn("<title>الخدمة غير متاحة مؤقتًا | Service briefly unavailable</title>", page)
        self.assertIn("<h1>الخدمة غير متاحة مؤقتًا</h1>", page)
        self.assertIn("لم يُفقد شيء مما حفظته", page)
        self.assertIn("Nothing you saved is lost. Please try again in a minute.", page)
        # Arabic first, and nothing of the server's error (socket path, libpq's text).
        self.assertLess(page.index("لم يُفقد"), page.index("Nothing you saved"))
        self.assertNotIn("PGSQL", page)
        self.assertNotIn("Not Found", page)

    def test_signed_in_user_gets_the_clear_page_and_stays_signed_in(self):
        self.authenticate(self.officer.login, self.officer.login)
        with self.assertLogs(LOGGER, "WARNING") as logs, self.outage(REFUSED):
            first = self.url_open("/odoo", allow_redirects=False)
            second = self.url_open("/odoo/action-base.action_partner_form", allow_redirects=False)
        for response in (first, second):
            self.assert_clear_page(response)
        # One warning for the outage, not one per request (and no traceback).
        self.assertEqual(len(logs.records), 1, logs.output)
        self.assertIn("Database server unreachable", logs.output[0])
        self.assertFalse(logs.records[0].exc_info)
        # The session still names the database and the user: not logged out.
        session = self.stored_session()
        self.assertEqual(session.db, self.env.cr.dbname)
        self.assertEqual(session.uid, self.officer.id)
        # PostgreSQL is back: the same session goes on, signed in, without logging in.
        response = self.url_open("/odoo")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("/web/login", response.url)
        # ... and the next outage will be logged again.
        self.assertIsNone(database_outage._state["since"])
        info = self.make_jsonrpc_request("/web/session/get_session_info", {})
        self.assertEqual(info["uid"], self.officer.id)

    def test_portal_user_while_the_server_starts_up(self):
        self.authenticate(self.portal.login, self.portal.login)
        with self.outage(STARTING_UP):
            response = self.url_open("/my", allow_redirects=False)
        self.assert_clear_page(response)
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("/web/login", response.url)
        self.assertEqual(self.stored_session().uid, self.portal.id)

    def test_json_rpc_call_gets_a_json_error_with_the_same_message(self):
        self.authenticate(self.officer.login, self.officer.login)
        with self.outage(REFUSED):
            response = self.rpc("res.partner", "search_read", request_id=42)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.headers["Retry-After"], "60")
        self.assertIn("application/json", response.headers["Content-Type"])
        answer = response.json()
        self.assertEqual(answer["id"], 42)
        self.assertNotIn("result", answer)
        error = answer["error"]
        self.assertEqual(error["code"], 503)
        self.assertEqual(error["data"]["name"], database_outage.EXCEPTION_NAME)
        for message in (error["message"], error["data"]["message"]):
            self.assertIn("لم يُفقد شيء مما حفظته", message)
            self.assertIn("Nothing you saved is lost. Please try again in a minute.", message)
        # No traceback nor the server's error text for the caller.
        self.assertEqual(error["data"]["debug"], "")
        self.assertNotIn("PGSQL", response.text)
        # Back: the same RPC session is still signed in.
        answer = self.rpc("res.partner", "search_read").json()
        self.assertNotIn("error", answer)
        self.assertEqual(self.stored_session().uid, self.officer.id)

    def test_connection_lost_in_the_middle_of_a_request(self):
        """The server goes away while the request runs: 503, not a 500 with a traceback."""
        self.authenticate(self.officer.login, self.officer.login)
        lost = psycopg2.OperationalError(CLOSED)
        with (
            patch.object(dataset, "call_kw", side_effect=lost),
            self.assertNoLogs("odoo.http", "ERROR"),
        ):
            response = self.rpc("res.partner", "search_read")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["error"]["data"]["name"], database_outage.EXCEPTION_NAME)
        self.assertEqual(self.stored_session().uid, self.officer.id)

    def test_missing_database_keeps_odoo_handling(self):
        """A database that does not exist is not an outage: Odoo answers as without the hook."""
        answers = []
        for serve_db in (http.Request._serve_db.__wrapped__, http.Request._serve_db):
            self.authenticate(self.portal.login, self.portal.login)
            with patch.object(http.Request, "_serve_db", serve_db), self.outage(MISSING):
                response = self.url_open("/my", allow_redirects=False)
            answers.append((response.status_code, "Retry-After" in response.headers))
        self.assertEqual(answers[0], answers[1])
        self.assertEqual(answers[1], (404, False))

    def test_only_server_failures_count_as_an_outage(self):
        dbname = self.env.cr.dbname
        unreachable = database_outage.server_unreachable
        for text in (REFUSED, STARTING_UP, CLOSED):
            wrapped = http.RegistryError("Cannot get registry")
            wrapped.__cause__ = psycopg2.OperationalError(text)
            self.assertEqual(unreachable(wrapped, dbname), text.strip())
        self.assertIsNotNone(
            unreachable(psycopg2.InterfaceError("connection already closed"), dbname)
        )
        # Odoo's pool resetting a pooled connection the server closed.
        self.assertIsNotNone(unreachable(psycopg2.DatabaseError(CLOSED), dbname))
        self.assertIsNone(unreachable(psycopg2.OperationalError(MISSING), dbname))
        self.assertIsNone(unreachable(ValueError("not a database error"), dbname))
        # An error of the query itself while the server answers (checked with a new
        # connection to it): Odoo's own handling.
        timeout = psycopg2.OperationalError("canceling statement due to statement timeout")
        self.assertIsNone(unreachable(timeout, dbname))

    def test_hook_is_the_manifests_post_load(self):
        """Odoo's loader calls it in every process that imports the addon (server-wide
        with --load=base,web,beneficiary_relations: from the start)."""
        hook = get_manifest("beneficiary_relations")["post_load"]
        self.assertIs(getattr(addon, hook), database_outage.post_load)
        self.assertTrue(http.Request._serve_db.beneficiary_outage_wrapped)
        wrapper = http.Request._serve_db
        database_outage.post_load()  # a second call does not wrap twice
        self.assertIs(http.Request._serve_db, wrapper)


@tagged("post_install", "-at_install", "br_production")
class TestOutageScripts(TransactionCase):
    """Production loads the hook from the start; the fault run reports a signed-out user."""

    def test_production_loads_the_addon_server_wide(self):
        for function in ("br_prod_config", "br_server_wide"):
            result = subprocess.run(
                ["bash", "-c", 'source "$1"; %s' % function, "-", ROOT + "/scripts/prod.sh"],
                capture_output=True,
                text=True,
                check=True,
            )
            self.assertIn("server_wide_modules = base,web,beneficiary_relations", result.stdout)

    def report(self, page_after):
        """The fault table for a PostgreSQL fault; the page probe's user after it."""
        events = []
        for t in range(40):
            down = 10 <= t < 20
            for probe in ("apply", "upload", "rpc"):
                events.append({"t": t, "probe": probe, "ok": not down, "detail": ""})
            detail = "HTTP 503 (Retry-After 60): the clear page"
            if not down:
                detail = "signed in, login 1" if t < 10 else page_after
            events.append({"t": t, "probe": "page", "ok": not down, "detail": detail})
        checks = dict.fromkeys(
            (
                "requests_without_number",
                "requests_without_declaration",
                "requests_without_document",
                "documents_without_file",
                "duplicate_numbers",
            ),
            0,
        )
        checks["lost"] = {"beneficiary_support_request": 0}
        fault = {"name": "postgres", "action": "restart", "t_start": 10, "t_end": 19}
        fault.update(recovered_s=1.5, ok=True, skipped=False, checks=checks)
        with tempfile.TemporaryDirectory() as folder:
            probes, faults = os.path.join(folder, "p.jsonl"), os.path.join(folder, "f.jsonl")
            with open(probes, "w") as out:
                out.write("\n".join(json.dumps(event) for event in events))
            with open(faults, "w") as out:
                out.write(json.dumps(fault))
            script = os.path.join(ROOT, "scripts", "load", "faults_report.py")
            command = [sys.executable, script, "table", "--probe-log", probes, "--faults", faults]
            return subprocess.run(command, capture_output=True, text=True, check=False).stdout

    def test_fault_table_says_what_the_signed_in_user_saw(self):
        table = self.report("signed in, login 1")
        self.assertIn(
            "10× HTTP 503 (Retry-After 60): the clear page — still signed in after", table
        )
        self.assertIn("| ok |", table)
        # Logged out by the fault (Odoo alone): the row fails.
        table = self.report("signed in, login 2")
        self.assertIn("**signed out** (had to log in again)", table)
        self.assertIn("FAILED", table)


@tagged("post_install", "-at_install", "br_production")
class TestDatabaseOutagePage(AccessibilityCase):
    """The page a signed-in user sees during the outage, in Chromium: WCAG 2.2 AA (axe)."""

    def test_outage_page_is_accessible(self):
        user = new_test_user(self.env, login="br_outage_a11y", groups="base.group_portal")
        self.env.flush_all()

        def only_axe_failures(message):
            # The browser reports the 503 itself (the page and its favicon): expected.
            return "status of 503" not in message

        with outage(REFUSED):
            self.browser_js(
                "/my",
                AXE_CHECK,
                ready="typeof axe !== 'undefined'",
                login=user.login,
                error_checker=only_axe_failures,
            )
