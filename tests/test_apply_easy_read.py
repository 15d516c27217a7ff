"""Easy-read explanation of the online application (issue #19, plain language): what
happens after applying, how long it takes and what each paper is, in Arabic and English."""

from lxml import html

from odoo import Command
from odoo.tests import tagged

from .common_apply import PortalApplyCommon


@tagged("post_install", "-at_install", "accessibility")
class TestApplyEasyRead(PortalApplyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_plain = cls.env["beneficiary.document.type"].create(
            {"name": "Rent Contract", "description": "Ejar rental contract (عقد إيجار)."}
        )
        cls.doc_plain.with_context(
            lang="en_US"
        ).easy_read_description = "The paper you signed with the owner of your home."
        cls.doc_plain.with_context(
            lang="ar_001"
        ).easy_read_description = "الورقة التي وقّعتها مع صاحب البيت."
        cls.doc_described = cls.env["beneficiary.document.type"].create(
            {"name": "Electricity Bill", "description": "A recent electricity bill."}
        )
        cls.service.document_type_ids = [
            Command.link(cls.doc_plain.id),
            Command.link(cls.doc_described.id),
        ]

    def easy_read(self, path, lang):
        response = self.url_open(self.url(path, lang))
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        self.assertTrue(page.get("lang").startswith(lang), page.get("lang"))
        sections = page.xpath("//details[@id='apply_easy_read']")
        self.assertEqual(len(sections), 1, "one easy-read section")
        section = sections[0]
        self.assertIsNone(section.get("open"), "folded until the applicant opens it")
        self.assertTrue(section.xpath("./summary"))
        return section

    def documents(self, section):
        return {
            dt.text_content().strip(): " ".join(dt.getnext().text_content().split())
            for dt in section.xpath(".//dl[contains(@class, 'documents')]/dt")
        }

    def test_form_explains_steps_delay_and_documents_in_english(self):
        section = self.easy_read("/beneficiary/apply/%s" % self.service.id, "en")
        text = " ".join(section.text_content().split())
        self.assertIn("Easy-read: how to apply", text)
        self.assertIn("We check your data and your papers.", text)
        self.assertIn("We answer within 10 days.", text)
        documents = self.documents(section)
        self.assertIn("Your national ID card", documents["National ID / Iqama"])
        self.assertIn("studied", documents["CV"])
        self.assertEqual(
            documents["Rent Contract"], "The paper you signed with the owner of your home."
        )
        # Without a plain explanation, the document's description is shown.
        self.assertEqual(documents["Electricity Bill"], "A recent electricity bill.")
        # A document asked by a category says when it is needed.
        self.assertIn("Only if you tick: Test Category", documents["Income Proof"])

    def test_form_explains_steps_delay_and_documents_in_arabic(self):
        self.company.beneficiary_working_days = True
        section = self.easy_read("/beneficiary/apply/%s" % self.service.id, "ar")
        text = " ".join(section.text_content().split())
        self.assertIn("شرح مبسّط: كيف تقدّم طلبك", text)
        self.assertIn("نراجع بياناتك وأوراقك.", text)
        self.assertIn("نرد عليك خلال 10 أيام.", text)
        self.assertIn("نحسب أيام العمل فقط", text)
        documents = {" ".join(value.split()) for value in self.documents(section).values()}
        self.assertIn(
            "بطاقة الهوية الوطنية، أو الإقامة لغير السعوديين. صوّر الوجهين بوضوح.", documents
        )
        self.assertIn("الورقة التي وقّعتها مع صاحب البيت.", documents)

    def test_delay_sentence_follows_the_number_of_days(self):
        """Arabic counts with six forms (يوم واحد، يومان، ٧ أيام، ٣٠ يومًا، ١٠٠ يوم)."""
        self.company.beneficiary_working_days = False
        for days, english, arabic in (
            (1, "We answer within 1 day.", "نرد عليك خلال يوم واحد."),
            (2, "We answer within 2 days.", "نرد عليك خلال يومين."),
            (7, "We answer within 7 days.", "نرد عليك خلال 7 أيام."),
            (10, "We answer within 10 days.", "نرد عليك خلال 10 أيام."),
            (30, "We answer within 30 days.", "نرد عليك خلال 30 يومًا."),
            (100, "We answer within 100 days.", "نرد عليك خلال 100 يوم."),
            (103, "We answer within 103 days.", "نرد عليك خلال 103 أيام."),
        ):
            self.service.decision_days = days
            self.assertEqual(self.service.with_context(lang="en_US")._easy_read_delay(), [english])
            self.assertEqual(self.service.with_context(lang="ar_001")._easy_read_delay(), [arabic])

    def test_service_card_counts_days_in_the_readers_grammar(self):
        for days, english, arabic in (
            (7, "Decision within 7 days of applying.", "يصدر القرار خلال 7 أيام من تاريخ التقديم."),
            (
                15,
                "Decision within 15 days of applying.",
                "يصدر القرار خلال 15 يومًا من تاريخ التقديم.",
            ),
            (
                1,
                "Decision within 1 day of applying.",
                "يصدر القرار خلال يوم واحد من تاريخ التقديم.",
            ),
        ):
            self.service.decision_days = days
            for lang, sentence in (("en", english), ("ar", arabic)):
                response = self.url_open(self.url("/beneficiary/apply", lang))
                self.assertEqual(response.status_code, 200)
                text = " ".join(html.fromstring(response.content).text_content().split())
                self.assertIn(sentence, text)

    def test_services_page_explains_the_steps(self):
        section = self.easy_read("/beneficiary/apply", "en")
        text = " ".join(section.text_content().split())
        self.assertIn("You choose a service.", text)
        self.assertIn("A committee studies your request.", text)
        self.assertNotIn("How long it takes", text, "the delay is given per service")

    def test_staff_write_the_plain_explanation(self):
        arch = self.env["beneficiary.document.type"].get_view(view_type="form")["arch"]
        self.assertIn('name="easy_read_description"', arch)
        self.assertTrue(
            self.env.ref("beneficiary_relations.document_type_income_proof").easy_read_description
        )
