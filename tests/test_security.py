from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BeneficiaryCommon

SENSITIVE_FIELDS = (
    "health_condition",
    "disability_type",
    "disability_details",
    "treatment_details",
    "research_notes",
)


@tagged("post_install", "-at_install")
class TestSecurity(BeneficiaryCommon):
    """What each role may read and change (P7, P31, PDPL)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file_r1 = cls.create_beneficiary(
            categories=cls.category_disability,
            researcher_id=cls.researcher.id,
            health_condition="شلل نصفي بعد حادث",
            disability_type="physical",
            disability_details="يستخدم كرسيًا متحركًا",
        )
        cls.file_r2 = cls.create_beneficiary(
            categories=cls.category_patient,
            researcher_id=cls.researcher2.id,
            health_condition="فشل كلوي، غسيل ثلاث مرات أسبوعيًا",
            treatment_details="مركز الكلى بالرياض",
        )
        cls.sensitive_r1 = cls.env["beneficiary.sensitive.file"].search(
            [("beneficiary_id", "=", cls.file_r1.id)]
        )
        cls.sensitive_r2 = cls.env["beneficiary.sensitive.file"].search(
            [("beneficiary_id", "=", cls.file_r2.id)]
        )
        cls.file_b = cls.create_beneficiary(user=cls.officer_b, researcher_id=False)
        cls.file_portal = cls.create_beneficiary(partner_id=cls.portal_user.partner_id.id)

    def test_sensitive_data_kept_in_confidential_file(self):
        self.assertEqual(len(self.sensitive_r1), 1)
        self.assertEqual(self.sensitive_r1.health_condition, "شلل نصفي بعد حادث")
        self.assertEqual(self.sensitive_r1.researcher_id, self.researcher)
        self.assertEqual(self.sensitive_r2.researcher_id, self.researcher2)
        # Reassigning the file hands its confidential part over to the new researcher.
        self.file_r1.researcher_id = self.researcher2
        self.assertEqual(self.sensitive_r1.researcher_id, self.researcher2)
        with self.assertRaises(AccessError):
            self.sensitive_r1.with_user(self.researcher).read(["health_condition"])

    # ------------------------------------------------------------------ officer
    def test_officer_cannot_read_confidential_file(self):
        Sensitive = self.env["beneficiary.sensitive.file"].with_user(self.officer)
        with self.assertRaises(AccessError):
            Sensitive.search([])
        with self.assertRaises(AccessError):
            Sensitive.browse(self.sensitive_r1.id).read(["health_condition"])
        with self.assertRaises(AccessError):
            Sensitive.create({"beneficiary_id": self.file_b.id, "health_condition": "x"})

    def test_officer_cannot_read_mirrored_fields(self):
        beneficiary = self.file_r1.with_user(self.officer)
        # The rest of the file is the officer's daily work.
        values = beneficiary.read(["name", "national_id", "state"])[0]
        self.assertEqual(values["national_id"], self.file_r1.national_id)
        for field_name in SENSITIVE_FIELDS + ("sensitive_file_readable",):
            with self.subTest(field=field_name), self.assertRaises(AccessError):
                beneficiary.read([field_name])
        with self.assertRaises(AccessError):
            beneficiary.write({"health_condition": "تعديل"})
        self.assertNotIn("health_condition", beneficiary.fields_get())
        self.assertEqual(self.sensitive_r1.health_condition, "شلل نصفي بعد حادث")

    # --------------------------------------------------------------- researcher
    def test_researcher_reads_assigned_confidential_file(self):
        beneficiary = self.file_r1.with_user(self.researcher)
        values = beneficiary.read(
            ["health_condition", "disability_type", "sensitive_file_readable"]
        )
        self.assertEqual(values[0]["health_condition"], "شلل نصفي بعد حادث")
        self.assertEqual(values[0]["disability_type"], "physical")
        self.assertTrue(values[0]["sensitive_file_readable"])
        files = self.env["beneficiary.sensitive.file"].with_user(self.researcher).search([])
        self.assertIn(self.sensitive_r1, files)
        self.assertNotIn(self.sensitive_r2, files)
        # The researcher updates the confidential file from the beneficiary form.
        beneficiary.write({"research_notes": "<p>زيارة منزلية: السكن غير مهيأ</p>"})
        self.assertIn("السكن غير مهيأ", self.sensitive_r1.research_notes)

    def test_researcher_cannot_read_other_researchers_file(self):
        with self.assertRaises(AccessError):
            self.sensitive_r2.with_user(self.researcher).read(["health_condition"])
        # Through the beneficiary form nothing leaks either.
        beneficiary = self.file_r2.with_user(self.researcher)
        values = beneficiary.read(["health_condition", "sensitive_file_readable"])[0]
        self.assertFalse(values["health_condition"])
        self.assertFalse(values["sensitive_file_readable"])
        # Nor can it be overwritten.
        with self.assertRaises(AccessError):
            beneficiary.write({"health_condition": "بيانات أخرى"})
        self.assertEqual(self.sensitive_r2.health_condition, "فشل كلوي، غسيل ثلاث مرات أسبوعيًا")

    def test_researcher_cannot_create_confidential_file_of_unassigned_beneficiary(self):
        beneficiary = self.create_beneficiary(researcher_id=self.researcher2.id)
        with self.assertRaises(AccessError):
            beneficiary.with_user(self.researcher).write({"health_condition": "ملاحظة"})
        self.assertFalse(
            self.env["beneficiary.sensitive.file"].search([("beneficiary_id", "=", beneficiary.id)])
        )

    # ------------------------------------------------------------------ manager
    def test_manager_reads_all_confidential_files(self):
        files = self.env["beneficiary.sensitive.file"].with_user(self.manager).search([])
        self.assertIn(self.sensitive_r1, files)
        self.assertIn(self.sensitive_r2, files)
        for beneficiary, expected in (
            (self.file_r1, "شلل نصفي بعد حادث"),
            (self.file_r2, "فشل كلوي، غسيل ثلاث مرات أسبوعيًا"),
        ):
            values = beneficiary.with_user(self.manager).read(["health_condition"])[0]
            self.assertEqual(values["health_condition"], expected)

    # ------------------------------------------------------- committee, partners
    def test_partnerships_cannot_read_beneficiaries(self):
        Beneficiary = self.env["beneficiary.beneficiary"].with_user(self.partnerships)
        with self.assertRaises(AccessError):
            Beneficiary.search([])
        with self.assertRaises(AccessError):
            Beneficiary.browse(self.file_r1.id).read(["name"])
        with self.assertRaises(AccessError):
            self.env["beneficiary.document"].with_user(self.partnerships).search([])
        with self.assertRaises(AccessError):
            self.env["beneficiary.sensitive.file"].with_user(self.partnerships).search([])

    def test_committee_cannot_read_files_outside_its_agenda(self):
        # Committee members see at most the applicants on their agenda: none of these.
        Beneficiary = self.env["beneficiary.beneficiary"].with_user(self.committee)
        try:
            visible = Beneficiary.search([])
        except AccessError:
            visible = Beneficiary
        self.assertFalse(visible & (self.file_r1 | self.file_r2 | self.file_portal))
        with self.assertRaises(AccessError):
            Beneficiary.browse(self.file_r1.id).read(["name"])
        with self.assertRaises(AccessError):
            self.env["beneficiary.sensitive.file"].with_user(self.committee).search([])
        with self.assertRaises(AccessError):
            self.file_r1.with_user(self.committee).write({"district": "الملز"})

    # ------------------------------------------------------------ multi-company
    def test_company_isolation(self):
        Beneficiary_b = self.env["beneficiary.beneficiary"].with_user(self.officer_b)
        company_a_files = self.file_r1 | self.file_r2
        self.assertFalse(Beneficiary_b.search([("id", "in", company_a_files.ids)]))
        self.assertFalse(Beneficiary_b.search([("national_id", "=", self.file_r1.national_id)]))
        self.assertEqual(Beneficiary_b.search([]), self.file_b)
        with self.assertRaises(AccessError):
            Beneficiary_b.browse(self.file_r1.id).read(["name"])
        with self.assertRaises(AccessError):
            Beneficiary_b.browse(self.file_r1.id).write({"district": "الملز"})
        documents = self.env["beneficiary.document"].with_user(self.officer_b)
        self.assertFalse(documents.search([("beneficiary_id", "=", self.file_r1.id)]))
        # And the other way round.
        Beneficiary_a = self.env["beneficiary.beneficiary"].with_user(self.officer)
        self.assertFalse(Beneficiary_a.search([("id", "=", self.file_b.id)]))
        with self.assertRaises(AccessError):
            Beneficiary_a.browse(self.file_b.id).read(["name"])
        self.assertEqual(self.file_b.company_id, self.company_b)
        self.assertEqual(self.file_b.partner_id.company_id, self.company_b)

    # ------------------------------------------------------------------- portal
    def test_portal_user_reads_only_own_file(self):
        own = self.file_portal.with_user(self.portal_user)
        values = own.read(["ref", "name", "state", "national_id"])[0]
        self.assertEqual(values["ref"], self.file_portal.ref)
        self.assertEqual(values["national_id"], self.file_portal.national_id)
        Beneficiary = self.env["beneficiary.beneficiary"].with_user(self.portal_user)
        self.assertEqual(Beneficiary.search([]), self.file_portal)
        with self.assertRaises(AccessError):
            Beneficiary.browse(self.file_r1.id).read(["name"])
        # Own documents and signatures, nobody else's.
        documents = self.env["beneficiary.document"].with_user(self.portal_user).search([])
        self.assertEqual(documents, self.file_portal.document_ids)
        with self.assertRaises(AccessError):
            self.file_r1.document_ids[:1].with_user(self.portal_user).read(["file_name"])
        declarations = self.env["beneficiary.declaration"].with_user(self.portal_user).search([])
        self.assertEqual(declarations, self.file_portal.declaration_ids)

    def test_portal_user_cannot_write_own_file(self):
        own = self.file_portal.with_user(self.portal_user)
        with self.assertRaises(AccessError):
            own.write({"district": "النسيم"})
        with self.assertRaises(AccessError):
            own.write({"national_id": self.new_national_id()})
        with self.assertRaises(AccessError):
            own.read(["health_condition"])
        with self.assertRaises(AccessError):
            self.env["beneficiary.beneficiary"].with_user(self.portal_user).create(
                {"name": "ملف جديد"}
            )
        self.assertEqual(self.file_portal.district, "العليا")

    # ------------------------------------------------------------ configuration
    def test_only_manager_changes_configuration(self):
        category = self.category_job_seeker
        with self.assertRaises(AccessError):
            category.with_user(self.officer).write({"review_interval_months": 1})
        with self.assertRaises(AccessError):
            self.env["beneficiary.category"].with_user(self.officer).create({"name": "فئة"})
        with self.assertRaises(AccessError):
            self.doc_cv.with_user(self.researcher).write({"has_expiry": True})
        # Officers read the configuration they work with.
        self.assertEqual(category.with_user(self.officer).review_interval_months, 6)
        category.with_user(self.manager).write({"review_interval_months": 4})
        self.assertEqual(category.review_interval_months, 4)
        self.env["beneficiary.category"].with_user(self.manager).create({"name": "الأرامل"})
        self.doc_cv.with_user(self.manager).write({"has_expiry": False})
