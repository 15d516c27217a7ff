"""The public online application's fixtures: a service open online, its documents and
categories, the policy in force, and helpers that fill and send the form over HTTP."""

import base64
import re
from datetime import date, timedelta

from odoo import Command
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import HttpCase

from ..tools import saudi
from .common import TINY_PDF

PDF = base64.b64decode(TINY_PDF)
PNG = base64.b64decode(
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
TOUR_NATIONAL_ID = "1098765447"  # a valid citizen number used by portal_apply_tour


class PortalApplyCommon(HttpCase):
    """An anonymous visitor on the public online application page (issue #5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Arabic is the default language of the demo database; English is the second one.
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.company = cls.env.ref("base.main_company")
        cls.officer = mail_new_test_user(
            cls.env,
            login="br_apply_officer",
            groups="beneficiary_relations.group_beneficiary_manager",
            name="مسؤول الطلبات الإلكترونية",
            email="br_apply_officer@example.com",
        )
        cls.company.write(
            {"beneficiary_portal_officer_id": cls.officer.id, "beneficiary_manager_id": False}
        )
        Policy = cls.env["beneficiary.policy"]
        Policy.search([("company_id", "=", cls.company.id), ("state", "=", "approved")]).write(
            {"state": "superseded"}
        )
        cls.policy = Policy.create(
            {
                "name": "سياسة العلاقة مع المستفيدين",
                "version": "7.3",
                "company_id": cls.company.id,
                "state": "approved",
                "approval_date": date.today(),
                "declaration_text": "<p>DECLARATION-7.3: أقر بصحة البيانات</p>",
                "consent_text": "<p>CONSENT-7.3: أوافق على الشروط</p>",
            }
        )
        ref = cls.env.ref
        cls.doc_id = ref("beneficiary_relations.document_type_national_id")  # has expiry
        cls.doc_cv = ref("beneficiary_relations.document_type_cv")
        cls.doc_income = ref("beneficiary_relations.document_type_income_proof")
        cls.category = cls.env["beneficiary.category"].create(
            {"name": "Test Category", "document_type_ids": [Command.set(cls.doc_income.ids)]}
        )
        Service = cls.env["beneficiary.service"]
        cls.service = Service.create(
            {
                "name": "Home Care Online",
                "company_id": cls.company.id,
                "portal_published": True,
                "decision_days": 10,
                "min_age": 18,
                "document_type_ids": [Command.set((cls.doc_id | cls.doc_cv).ids)],
                "category_ids": [Command.set(cls.category.ids)],
            }
        )
        cls.service_hidden = Service.create(
            {"name": "Hidden Internal Service", "company_id": cls.company.id}
        )
        cls.service_referred = Service.create(
            {
                "name": "Referred Elsewhere",
                "company_id": cls.company.id,
                "portal_published": True,
                "in_scope": False,
            }
        )
        cls.Beneficiary = cls.env["beneficiary.beneficiary"].with_context(active_test=False)
        cls.Request = cls.env["beneficiary.support.request"]

    # ------------------------------------------------------------------ helpers
    def url(self, path, lang="en"):
        # Arabic is the default language: /ar/... redirects to the page without prefix
        # and remembers the language in a cookie, as a browser would.
        return "/%s%s" % (lang, path)

    def open_form(self, service=None, lang="en"):
        response = self.url_open(
            self.url("/beneficiary/apply/%s" % (service or self.service).id, lang)
        )
        self.assertEqual(response.status_code, 200)
        html = response.text
        return {
            "html": html,
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', html).group(1),
            "form_token": re.search(r'name="form_token" value="([^"]+)"', html).group(1),
            # The privacy notice in force shown above the consent (the demo association
            # has one), sent back as a browser does.
            "privacy_notice_version": (
                re.search(r'name="privacy_notice_version" value="([^"]*)"', html) or [None, None]
            )[1],
        }

    def form_data(self, form, **values):
        data = {
            "csrf_token": form["csrf_token"],
            "form_token": form["form_token"],
            "terms_version": "7.3",
            "first_name": "نورة",
            "father_name": "عبدالرحمن",
            "grandfather_name": "صالح",
            "family_name": "الدوسري",
            "national_id": saudi.national_id_check_digit("105555123"),
            "nationality_id": str(self.env.ref("base.sa").id),
            "birth_date": "1992-03-15",
            "gender": "female",
            "mobile": "0551234567",
            "email": "noura.apply@example.com",
            "building_number": "2929",
            "street": "طريق الملك فهد",
            "district": "العليا",
            "city": "الرياض",
            "zip": "12244",
            "additional_number": "7788",
            "category_ids": [str(self.category.id)],
            "description": "أحتاج رعاية منزلية لوالدتي",
            "accept_declaration": "1",
            "accept_consent": "1",
            "expiry_%s" % self.doc_id.id: str(date.today() + timedelta(days=400)),
        }
        if form.get("privacy_notice_version"):
            data["privacy_notice_version"] = form["privacy_notice_version"]
        for key, value in values.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return data

    def files(self, **overrides):
        files = {
            "document_%s" % self.doc_id.id: ("id.pdf", PDF, "application/pdf"),
            "document_%s" % self.doc_cv.id: ("cv.png", PNG, "image/png"),
            "document_%s" % self.doc_income.id: ("income.pdf", PDF, "application/pdf"),
        }
        for key, value in overrides.items():
            if value is None:
                files.pop(key, None)
            else:
                files[key] = value
        return files

    def submit(self, form, data, files, service=None, lang="en", allow_redirects=True):
        return self.url_open(
            self.url("/beneficiary/apply/%s" % (service or self.service).id, lang),
            data=data,
            files=files,
            allow_redirects=allow_redirects,
        )

    def assertNothingCreated(self, national_id, requests_before):
        self.env.invalidate_all()
        self.assertFalse(self.Beneficiary.search([("national_id", "=", national_id)]))
        self.assertEqual(self.Request.search_count([]), requests_before)

    def create_file(self, **values):
        return self.env["beneficiary.beneficiary"].create(
            {
                "first_name": "سارة",
                "father_name": "محمد",
                "grandfather_name": "علي",
                "family_name": "الشهري",
                "national_id": saudi.national_id_check_digit("107777001"),
                "email": "sara.onfile@example.com",
                "mobile": "+966 50 111 2222",
                "company_id": self.company.id,
                **values,
            }
        )
