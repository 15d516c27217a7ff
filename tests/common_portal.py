import base64
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.http import Request
from odoo.tests import HttpCase

from .common import TINY_PDF
from .common_request import SupportRequestCommon

PDF_BYTES = base64.b64decode(TINY_PDF)
# Decided on 2024-12-29 (noon in Riyadh) = 1446/06/28 AH.
DECISION_DATE = datetime(2024, 12, 29, 9, 0)
REJECTION_REASONS = ("الدخل الشهري يتجاوز الحد الأعلى للخدمة.", "لم تُقدَّم شهادة المؤهل العلمي.")


class PortalCommon(SupportRequestCommon, HttpCase):
    """Two portal beneficiaries, A and B, each with their own file and requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["res.lang"]._activate_lang("en_US")

        def portal_user(login, name, lang):
            return mail_new_test_user(
                cls.env,
                login=login,
                groups="base.group_portal",
                name=name,
                email=f"{login}@example.com",
                lang=lang,
                tz="Asia/Riyadh",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )

        cls.user_a = portal_user("br_portal_a", "نورة الشمري", "en_US")
        cls.user_b = portal_user("br_portal_b", "فهد العتيبي", "ar_001")
        cls.file_a = cls.create_beneficiary(
            partner_id=cls.user_a.partner_id.id, first_name="نورة", gender="female", lang="en_US"
        )
        cls.file_b = cls.create_beneficiary(
            partner_id=cls.user_b.partner_id.id, first_name="فهد", lang="ar_001"
        )
        # The service asks for a document the job seekers' files do not have yet.
        cls.service_docs = cls.create_service(
            name="Home Adaptation",
            document_type_ids=[Command.set(cls.doc_disability_report.ids)],
        )
        cls.open_a = cls.advance(cls.create_request(cls.file_a, cls.service_docs), "submitted")
        cls.rejected_a = cls.decide(
            cls.create_request(cls.file_a, cls.service),
            "rejected",
            rejection_reason="\n".join(REJECTION_REASONS),
        )
        cls.done_a = cls.decide(cls.create_request(cls.file_a, cls.service_direct), "done")
        cls.open_b = cls.advance(cls.create_request(cls.file_b, cls.service_docs), "submitted")

    @classmethod
    def decide(cls, request, state, **values):
        """Put ``request`` straight in a decided ``state`` (the workflow is tested elsewhere)."""
        decision = "approved" if state in ("in_service", "done") else state
        request.write(
            {
                "state": state,
                "decision": decision,
                "decision_date": DECISION_DATE,
                "submit_date": datetime(2024, 12, 15, 9, 0),
                **values,
            }
        )
        return request

    # ------------------------------------------------------------------ helpers
    def url_open(self, *args, **kwargs):
        """The server's request sees what the test wrote; the test then sees its changes."""
        self.env.flush_all()
        response = super().url_open(*args, **kwargs)
        self.env.invalidate_all()
        return response

    def csrf(self):
        return Request.csrf_token(self)

    def upload(self, request, document_type, content=PDF_BYTES, name="report.pdf", **data):
        expiry = fields.Date.to_string(fields.Date.today() + timedelta(days=365))
        return self.url_open(
            "/my/requests/%s/document" % request.id,
            data={
                "document_type_id": document_type.id,
                "csrf_token": self.csrf(),
                "expiry_date": expiry,
                **data,
            },
            files={"file": (name, content)},
        )

    def post_profile(self, **values):
        form = dict(self.file_a._portal_profile_values(), **values)
        return self.url_open("/my/profile", data=dict(form, csrf_token=self.csrf()))

    def call_kw(self, model, method, args, kwargs=None):
        """A JSON-RPC call as the web client makes it: the result, or the error's data."""
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )
