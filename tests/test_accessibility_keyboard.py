"""Accessibility beyond axe-core (issue #19, WCAG 2.2 AA):

- the online application filled in and sent with the keyboard alone (real key presses:
  Tab, typing, Space, Enter), its fields reached in reading order;
- touch targets of at least 24 x 24 px on the public and portal pages (2.5.8);
- text enlarged to 200 % without content lost or cut (1.4.4);
- the pages on a 360 px wide phone screen without sideways scrolling (1.4.10), with a
  screenshot of the application form saved in the test output (its path is logged).

The browser side is static/src/tours/accessibility_keyboard_tour.js.
"""

import base64
import json
import pathlib
import struct
import threading
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser, get_db_name
from odoo.tools import config

from .common_partner import PartnerCommon
from .common_portal import PortalCommon
from .test_accessibility import AccessibilityCase

KEYBOARD_PREFIX = "br-keyboard:"
# Chrome DevTools key events, as a keyboard sends them (Puppeteer's key definitions).
KEYS = {
    "Tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "Space": {"key": " ", "code": "Space", "windowsVirtualKeyCode": 32, "text": " "},
}


def press_keys(browser, seq, actions):
    """Send ``actions`` to the page as trusted input events, then tell the page."""
    try:
        for action in actions:
            if "text" in action:
                browser._websocket_request("Input.insertText", params={"text": action["text"]})
                continue
            key = KEYS[action["key"]]
            modifiers = 8 if action.get("shift") else 0
            down_type = "keyDown" if "text" in key else "rawKeyDown"
            browser._websocket_request(
                "Input.dispatchKeyEvent", params=dict(key, type=down_type, modifiers=modifiers)
            )
            up = {name: value for name, value in key.items() if name != "text"}
            browser._websocket_request(
                "Input.dispatchKeyEvent", params=dict(up, type="keyUp", modifiers=modifiers)
            )
        browser._websocket_send(
            "Runtime.evaluate", params={"expression": "window.__brKeyboardDone = %d" % seq}
        )
    except Exception:  # noqa: BLE001 - the page times out and the tour fails with the keys
        browser._logger.exception("Keyboard input refused by the browser")


