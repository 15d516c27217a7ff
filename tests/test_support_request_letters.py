import re
import subprocess
import tempfile
from datetime import date, datetime

from odoo.addons.beneficiary_relations.tools.bidi import bidi_spans, split_bidi_runs
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import BeneficiaryCommon

DECISION_LETTER = "beneficiary_relations.action_report_decision_letter"
REFERRAL_LETTER = "beneficiary_relations.action_report_referral_letter"
REASONS = (
    "الدخل الشهري للفرد (2,500.00 ر.س) يتجاوز الحد الأعلى للخدمة (1,500.00 ر.س).",
    "لم تُقدَّم شهادة المؤهل العلمي.",
)
# Decided on 2024-12-29 (noon in Riyadh) = 1446/06/28 AH.
DECISION_DATE = datetime(2024, 12, 29, 9, 0)
ARABIC_DATE = "1446/06/28هـ الموافق 2024/12/29م"
ENGLISH_DATE = "1446/06/28 AH (2024/12/29)"


@tagged("post_install", "-at_install")
class TestSupportRequestLetters(BeneficiaryCommon, HttpCase):
    """Decision and referral letters in the beneficiary's language (P15, P18), as PDF
    rendered by wkhtmltopdf against the running server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env.user.tz = "Asia/Riyadh"
        cls.env["ir.config_parameter"].sudo().set_param("report.url", cls.base_url())
        cls.company.write(
            {"beneficiary_manager_id": cls.manager.id, "company_registry": "1010123456"}
        )
        cls.service = cls.env["beneficiary.service"].create(
            {"name": "Vocational Training", "company_id": cls.company.id}
        )
        cls.association = cls.env["res.partner"].create(
            {
                "name": "جمعية إنسان الخيرية",
                "is_referral_association": True,
                "is_company": True,
                "street": "طريق الملك عبدالعزيز",
                "city": "الرياض",
                "phone": "+966 11 488 1000",
            }
        )
        cls.ben_ar = cls.create_beneficiary(lang="ar_001")
        cls.ben_en = cls.create_beneficiary(lang="en_US")
        cls.approved_ar = cls.decided(cls.ben_ar, "approved", service_start_date=date(2025, 1, 5))
        cls.rejected_ar = cls.decided(cls.ben_ar, "rejected", rejection_reason="\n".join(REASONS))
        cls.rejected_en = cls.decided(
            cls.ben_en, "rejected", rejection_reason="Income above the limit.\nAge out of range."
        )
        cls.referred_ar = cls.decided(
            cls.ben_ar,
            "referred",
            referral_partner_id=cls.association.id,
            referral_note="يرجى إحضار صورة الهوية الوطنية عند المراجعة.",
        )

    @classmethod
    def decided(cls, beneficiary, decision, **values):
        request = cls.env["beneficiary.support.request"].create(
            {"beneficiary_id": beneficiary.id, "service_id": cls.service.id}
        )
        request.write(
            {"state": decision, "decision": decision, "decision_date": DECISION_DATE, **values}
        )
        return request

    def html(self, report, request, lang="ar_001"):
        Report = self.env["ir.actions.report"].with_context(lang=lang)
        return Report._render_qweb_html(report, request.ids)[0].decode()

    def pdf(self, report, request, lang="ar_001"):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True, lang=lang)
        content, report_format = Report._render_qweb_pdf(report, res_ids=request.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(content.startswith(b"%PDF"), content[:100])
        return content

    def assertLetterHead(self, html, request):
        self.assertIn(self.company.name, html)
        self.assertIn("1010123456", html)
        self.assertIn(request.ref, html)
        self.assertIn(request.beneficiary_id.name, html)
        self.assertIn('<bdi class="br_ltr">%s</bdi>' % request.beneficiary_id.national_id, html)
        self.assertIn(self.manager.name, html)

    def test_decision_letter_refusal_arabic(self):
        html = self.html(DECISION_LETTER, self.rejected_ar)
        self.assertRegex(html, r'class="page br_letter" dir="rtl"')
        self.assertIn(ARABIC_DATE, html)
        self.assertLetterHead(html, self.rejected_ar)
        for reason in REASONS:
            self.assertIn(reason, html)
        self.pdf(DECISION_LETTER, self.rejected_ar)

    def test_long_arabic_reason_wraps_inside_the_page(self):
        """A long reason mixing Arabic, digits and dates wraps within the margins."""
        reason = (
            "لم تستوفِ الأسرة شرط الدخل: دخل الفرد الشهري ٢٥٠٠ ريال وهو أعلى من الحد المعتمد "
            "في سياسة الجمعية (١٥٠٠ ريال)، كما أن صك الإعالة المرفق منتهي الصلاحية منذ "
            "2025/03/01 ويلزم تجديده قبل إعادة التقديم على خدمة الدعم الموسمي للأسر المتعففة "
            "في منطقة الرياض وفق الضوابط المعتمدة من مجلس الإدارة."
        )
        self.rejected_ar.rejection_reason = reason
        content = self.pdf(DECISION_LETTER, self.rejected_ar)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
            pdf_file.write(content)
            pdf_file.flush()
            bbox = subprocess.run(
                ["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf_file.name, "-"],
                capture_output=True,
                check=True,
                text=True,
            ).stdout
        width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
        words = [
            (float(x_min), float(x_max), float(y_min))
            for x_min, y_min, x_max in re.findall(
                r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)"', bbox
            )
        ]
        self.assertGreater(len(words), 60)
        self.assertGreaterEqual(min(w[0] for w in words), 0, "no word cut at the left edge")
        self.assertLessEqual(max(w[1] for w in words), width, "no word past the right edge")
        # The date inside the reason is printed, on a line of its own text flow.
        self.assertIn("2025/03/01", bbox)

    def test_decision_letter_refusal_english(self):
        html = self.html(DECISION_LETTER, self.rejected_en, lang="en_US")
        self.assertRegex(html, r'class="page br_letter" dir="ltr"')
        self.assertIn(ENGLISH_DATE, html)
        self.assertIn("Income above the limit.", html)
        self.assertIn("Age out of range.", html)
        self.assertIn("right to ask for a review", html)
        self.pdf(DECISION_LETTER, self.rejected_en, lang="en_US")

    def test_letter_in_beneficiary_language(self):
        """Printed by an Arabic-speaking user, an English beneficiary's letter is English."""
        html = self.html(DECISION_LETTER, self.rejected_en, lang="ar_001")
        self.assertRegex(html, r'class="page br_letter" dir="ltr"')
        self.assertIn(ENGLISH_DATE, html)
        self.assertIn('data-oe-lang="en_US"', html)

    def test_decision_letter_approval(self):
        html = self.html(DECISION_LETTER, self.approved_ar)
        self.assertRegex(html, r'class="page br_letter" dir="rtl"')
        self.assertIn(ARABIC_DATE, html)
        self.assertIn("1446/07/05هـ الموافق 2025/01/05م", html)  # start of the service
        self.assertIn(self.service.name, html)
        self.pdf(DECISION_LETTER, self.approved_ar)

    def test_referral_letter(self):
        html = self.html(REFERRAL_LETTER, self.referred_ar)
        self.assertRegex(html, r'class="page br_letter" dir="rtl"')
        self.assertIn(ARABIC_DATE, html)
        self.assertLetterHead(html, self.referred_ar)
        self.assertIn(self.association.name, html)
        self.assertIn("+966 11 488 1000", html)
        self.assertIn("طريق الملك عبدالعزيز", html)
        self.assertIn(self.referred_ar.referral_note, html)
        self.pdf(REFERRAL_LETTER, self.referred_ar)

    def test_print_actions(self):
        # As the manager who signs the letters (an administrator is first asked to set
        # up the document layout, which these letters do not use).
        action = self.rejected_ar.with_user(self.manager).action_print_decision_letter()
        self.assertEqual(action["report_name"], "beneficiary_relations.report_decision_letter")
        action = self.referred_ar.with_user(self.manager).action_print_referral_letter()
        self.assertEqual(action["report_name"], "beneficiary_relations.report_referral_letter")
        report = self.env.ref(DECISION_LETTER)
        self.assertEqual(report.paperformat_id.format, "A4")
        self.assertEqual(
            safe_eval(report.print_report_name, {"object": self.rejected_ar}),
            "Decision Letter - %s" % self.rejected_ar.ref.replace("/", "-"),
        )


@tagged("post_install", "-at_install")
class TestBidiSpans(TransactionCase):
    """Mixed Arabic/Latin text cut into runs that wkhtmltopdf (unpatched Qt) places right."""

    def test_split_runs(self):
        self.assertEqual(
            split_bidi_runs("السلام عليكم، وبعد:"), ["السلام عليكم", "، ", "وبعد", ":"]
        )
        self.assertEqual(
            split_bidi_runs("1446/06/28هـ الموافق 2024/12/29م"),
            ["1446/06/28", "هـ الموافق", " ", "2024/12/29", "م"],
        )
        self.assertEqual(split_bidi_runs("تُقدَّم شهادة"), ["تُقدَّم شهادة"])
        self.assertEqual(split_bidi_runs("Dear Sir"), ["Dear Sir"])

    def test_spans(self):
        result = str(bidi_spans('<p dir="rtl">الرقم: <bdi>REQ/2024/1</bdi></p><style>a{}</style>'))
        self.assertEqual(
            result,
            '<p dir="rtl"><span>الرقم</span><span>: </span><bdi>REQ/2024/1</bdi></p>'
            "<style>a{}</style>",
        )
        # Text left unchanged, markup only added.
        self.assertEqual(
            re.sub(r"</?span>", "", result),
            '<p dir="rtl">الرقم: <bdi>REQ/2024/1</bdi></p><style>a{}</style>',
        )
