"""Counted phrases in the reader's grammar (tools/plural.py): Arabic has six forms."""

from odoo.tests import TransactionCase, tagged

from ..tools.plural import plural

FORMS_EN = "%(count)s day|%(count)s days"
FORMS_AR = "%(count)s يوم|يوم واحد|يومان|%(count)s أيام|%(count)s يومًا|%(count)s يوم"


@tagged("post_install", "-at_install", "arabic")
class TestPlural(TransactionCase):
    def test_arabic_forms_follow_the_number(self):
        env = self.env(context=dict(self.env.context, lang="ar_001"))
        for count, expected in (
            (0, "0 يوم"),
            (1, "يوم واحد"),
            (2, "يومان"),
            (3, "3 أيام"),
            (10, "10 أيام"),
            (11, "11 يومًا"),
            (99, "99 يومًا"),
            (100, "100 يوم"),
            (102, "102 يوم"),
            (105, "105 أيام"),
            (1000, "1000 يوم"),
        ):
            self.assertEqual(plural(env, count, FORMS_AR), expected, count)

    def test_english_and_untranslated_text_use_the_english_rule(self):
        for lang in ("en_US", "ar_001"):
            env = self.env(context=dict(self.env.context, lang=lang))
            self.assertEqual(plural(env, 1, FORMS_EN), "1 day")
            self.assertEqual(plural(env, 5, FORMS_EN), "5 days")
            self.assertEqual(plural(env, 0, FORMS_EN), "0 days")

    def test_privacy_notice_period_in_arabic(self):
        line = self.env["beneficiary.privacy.notice.line"].new({"days": 45})
        self.assertEqual(line.with_context(lang="en_US")._period_label(), "45 days")
        self.assertEqual(line.with_context(lang="ar_001")._period_label(), "45 يومًا")
        line = self.env["beneficiary.privacy.notice.line"].new({"days": 7})
        self.assertEqual(line.with_context(lang="ar_001")._period_label(), "7 أيام")

    def test_privacy_notice_years_in_arabic(self):
        Line = self.env["beneficiary.privacy.notice.line"]
        for months, arabic, english in (
            (12, "سنة واحدة", "1 year"),
            (24, "سنتان", "2 years"),
            (60, "5 سنوات", "5 years"),
            (18, "18 شهرًا", "18 months"),
        ):
            line = Line.new({"months": months})
            self.assertEqual(line.with_context(lang="ar_001")._period_label(), arabic)
            self.assertEqual(line.with_context(lang="en_US")._period_label(), english)
