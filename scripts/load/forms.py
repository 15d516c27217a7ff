"""The forms the load users fill, shared by the locustfile and the fault run's probes
(no locust import here: locust patches the standard library with gevent)."""

import datetime
import importlib.util
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = {}
if os.environ.get("BR_LOAD_DATA"):
    with open(os.environ["BR_LOAD_DATA"]) as _data:
        DATA = json.load(_data)

# The addon's own ID-number rules (tools/saudi.py imports nothing from Odoo).
_spec = importlib.util.spec_from_file_location(
    "br_saudi", os.path.join(HERE, "..", "..", "tools", "saudi.py")
)
saudi = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(saudi)

HIDDEN_RE = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"')
SERVICE_RE = re.compile(r'href="([^"]*/beneficiary/apply/(\d+))"')
DOCUMENT_RE = re.compile(r'name="(document_\d+)"')
ERROR_RE = re.compile(
    r'(?:id="apply_errors"|id="br_upload_error"|class="[^"]*(?:invalid-feedback|alert-danger)[^"]*")'
    r"[^>]*>(.{3,600}?)</(?:div|ul)>",
    re.S,
)
TAG_RE = re.compile(r"<[^>]+>")
UPLOAD_FORM_RE = re.compile(r'action="(/my/requests/(\d+)/document)"')

FIRST = ("محمد", "عبدالله", "فهد", "نورة", "سارة", "خالد")
FAMILY = ("القحطاني", "العتيبي", "الشهري", "الغامدي", "الدوسري")


def pdf_bytes():
    """A small PDF unique to this call (each upload is a new file in the filestore)."""
    marker = "%032x" % random.getrandbits(128)
    body = "%%PDF-1.4\n%% load test %s\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n" % marker
    return body.encode() + os.urandom(2048)


def application_fields(data):
    """A new applicant's answers: an ID number outside the benchmark's range (a new file)."""
    number = saudi.national_id_check_digit("1%08d" % random.randint(50000000, 99999999))
    return {
        "first_name": random.choice(FIRST),
        "father_name": random.choice(FIRST),
        "grandfather_name": random.choice(FIRST),
        "family_name": random.choice(FAMILY),
        "national_id": number,
        "nationality_id": str(data.get("saudi_arabia", "")),
        "birth_date": "19%02d-%02d-%02d"
        % (random.randint(50, 99), random.randint(1, 12), random.randint(1, 28)),
        "gender": random.choice(("male", "female")),
        "mobile": "05%08d" % random.randint(0, 99999999),
        "email": "",
        "building_number": "%04d" % random.randint(1000, 9999),
        "street": "طريق الملك فهد",
        "district": "العليا",
        "city": "الرياض",
        "zip": "%05d" % random.randint(11000, 11999),
        "additional_number": "%04d" % random.randint(1000, 9999),
        "description": "طلب دعم (اختبار الحمل)",
        "accept_declaration": "1",
        "accept_consent": "1",
    }


def upload_fields(hidden):
    """A portal upload: the page's CSRF token and document type, an expiry date a year
    ahead (asked for the documents that expire, ignored for the others)."""
    expiry = datetime.date.today() + datetime.timedelta(days=365)
    return {
        "csrf_token": hidden["csrf_token"],
        "document_type_id": hidden["document_type_id"],
        "expiry_date": expiry.isoformat(),
    }


def hidden_fields(html):
    return dict(HIDDEN_RE.findall(html))


CLEAR_PAGE = "Nothing you saved is lost"


def shown_error(response):
    """What the page told the user, for the failure message."""
    error = getattr(response, "error", None)
    if error and not getattr(response, "status_code", 0):
        # No HTTP answer: the connection failed (refused, reset, closed mid-request).
        return "no answer: %s" % str(error)[:150]
    text = response.text if response is not None else ""
    if getattr(response, "status_code", 0) == 503 and CLEAR_PAGE in (text or ""):
        # tools/database_outage.py's page while PostgreSQL is unreachable.
        return "HTTP 503 (Retry-After %s): the clear page" % response.headers.get("Retry-After")
    match = ERROR_RE.search(text or "")
    if match:
        detail = " ".join(TAG_RE.sub(" ", match.group(1)).split())[:200]
    else:
        detail = " ".join(TAG_RE.sub(" ", (text or "")[:400]).split())[:120]
    return "HTTP %s: %s" % (getattr(response, "status_code", 0), detail)
