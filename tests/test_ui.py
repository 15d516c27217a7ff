from odoo.addons.beneficiary_relations.tools import saudi
from odoo.tests import HttpCase, new_test_user, tagged

TOUR_NATIONAL_ID = "1098765439"  # typed as ١٠٩٨٧٦٥٤٣٩ by the tour


@tagged("post_install", "-at_install")
class TestBeneficiaryUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.officer = new_test_user(
            cls.env,
            login="br_tour_officer",
            groups="beneficiary_relations.group_beneficiary_officer",
            name="موظف الاستقبال",
            email="br_tour_officer@example.com",
            lang="ar_001",
            tz="Asia/Riyadh",
        )

    def test_beneficiary_form_tour(self):
        self.assertTrue(saudi.is_valid_national_id(TOUR_NATIONAL_ID))
        Beneficiary = self.env["beneficiary.beneficiary"].with_context(active_test=False)
        self.assertFalse(Beneficiary.search([("national_id", "=", TOUR_NATIONAL_ID)]))

        self.start_tour("/odoo", "beneficiary_form_tour", login=self.officer.login)

        beneficiary = Beneficiary.search([("national_id", "=", TOUR_NATIONAL_ID)])
        self.assertEqual(len(beneficiary), 1)
        self.assertEqual(beneficiary.name, "محمد عبدالله سعد القحطاني")
        self.assertEqual(beneficiary.family_name, "القحطاني")
        self.assertEqual(str(beneficiary.birth_date), "1990-05-15")
        self.assertEqual(beneficiary.id_type, "citizen")
        self.assertEqual(beneficiary.nationality_id, self.env.ref("base.sa"))
        self.assertEqual(beneficiary.state, "draft")
        self.assertEqual(beneficiary.create_uid, self.officer)
        self.assertEqual(beneficiary.officer_id, self.officer)
        self.assertRegex(beneficiary.ref, r"^BEN/\d{4}/\d{6}$")
