"""Accessibility of the portal and public pages (issue #19): axe-core (WCAG 2.0, 2.1
and 2.2, levels A and AA) in headless Chromium, for a visitor, a beneficiary and a
partner association, in Arabic and in English. A serious or critical violation fails the
test; moderate and minor ones are written to the test log ("a11y (not blocking)").

axe-core is installed by scripts/common.sh into the cache; its path comes in the
``BR_AXE_JS`` environment variable. To check a new page, add one line to the page list of
its role below (``(label, path)``), or call ``self.assert_accessible(...)`` from any test
class that mixes in ``AccessibilityCase``.
"""

import json
import logging
import os
from datetime import timedelta
from functools import cache
from unittest.mock import patch

import odoo.http
from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from . import test_periodic_review
from .common import TINY_PDF
from .common_partner import PartnerCommon
from .common_portal import PortalCommon

LANGS = {"ar": "ar_001", "en": "en_US"}


@cache
def axe_source():
    path = os.environ.get("BR_AXE_JS")
    if not path or not os.path.isfile(path):
        raise AssertionError(
            "axe-core not found (BR_AXE_JS=%r): run the tests through scripts/test.sh, "
            "which installs it" % path
        )
    with open(path, encoding="utf-8") as source:
        return source.read()


class _ShortTestCode(logging.Filter):
    """The browser's test code is logged in full: keep the log readable."""

    def filter(self, record):
        if isinstance(record.msg, str) and record.msg.startswith("Evaluate test code"):
            record.args = tuple(str(arg)[:300] for arg in record.args or ())
        return True


