"""What one user sees during the fault run (scripts/faults.sh), second by second.

Four probes loop side by side until the stop file appears, each writing one JSON line
per attempt (time, probe, ok, what the user saw): a visitor sending an application, a
beneficiary sending a document, an officer opening the request list over JSON-RPC, and a
signed-in beneficiary opening "my account" with the same session all along (the HTTP
status, whether the clear "briefly unavailable" page came, and whether they were signed
out: a refused connection keeps the session, only a redirect to the login page ends it).
The locust load runs beside them; the probes give each fault's window its own record.
"""

import argparse
import json
import os
import random
import sys
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("BR_LOAD_DATA", "")

import forms as lf  # noqa: E402  (the same forms, fields and files as the load)

TIMEOUT = 60


def what_failed(exc_or_response):
    if isinstance(exc_or_response, Exception):
        name = type(exc_or_response).__name__
        text = str(exc_or_response)
        if "RemoteDisconnected" in text or "Connection aborted" in text:
            return "connection closed by the server (%s)" % name
        if "Connection refused" in text:
            return "connection refused"
        return "%s: %s" % (name, text[:120])
    return lf.shown_error(exc_or_response)


class Probe:
    def __init__(self, host, data, out, lock):
        self.host, self.data, self.out, self.lock = host, data, out, lock

    def record(self, probe, ok, detail=""):
        line = {"t": round(time.time(), 3), "probe": probe, "ok": ok, "detail": detail}
        with self.lock:
            self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.out.flush()

    def apply(self):
        session = requests.Session()
        session.headers.update(
            {
                "X-Forwarded-For": "10.250.%d.%d"
                % (random.randint(1, 254), random.randint(1, 254)),
                "X-Forwarded-Host": self.host.split("//", 1)[-1],
                "X-Forwarded-Proto": "http",
            }
        )
        url = "%s/beneficiary/apply/%s" % (self.host, random.choice(self.data["services"]))
        page = session.get(url, timeout=TIMEOUT)
        fields = lf.hidden_fields(page.text)
        if page.status_code != 200 or "form_token" not in fields:
            return False, lf.shown_error(page)
        answers = lf.application_fields(self.data)
        fields.update(answers)
        files = {
            name: ("document.pdf", lf.pdf_bytes(), "application/pdf")
            for name in lf.DOCUMENT_RE.findall(page.text)
        }
        response = session.post(url, data=fields, files=files, timeout=TIMEOUT)
        if response.status_code == 200 and "/beneficiary/apply/thanks/" in response.url:
            # The applicant was told the application was received: it must stay.
            return True, "received:%s" % answers["national_id"]
        return False, lf.shown_error(response)

    def login(self, state):
        """A beneficiary's portal session in ``state``; an error text when refused."""
        session = requests.Session()
        page = session.get(self.host + "/web/login", timeout=TIMEOUT)
        token = lf.hidden_fields(page.text).get("csrf_token")
        account = random.choice(self.data["beneficiaries"])
        response = session.post(
            self.host + "/web/login",
            data={
                "login": account["login"],
                "password": self.data["password"],
                "csrf_token": token,
                "redirect": "/my",
            },
            timeout=TIMEOUT,
        )
        if "/web/login" in response.url:
            return lf.shown_error(response)
        state.update(session=session, account=account)
        return None

    def upload(self, state):
        if state.get("session") is None:
            error = self.login(state)
            if error:
                return False, error
        session = state["session"]
        request_id = random.choice(state["account"]["requests"])
        page = session.get("%s/my/requests/%s" % (self.host, request_id), timeout=TIMEOUT)
        fields = lf.hidden_fields(page.text)
        if page.status_code != 200:
            if "/web/login" in page.url:
                state.pop("session")
            return False, lf.shown_error(page)
        if "document_type_id" not in fields:
            return True, "nothing asked"
        response = session.post(
            "%s/my/requests/%s/document" % (self.host, request_id),
            data=lf.upload_fields(fields),
            files={"file": ("document.pdf", lf.pdf_bytes(), "application/pdf")},
            timeout=TIMEOUT,
        )
        if response.status_code == 200 and "upload=done" in response.url:
            return True, ""
        return False, lf.shown_error(response)

    def rpc(self, state):
        session = state.get("session")

        def call(url, params):
            payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            response = session.post(self.host + url, json=payload, timeout=TIMEOUT)
            try:
                body = response.json()
            except ValueError:
                return None, "HTTP %s: not JSON" % response.status_code
            if "error" in body:
                data = body["error"].get("data", {})
                return None, "HTTP %s: %s: %s" % (
                    response.status_code,
                    (data.get("name") or "").rsplit(".", 1)[-1],
                    (data.get("message") or "")[:120],
                )
            return body.get("result"), ""

        if session is None:
            session = state["session"] = requests.Session()
            result, error = call(
                "/web/session/authenticate",
                {
                    "db": self.data["db"],
                    "login": self.data["officers"][0],
                    "password": self.data["password"],
                },
            )
            if error:
                state.pop("session")
                return False, error
        result, error = call(
            "/web/dataset/call_kw/beneficiary.support.request/web_search_read",
            {
                "model": "beneficiary.support.request",
                "method": "web_search_read",
                "args": [],
                "kwargs": {"specification": {"ref": {}, "state": {}}, "domain": [], "limit": 80},
            },
        )
        if error and "SessionExpired" in error:
            state.pop("session")
        return not error, error

    def page(self, state):
        """A signed-in beneficiary's "my account": what they see, and whether still signed in."""
        if state.get("session") is None:
            error = self.login(state)
            if error:
                return False, error
            state["logins"] = state.get("logins", 0) + 1
        response = state["session"].get(self.host + "/my", timeout=TIMEOUT)
        if "/web/login" in response.url:
            state.pop("session")
            return False, "HTTP %s: signed out (sent to the login page)" % response.status_code
        if response.status_code == 503:
            return False, "HTTP 503 (Retry-After %s): %s" % (
                response.headers.get("Retry-After", "none"),
                "the clear page" if lf.CLEAR_PAGE in response.text else lf.shown_error(response),
            )
        if response.status_code != 200:
            return False, lf.shown_error(response)
        # "signed in, login n": n grows only when the user had to log in again.
        return True, "signed in, login %s" % state["logins"]

    def loop(self, name, stop_file):
        state = {}
        while not os.path.exists(stop_file):
            try:
                ok, detail = self.apply() if name == "apply" else getattr(self, name)(state)
            except requests.RequestException as exc:
                ok, detail = False, what_failed(exc)
                if name != "page":  # no answer is not a logout: the page probe keeps it
                    state.pop("session", None)
            self.record(name, ok, detail)
            time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--stop-file", required=True)
    args = parser.parse_args()
    with open(args.data) as data_file:
        data = json.load(data_file)
    with open(args.out, "a") as out:
        probe = Probe(args.host, data, out, threading.Lock())
        threads = [
            threading.Thread(target=probe.loop, args=(name, args.stop_file), daemon=True)
            for name in ("apply", "upload", "rpc", "page")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


if __name__ == "__main__":
    main()