class KeyboardCase(AccessibilityCase):
    """Browser tests that press real keys and may save a screenshot of the last page."""

    screenshot_name = None  # set by a test: a screenshot of the last page once it passed

    def browser_js(self, *args, **kwargs):
        handle_console = ChromeBrowser._handle_console
        wait_code_ok = ChromeBrowser._wait_code_ok
        case = self

        def handle_keyboard(browser, type, args=None, **kw):  # noqa: A002 - CDP's name
            first = (args or [{}])[0].get("value")
            if type == "log" and isinstance(first, str) and first.startswith(KEYBOARD_PREFIX):
                request = json.loads(first[len(KEYBOARD_PREFIX) :])
                threading.Thread(
                    target=press_keys,
                    args=(browser, request["seq"], request["actions"]),
                    daemon=True,
                ).start()
            return handle_console(browser, type, args=args, **kw)

        def wait_then_screenshot(browser, code, timeout, error_checker=None):
            wait_code_ok(browser, code, timeout, error_checker=error_checker)
            if case.screenshot_name:
                case.screenshot_path = case.save_full_screenshot(browser, case.screenshot_name)

        with (
            patch.object(ChromeBrowser, "_handle_console", handle_keyboard),
            patch.object(ChromeBrowser, "_wait_code_ok", wait_then_screenshot),
        ):
            return super().browser_js(*args, **kwargs)

    def save_full_screenshot(self, browser, name):
        """The whole page (not only the screen), as a PNG in the test output directory."""
        metrics = browser._websocket_request("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width = int(self.browser_size.replace(",", "x").split("x")[0])
        shot = browser._websocket_request(
            "Page.captureScreenshot",
            params={
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": size["height"], "scale": 1},
            },
            timeout=30,
        )
        folder = pathlib.Path(config["screenshots"]) / get_db_name() / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / ("a11y_%s.png" % name)
        path.write_bytes(base64.b64decode(shot["data"]))
        self._logger.info("Screenshot of %s in the test output: %s", name, path)
        return str(path)

    def assert_layout(self, pages, login=None, lang="ar", font_scale=1):
        """Touch targets and layout of each ``(label, path)``; the last page stays open."""
        self.run_accessibility_tour(
            pages[0][1],
            "beneficiary_accessibility_layout",
            login=login,
            lang=lang,
            timeout=60 + 15 * len(pages),
            config={
                "pages": [(label, self.lang_path(path, lang)) for label, path in pages],
                "fontScale": font_scale,
            },
        )


def png_width(path):
    with open(path, "rb") as image:
        header = image.read(24)
    return struct.unpack(">I", header[16:20])[0]


class ApplyServiceMixin:
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


@tagged("post_install", "-at_install", "accessibility")
class TestKeyboardApplication(ApplyServiceMixin, KeyboardCase):
    """A visitor applies with the keyboard alone (WCAG 2.1.1, 2.4.3)."""

    browser_size = "1280x800"
    VALUES = {
        "apply_first_name": "فاطمة",
        "apply_father_name": "أحمد",
        "apply_grandfather_name": "سعيد",
        "apply_family_name": "الغامدي",
        "apply_national_id": "1098765447",
        "apply_birth_date_hijri": "1411/10/20",
        "apply_gender_male": " ",
        "apply_mobile": "0551234567",
        "apply_email": "keyboard.a11y@example.com",
        "apply_building_number": "2929",
        "apply_street": "طريق الملك عبدالعزيز",
        "apply_district": "الملقا",
        "apply_city": "الرياض",
        "apply_zip": "13521",
        "apply_additional_number": "7788",
        "apply_description": "أحتاج جلسات إرشاد أسري",
        "apply_accept_declaration": " ",
        "apply_accept_consent": " ",
    }

    def check_keyboard_application(self, lang, submit_key):
        self.run_accessibility_tour(
            "/beneficiary/apply/%s" % self.service.id,
            "beneficiary_accessibility_keyboard_apply",
            lang=lang,
            timeout=180,
            config={"values": self.VALUES, "submitKey": submit_key},
        )
        request = self.env["beneficiary.support.request"].search(
            [("beneficiary_id.national_id", "=", "1098765447")]
        )
        self.assertEqual(request.service_id, self.service)
        self.assertEqual(request.state, "submitted")
        beneficiary = request.beneficiary_id
        self.assertEqual(beneficiary.name.split()[0], "فاطمة")
        self.assertEqual(beneficiary.gender, "male")
        self.assertEqual(beneficiary.birth_date.year, 1991, "typed in Hijri, 1411/10/20")
        self.assertIn("إرشاد", request.description)

    def test_keyboard_only_application_arabic(self):
        self.check_keyboard_application("ar", submit_key="Enter")

    def test_keyboard_only_application_english(self):
        self.check_keyboard_application("en", submit_key="Space")


@tagged("post_install", "-at_install", "accessibility")
class TestLayoutPublic(ApplyServiceMixin, KeyboardCase):
    """A visitor's pages on a 360 px wide phone (touch screen) and with the text at
    200 %: targets of 24 px at least, nothing scrolls sideways or is cut."""

    browser_size = "360x800"
    touch_enabled = True

    def pages(self):
        return [
            ("online application: services", "/beneficiary/apply"),
            ("public suggestion form", "/suggestions"),
            ("login page", "/web/login"),
            ("online application: form", "/beneficiary/apply/%s" % self.service.id),
        ]

    def check_phone(self, lang):
        self.screenshot_name = "application_form_360px_%s" % lang
        self.assert_layout(self.pages(), lang=lang)
        self.assertTrue(self.screenshot_path.endswith(".png"))
        self.assertEqual(png_width(self.screenshot_path), 360, "the page is 360 px wide")

    def test_phone_arabic(self):
        self.check_phone("ar")

    def test_phone_english(self):
        self.check_phone("en")

    def test_text_200_percent(self):
        self.browser_size = "1280x800"
        self.touch_enabled = False
        for lang in ("ar", "en"):
            with self.subTest(lang=lang):
                self.assert_layout(self.pages(), lang=lang, font_scale=2)


@tagged("post_install", "-at_install", "accessibility")
class TestLayoutPortal(KeyboardCase, PortalCommon):
    """A beneficiary's portal pages on a 360 px wide phone and with the text at 200 %."""

    browser_size = "360x800"
    touch_enabled = True

    def pages(self):
        return [
            ("my account", "/my"),
            ("my requests", "/my/requests"),
            ("request", "/my/requests/%s" % self.open_a.id),
            ("my file (profile)", "/my/profile"),
            ("new suggestion", "/my/suggestions/new"),
        ]

    def test_phone(self):
        for lang in ("ar", "en"):
            with self.subTest(lang=lang):
                self.assert_layout(self.pages(), login=self.user_a.login, lang=lang)

    def test_text_200_percent(self):
        self.browser_size = "1280x800"
        self.touch_enabled = False
        self.assert_layout(self.pages(), login=self.user_a.login, lang="ar", font_scale=2)


@tagged("post_install", "-at_install", "accessibility")
class TestLayoutPartner(KeyboardCase, PartnerCommon):
    """A partner association's portal pages on a 360 px wide phone."""

    browser_size = "360x800"
    touch_enabled = True

    def test_phone(self):
        request = self.new_request(self.assoc_a)
        mou = self.active_mou(partner=self.assoc_a)
        pages = [
            ("service requests", "/my/partner-requests"),
            ("service request", "/my/partner-requests/%s" % request.id),
            ("new service request", "/my/partner-requests/new"),
            ("MOU", "/my/mous/%s" % mou.id),
        ]
        self.assert_layout(pages, login=self.portal_a.login, lang="ar")
