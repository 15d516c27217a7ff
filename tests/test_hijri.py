from datetime import date, datetime

from odoo.addons.beneficiary_relations.tools import hijri
from odoo.tests import BaseCase, tagged

from .common import BeneficiaryCommon


@tagged("post_install", "-at_install")
class TestHijriTools(BaseCase):
    """Umm al-Qura dates (hijridate) beside Gregorian ones."""

    def test_known_conversions(self):
        # Checked against hijridate 2.6 and the Umm al-Qura calendar.
        known = {
            date(2024, 12, 29): "1446/06/28",
            date(2023, 7, 19): "1445/01/01",  # 1 Muharram 1445
            date(2024, 3, 11): "1445/09/01",  # 1 Ramadan 1445
            date(2000, 1, 1): "1420/09/24",
            date(1990, 5, 15): "1410/10/20",
        }
        for gregorian, expected in known.items():
            with self.subTest(date=gregorian):
                self.assertEqual(hijri.hijri_str(gregorian), expected)
        converted = hijri.to_hijri(date(2024, 12, 29))
        self.assertEqual((converted.year, converted.month, converted.day), (1446, 6, 28))
        self.assertEqual(converted.month_name("ar"), "جمادى الآخرة")

    def test_datetime_uses_its_date(self):
        self.assertEqual(hijri.hijri_str(datetime(2024, 12, 29, 23, 59)), "1446/06/28")
        self.assertEqual(
            hijri.dual_date_str(datetime(2024, 12, 29, 8, 0)), "1446/06/28هـ الموافق 2024/12/29م"
        )

    def test_range_edges(self):
        self.assertEqual(hijri.hijri_str(date(1924, 8, 1)), "1343/01/01")
        self.assertEqual(hijri.hijri_str(date(2077, 11, 16)), "1500/12/30")
        self.assertEqual(hijri.hijri_str(date(1924, 7, 31)), "")
        self.assertEqual(hijri.hijri_str(date(2077, 11, 17)), "")
        self.assertIsNone(hijri.to_hijri(date(1924, 7, 31)))
        self.assertIsNone(hijri.to_hijri(date(2077, 11, 17)))

    def test_empty_values(self):
        self.assertIsNone(hijri.to_hijri(False))
        self.assertEqual(hijri.hijri_str(None), "")
        self.assertEqual(hijri.dual_date_str(False), "")

    def test_dual_date(self):
        day = date(2024, 12, 29)
        self.assertEqual(hijri.dual_date_str(day), "1446/06/28هـ الموافق 2024/12/29م")
        self.assertEqual(hijri.dual_date_str(day, "ar_001"), "1446/06/28هـ الموافق 2024/12/29م")
        self.assertEqual(hijri.dual_date_str(day, "en_US"), "1446/06/28 AH (2024/12/29)")

    def test_dual_date_out_of_range_shows_gregorian_only(self):
        self.assertEqual(hijri.dual_date_str(date(1924, 7, 31), "ar_001"), "1924/07/31م")
        self.assertEqual(hijri.dual_date_str(date(2077, 11, 17), "ar_001"), "2077/11/17م")
        self.assertEqual(hijri.dual_date_str(date(1924, 7, 31), "en_US"), "1924/07/31")
        self.assertEqual(hijri.dual_date_str(date(2077, 11, 17), "en_US"), "2077/11/17")
        # The edges themselves still get their Hijri date.
        self.assertEqual(
            hijri.dual_date_str(date(2077, 11, 16), "ar_001"), "1500/12/30هـ الموافق 2077/11/16م"
        )


@tagged("post_install", "-at_install")
class TestHijriOnBeneficiary(BeneficiaryCommon):
    def test_birth_date_hijri_shown(self):
        beneficiary = self.create_beneficiary(birth_date=date(2000, 1, 1))
        self.assertEqual(beneficiary.birth_date_hijri, "1420/09/24")
        beneficiary.birth_date = date(1990, 5, 15)
        self.assertEqual(beneficiary.birth_date_hijri, "1410/10/20")
        # Older than the Umm al-Qura tables: no Hijri date rather than an error.
        beneficiary.birth_date = date(1920, 3, 1)
        self.assertEqual(beneficiary.birth_date_hijri, "")
        beneficiary.birth_date = False
        self.assertFalse(beneficiary.birth_date_hijri)

    def test_birth_date_hijri_read_by_officer(self):
        beneficiary = self.create_beneficiary(user=self.officer, birth_date=date(2000, 1, 1))
        values = beneficiary.with_user(self.officer).read(["birth_date", "birth_date_hijri"])[0]
        self.assertEqual(values["birth_date_hijri"], "1420/09/24")

    def test_household_member_birth_date_hijri(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        member = (
            self.env["beneficiary.family.member"]
            .with_user(self.officer)
            .create(
                {
                    "beneficiary_id": beneficiary.id,
                    "name": "نورة محمد",
                    "relation": "daughter",
                    "birth_date": date(2024, 12, 29),
                }
            )
        )
        self.assertEqual(member.birth_date_hijri, "1446/06/28")