class AccessibilityCase(HttpCase):
    """Runs axe-core on pages in headless Chromium.

    axe-core is added to every document the browser opens (Chrome DevTools
    ``Page.addScriptToEvaluateOnNewDocument``), so any tour of a test of this class may
    check a page with ``accessibilityStep`` of static/src/tours/accessibility_tour.js.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["res.lang"]._activate_lang("en_US")
        cls._logger.addFilter(_ShortTestCode())

    visitor_lang = None  # the language a visitor's browser asks for (Accept-Language)

    def authenticate(self, user, password, browser=None):
        result = super().authenticate(user, password, browser=browser)
        if not user and self.visitor_lang:
            # Odoo takes a visitor's language from the browser (Accept-Language) when it
            # opens the session; the test session is in English: set it as the browser would.
            self.session.context["lang"] = self.visitor_lang
            odoo.http.root.session_store.save(self.session)
        return result

    def browser_js(self, *args, **kwargs):
        source = axe_source()
        navigate_to = ChromeBrowser.navigate_to

        def navigate_with_axe(browser, url, wait_stop=False):
            browser._websocket_request(
                "Page.addScriptToEvaluateOnNewDocument", params={"source": source}, timeout=30
            )
            return navigate_to(browser, url, wait_stop=wait_stop)

        with patch.object(ChromeBrowser, "navigate_to", navigate_with_axe):
            return super().browser_js(*args, **kwargs)

    @staticmethod
    def lang_path(path, lang):
        # Arabic is the default language: its pages have no prefix (the language comes
        # from the cookie); English pages are under /en.
        if lang == "en" and not path.startswith("/web/"):
            return "/en" + path
        return path

    def assert_accessible(self, pages, login=None, lang="ar"):
        """Check each ``(label, path)`` of ``pages`` as ``login`` (None: a visitor)."""
        pages = [(label, self.lang_path(path, lang)) for label, path in pages]
        options = {
            "stepDelay": 0,
            "keepWatchBrowser": False,
            "debug": False,
            "startUrl": pages[0][1],
            "delayToCheckUndeterminisms": 0,
        }
        code = "localStorage.setItem(%s, %s); odoo.startTour(%s, %s);" % (
            json.dumps("beneficiary_relations.a11y_pages"),
            json.dumps(json.dumps({"lang": lang, "pages": pages})),
            json.dumps("beneficiary_accessibility_pages"),
            json.dumps(options),
        )
        self.env.flush_all()
        self.visitor_lang = LANGS[lang]
        self.start_tour(
            pages[0][1],
            "beneficiary_accessibility_pages",
            login=login,
            code=code,
            cookies={"frontend_lang": LANGS[lang]},
            timeout=60 + 20 * len(pages),
        )

    def run_accessibility_tour(self, path, tour, login=None, lang="ar", timeout=120, config=None):
        """Run ``tour`` (its steps check pages with ``accessibilityStep``) in ``lang``;
        ``config`` is added to what the tour reads from localStorage."""
        path = self.lang_path(path, lang)
        options = {
            "stepDelay": 0,
            "keepWatchBrowser": False,
            "debug": False,
            "startUrl": path,
            "delayToCheckUndeterminisms": 0,
        }
        code = "localStorage.setItem(%s, %s); odoo.startTour(%s, %s);" % (
            json.dumps("beneficiary_relations.a11y_pages"),
            json.dumps(json.dumps({"lang": lang, **(config or {})})),
            json.dumps(tour),
            json.dumps(options),
        )
        self.env.flush_all()
        self.visitor_lang = LANGS[lang]
        self.start_tour(
            path,
            tour,
            login=login,
            code=code,
            cookies={"frontend_lang": LANGS[lang]},
            timeout=timeout,
        )


@tagged("post_install", "-at_install", "accessibility")
class TestAccessibilityPublic(AccessibilityCase):
    """A visitor: the online application, the public suggestion form, the login page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["beneficiary.service"].create(
            {
                "name": "خدمة الإرشاد الأسري",
                "company_id": cls.env.ref("base.main_company").id,
                "portal_published": True,
                "requires_research": False,
                "requires_committee": False,
                "document_type_ids": [
                    Command.set(cls.env.ref("beneficiary_relations.document_type_cv").ids)
                ],
            }
        )
        # A privacy notice in force, with its retention table (PDPL).
        company = cls.service.company_id
        company.beneficiary_dpo_name = "مسؤول حماية البيانات"
        policy = cls.env["beneficiary.policy"].create(
            {
                "version": "a11y",
                "company_id": company.id,
                "board_meeting_number": "1",
                "approval_date": "2025-01-01",
                "chair_name": "رئيس المجلس",
                "body": "<p>السياسة</p>",
            }
        )
        cls.env["beneficiary.privacy.notice"].create(
            {"version": "a11y", "company_id": company.id, "policy_id": policy.id}
        )
        policy.action_approve()

    def pages(self):
        return [
            ("online application: services", "/beneficiary/apply"),
            ("online application: form", "/beneficiary/apply/%s" % self.service.id),
            (
                "online application: guardian's form",
                "/beneficiary/apply/%s/guardian" % self.service.id,
            ),
            ("public suggestion form", "/suggestions"),
            ("public personal data request form", "/data-request"),
            ("privacy notice", "/privacy/%s" % self.service.company_id.id),
            ("login page", "/web/login"),
        ]

    def test_public_pages_arabic(self):
        self.assert_accessible(self.pages(), lang="ar")

    def test_public_pages_english(self):
        self.assert_accessible(self.pages(), lang="en")


