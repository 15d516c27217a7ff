"""Load test of the addon (run by scripts/load.sh and scripts/faults.sh, not by the tests).

Three kinds of users against one Odoo in multi-process mode:

* visitors open the list of services open online, open a service's form and send an
  application (CSRF token, the form's token, a PDF document) — each from an address of
  its own, as behind a reverse proxy (``X-Forwarded-For`` with ``proxy_mode``), so the
  public forms' flood limit applies per applicant as in production;
* beneficiaries log in to the portal, open their requests and one request, and send a
  missing document;
* officers log in over JSON-RPC as the web client does, open the list of requests and
  a request's form, and move a verified request to social research (a workflow button).

Every answer is checked for what a person would see: an application ends on its "thank
you" page, an upload on the request page with "upload=done", an RPC call without an
``error``. Anything else is a failure with what the user saw (HTTP status and the error
shown). ``BR_LOAD_DATA`` names the JSON written by scripts/load/prepare.py.
"""

import os
import random
import sys

from locust import HttpUser, between, task

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from forms import (  # noqa: E402
    DATA,
    DOCUMENT_RE,
    SERVICE_RE,
    UPLOAD_FORM_RE,
    application_fields,
    hidden_fields,
    pdf_bytes,
    shown_error,
    upload_fields,
)


class Visitor(HttpUser):
    """Someone applying online without an account."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        host = self.host.split("//", 1)[-1]
        self.client.headers.update(
            {"X-Forwarded-Host": host, "X-Forwarded-Proto": "http", "Accept-Language": "ar"}
        )

    @task
    def apply(self):
        # Each application is a new applicant, from an address of their own (the flood
        # limit, 5 an hour per address, stays on as in production).
        self.client.cookies.clear()
        self.client.headers["X-Forwarded-For"] = "10.%d.%d.%d" % tuple(
            random.randint(1, 254) for _ in range(3)
        )
        with self.client.get(
            "/beneficiary/apply", name="visitor: service list", catch_response=True
        ) as response:
            services = SERVICE_RE.findall(response.text or "")
            if response.status_code != 200 or not services:
                response.failure(shown_error(response))
                return
        url = random.choice(services)[0]
        with self.client.get(url, name="visitor: open form", catch_response=True) as response:
            fields = hidden_fields(response.text or "")
            if response.status_code != 200 or "form_token" not in fields:
                response.failure(shown_error(response))
                return
            documents = DOCUMENT_RE.findall(response.text)
        fields.update(application_fields(DATA))
        files = {name: ("document.pdf", pdf_bytes(), "application/pdf") for name in documents}
        with self.client.post(
            url, data=fields, files=files, name="visitor: send application", catch_response=True
        ) as response:
            if response.status_code != 200 or "/beneficiary/apply/thanks/" not in response.url:
                response.failure(shown_error(response))


class Beneficiary(HttpUser):
    """A beneficiary following their requests on the portal."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        self.account = random.choice(DATA["beneficiaries"])
        self.logged_in = False
        self.login()

    def login(self):
        with self.client.get(
            "/web/login", name="beneficiary: login page", catch_response=True
        ) as page:
            token = hidden_fields(page.text or "").get("csrf_token")
            if not token:
                page.failure(shown_error(page))
                return
        with self.client.post(
            "/web/login",
            data={
                "login": self.account["login"],
                "password": DATA["password"],
                "csrf_token": token,
                "redirect": "/my",
            },
            name="beneficiary: login",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "/web/login" in response.url:
                response.failure(shown_error(response))
                return
        self.logged_in = True

    @task
    def follow_requests(self):
        if not self.logged_in:
            self.login()
            return
        with self.client.get(
            "/my/requests", name="beneficiary: my requests", catch_response=True
        ) as response:
            if response.status_code != 200 or "/web/login" in response.url:
                response.failure(shown_error(response))
                self.logged_in = "/web/login" not in response.url
                return
        request_id = random.choice(self.account["requests"])
        with self.client.get(
            "/my/requests/%s" % request_id, name="beneficiary: open request", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(shown_error(response))
                return
            forms = UPLOAD_FORM_RE.findall(response.text or "")
            fields = hidden_fields(response.text or "")
        if not forms or "document_type_id" not in fields:
            return  # nothing asked for this request any more: nothing to send
        with self.client.post(
            forms[0][0],
            data=upload_fields(fields),
            files={"file": ("document.pdf", pdf_bytes(), "application/pdf")},
            name="beneficiary: upload document",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "upload=done" not in response.url:
                response.failure(shown_error(response))


class Officer(HttpUser):
    """Staff working in the backend: the web client's JSON-RPC calls."""

    weight = 1
    wait_time = between(1, 3)
    MODEL = "beneficiary.support.request"
    LIST = {
        "ref": {},
        "beneficiary_id": {"fields": {"display_name": {}}},
        "service_id": {"fields": {"display_name": {}}},
        "state": {},
        "submit_date": {},
        "decision_deadline": {},
        "officer_id": {"fields": {"display_name": {}}},
    }
    FORM = {
        **LIST,
        "description": {},
        "researcher_id": {"fields": {"display_name": {}}},
        "missing_document_type_ids": {"fields": {"display_name": {}}},
        "eligibility_ok": {},
    }

    def on_start(self):
        self.login = random.choice(DATA["officers"])
        self.logged_in = False
        self.authenticate()

    def rpc(self, url, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": random.randint(1, 10**9)}
        payload["params"] = params
        with self.client.post(url, json=payload, name=name, catch_response=True) as response:
            try:
                body = response.json()
            except ValueError:
                response.failure(shown_error(response))
                return None
            if response.status_code != 200 or "error" in body:
                error = body.get("error", {}) if isinstance(body, dict) else {}
                data = error.get("data", {}) if isinstance(error, dict) else {}
                response.failure(
                    "HTTP %s: %s: %s"
                    % (response.status_code, data.get("name"), (data.get("message") or "")[:150])
                )
                return None
            return body.get("result")

    def call(self, method, args, kwargs, name):
        return self.rpc(
            "/web/dataset/call_kw/%s/%s" % (self.MODEL, method),
            {"model": self.MODEL, "method": method, "args": args, "kwargs": kwargs},
            name,
        )

    def authenticate(self):
        result = self.rpc(
            "/web/session/authenticate",
            {"db": DATA["db"], "login": self.login, "password": DATA["password"]},
            "officer: login (RPC)",
        )
        self.logged_in = bool(result and result.get("uid"))

    @task(3)
    def open_list_and_form(self):
        if not self.logged_in:
            self.authenticate()
            return
        result = self.call(
            "web_search_read",
            [],
            {"specification": self.LIST, "domain": [], "limit": 80, "offset": 0, "order": ""},
            "officer: request list (RPC)",
        )
        if not result or not result.get("records"):
            return
        record = random.choice(result["records"])
        self.call(
            "web_read",
            [[record["id"]]],
            {"specification": self.FORM},
            "officer: request form (RPC)",
        )

    @task(1)
    def move_request(self):
        if not self.logged_in:
            self.authenticate()
            return
        found = self.call(
            "web_search_read",
            [],
            {
                "specification": {"ref": {}},
                "domain": [["state", "=", "verification"], ["researcher_id", "!=", False]],
                "limit": 1,
                "offset": random.randint(0, 500),
                "order": "id",
            },
            "officer: find a verified request (RPC)",
        )
        if not found or not found.get("records"):
            return
        self.call(
            "action_send_to_research",
            [[found["records"][0]["id"]]],
            {},
            "officer: send to research (RPC workflow)",
        )