@tagged("post_install", "-at_install", "accessibility")
class TestAccessibilityBeneficiary(AccessibilityCase, PortalCommon):
    """A beneficiary on the portal: requests in each state, upload, profile, data export,
    suggestions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requests_by_state = {
            "submitted": cls.open_a,
            "rejected": cls.rejected_a,
            "done": cls.done_a,
            "research": cls.advance(cls.create_request(cls.file_a, cls.service), "research"),
            "committee": cls.advance(cls.create_request(cls.file_a, cls.service), "committee"),
            "approved": cls.decide(cls.create_request(cls.file_a, cls.service), "approved"),
            "in_service": cls.decide(
                cls.create_request(cls.file_a, cls.service_direct), "in_service"
            ),
        }
        # Refused five days ago: within the appeal period, with an appeal form; another
        # one already appealed, with its appeal's page.
        recent = fields.Datetime.now() - timedelta(days=5)
        cls.company.beneficiary_appeal_days = 30
        cls.appealable = cls.decide(
            cls.create_request(cls.file_a, cls.service),
            "rejected",
            decision_date=recent,
            rejection_reason="الدخل الشهري يتجاوز الحد الأعلى للخدمة.",
        )
        appealed = cls.decide(
            cls.create_request(cls.file_a, cls.service),
            "rejected",
            decision_date=recent,
            rejection_reason="لم تُقدَّم شهادة المؤهل العلمي.",
        )
        cls.appeal = (
            cls.env["beneficiary.appeal"]
            .sudo()
            ._portal_file(
                appealed, "دخل الأسرة انخفض بعد فقدان العمل.", [], author=cls.user_a.partner_id
            )
        )
        cls.suggestion = cls.env["beneficiary.suggestion"].create(
            {
                "name": "مواعيد الاستقبال",
                "description": "أقترح تمديد ساعات الاستقبال مساءً.",
                "partner_id": cls.user_a.partner_id.id,
                "beneficiary_id": cls.file_a.id,
                "company_id": cls.company.id,
            }
        )
        cls.data_request = cls.env["beneficiary.data.subject.request"].create(
            {
                "kind": "copy",
                "requester_name": cls.user_a.name,
                "requester_partner_id": cls.user_a.partner_id.id,
                "beneficiary_id": cls.file_a.id,
                "company_id": cls.company.id,
                "details": "نسخة من بياناتي",
            }
        )

    def pages(self):
        return [
            ("my account", "/my"),
            ("my requests", "/my/requests"),
            *(
                ("request (%s)" % state, "/my/requests/%s" % request.id)
                for state, request in self.requests_by_state.items()
            ),
            ("appeal form", "/my/requests/%s/appeal" % self.appealable.id),
            ("appeal (submitted)", "/my/appeals/%s" % self.appeal.id),
            ("appeal (just filed)", "/my/appeals/%s?filed=1" % self.appeal.id),
            ("my file (profile)", "/my/profile"),
            ("copy of my data", "/my/profile/export?format=html"),
            ("my suggestions", "/my/suggestions"),
            ("new suggestion", "/my/suggestions/new"),
            ("suggestion", "/my/suggestions/%s" % self.suggestion.id),
            ("my personal data requests", "/my/data-requests"),
            ("new personal data request", "/my/data-requests/new"),
            ("personal data request", "/my/data-requests/%s" % self.data_request.id),
        ]

    def test_beneficiary_pages_arabic(self):
        self.assert_accessible(self.pages(), login=self.user_a.login, lang="ar")

    def test_beneficiary_pages_english(self):
        self.assert_accessible(self.pages(), login=self.user_a.login, lang="en")

    def test_request_by_link_as_visitor(self):
        """A visitor opens the link of the text message (no account): the request and
        the appeal form, in both languages."""
        token = self.appealable._portal_ensure_token()
        pages = [
            ("request by link", "/my/requests/%s?access_token=%s" % (self.appealable.id, token)),
            (
                "appeal form by link",
                "/my/requests/%s/appeal?access_token=%s" % (self.appealable.id, token),
            ),
        ]
        for lang in LANGS:
            with self.subTest(lang=lang):
                self.assert_accessible(pages, lang=lang)

    def test_review_confirmation_pages(self):
        """The periodic review asks the beneficiary to confirm their data (P19): the
        profile with the confirmation button, then confirmed, in both languages."""
        test_periodic_review.record_review(
            self.file_a.with_user(self.researcher),
            "changed",
            ask_beneficiary=True,
            confirm_by=fields.Date.today() + timedelta(days=14),
        )
        pages = [
            ("my file, review to confirm", "/my/profile"),
            ("review confirmed", "/my/profile?review_confirmed=1"),
        ]
        for lang in LANGS:
            with self.subTest(lang=lang):
                self.assert_accessible(pages, login=self.user_a.login, lang=lang)


@tagged("post_install", "-at_install", "accessibility")
class TestAccessibilityGuardian(AccessibilityCase, PortalCommon):
    """A guardian (P32) follows the requests of the minor they represent: /my, the
    requests ("on behalf of") and a request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        minor = cls.create_beneficiary(
            first_name="ريم",
            birth_date=fields.Date.today().replace(year=fields.Date.today().year - 12),
            declaration=False,
            consent=False,
        )
        cls.guardian_user = cls.env["res.users"].create(
            {
                "name": "عبدالله الوصي",
                "login": "br_a11y_guardian",
                "password": "br_a11y_guardian",
                "email": "a11y.guardian@example.com",
                "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )
        minor.with_user(cls.officer).write(
            {
                "guardian_partner_id": cls.guardian_user.partner_id.id,
                "guardian_relation": "father",
                "guardian_proof_file": TINY_PDF,
                "guardian_proof_file_name": "deed.pdf",
            }
        )
        # The guardian signs the declaration and consent for the minor.
        cls.env["beneficiary.beneficiary.sign"].with_user(cls.officer).with_context(
            default_beneficiary_id=minor.id
        ).create(
            {
                "accept_declaration": True,
                "accept_consent": True,
                "signer_name": "عبدالله الوصي",
                "channel_id": cls.channel_interview.id,
            }
        ).action_confirm()
        cls.minor_request = cls.advance(cls.create_request(minor, cls.service), "submitted")

    def pages(self):
        return [
            ("guardian: my account", "/my"),
            ("guardian: requests on behalf of", "/my/requests"),
            ("guardian: request on behalf of", "/my/requests/%s" % self.minor_request.id),
        ]

    def test_guardian_pages_arabic(self):
        self.assert_accessible(self.pages(), login=self.guardian_user.login, lang="ar")

    def test_guardian_pages_english(self):
        self.assert_accessible(self.pages(), login=self.guardian_user.login, lang="en")


@tagged("post_install", "-at_install", "accessibility")
class TestAccessibilityPartner(AccessibilityCase, PartnerCommon):
    """A partner association's coordinator: service requests, MOUs and impact reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.new_request(cls.assoc_a)
        cls.mou = cls.active_mou(partner=cls.assoc_a)
        cls.report = cls.mou.report_ids[:1]

    def pages(self):
        return [
            ("my account", "/my"),
            ("service requests", "/my/partner-requests"),
            ("service request", "/my/partner-requests/%s" % self.request.id),
            ("new service request", "/my/partner-requests/new"),
            ("MOUs", "/my/mous"),
            ("MOU", "/my/mous/%s" % self.mou.id),
            ("impact report", "/my/mous/%s/reports/%s" % (self.mou.id, self.report.id)),
        ]

    def test_partner_pages_arabic(self):
        self.assert_accessible(self.pages(), login=self.portal_a.login, lang="ar")

    def test_partner_pages_english(self):
        self.assert_accessible(self.pages(), login=self.portal_a.login, lang="en")


@tagged("post_install", "-at_install", "accessibility")
class TestAccessibilityApply(AccessibilityCase):
    """A visitor applies online on a 360 px wide screen: the services, the form, the form
    sent empty (errors announced, focused and tied to their fields) and the thanks page
    (/beneficiary/apply/thanks/<token>), each checked with axe-core."""

    browser_size = "360x800"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Service = cls.env["beneficiary.service"]
        Service.search([("portal_published", "=", True)]).write({"portal_published": False})
        cls.service = Service.create(
            {
                "name": "خدمة الإرشاد الأسري",
                "company_id": cls.env.ref("base.main_company").id,
                "portal_published": True,
                "requires_research": False,
                "requires_committee": False,
            }
        )

    def assertApplied(self):
        request = self.env["beneficiary.support.request"].search(
            [("beneficiary_id.national_id", "=", "1098765447")]
        )
        self.assertEqual(request.service_id, self.service)
        self.assertEqual(request.state, "submitted")

    def test_apply_journey_arabic(self):
        self.run_accessibility_tour(
            "/beneficiary/apply", "beneficiary_accessibility_apply", lang="ar"
        )
        self.assertApplied()

    def test_apply_journey_english(self):
        self.run_accessibility_tour(
            "/beneficiary/apply", "beneficiary_accessibility_apply", lang="en"
        )
        self.assertApplied()
