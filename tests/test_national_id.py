from odoo.addons.beneficiary_relations.tools import saudi
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import BaseCase, tagged

from .common import BeneficiaryCommon


@tagged("post_install", "-at_install")
class TestSaudiTools(BaseCase):
    """The pure functions of tools/saudi.py (see doc/saudi.md)."""

    def test_normalize_digits(self):
        self.assertEqual(saudi.normalize_digits("١٠٠٠٠٠٠٠٠٨"), "1000000008")
        self.assertEqual(saudi.normalize_digits("۲۰۰۰۰۰۰۰۰۶"), "2000000006")
        self.assertEqual(saudi.normalize_digits(" 100 000-0008 "), "1000000008")
        self.assertEqual(saudi.normalize_digits("١٢٣٤5"), "12345")
        self.assertFalse(saudi.normalize_digits(False))
        self.assertEqual(saudi.normalize_digits(""), "")

    def test_national_id_type(self):
        self.assertEqual(saudi.national_id_type("1000000008"), "citizen")
        self.assertEqual(saudi.national_id_type("٢٠٠٠٠٠٠٠٠٦"), "resident")
        self.assertFalse(saudi.national_id_type("3000000004"))
        self.assertFalse(saudi.national_id_type(False))

    def test_national_id_error(self):
        self.assertIsNone(saudi.national_id_error("1000000008"))
        self.assertIsNone(saudi.national_id_error("2000000006"))
        self.assertIsNone(saudi.national_id_error("١٠٠٠٠٠٠٠٠٨"))
        self.assertEqual(saudi.national_id_error("1000000000"), "checksum")
        self.assertEqual(saudi.national_id_error("2000000000"), "checksum")
        self.assertEqual(saudi.national_id_error("100000008"), "length")
        self.assertEqual(saudi.national_id_error("10000000080"), "length")
        self.assertEqual(saudi.national_id_error("3000000004"), "prefix")
        self.assertEqual(saudi.national_id_error("0000000000"), "prefix")
        self.assertEqual(saudi.national_id_error("10000000a8"), "digits")
        self.assertEqual(saudi.national_id_error(""), "digits")

    def test_is_valid_national_id(self):
        self.assertTrue(saudi.is_valid_national_id("1000000008"))
        self.assertTrue(saudi.is_valid_national_id("2000000006"))
        self.assertFalse(saudi.is_valid_national_id("1000000000"))
        # Luhn: changing any single digit breaks the check digit.
        for position in range(10):
            digits = list("1234567897")
            self.assertTrue(saudi.is_valid_national_id("".join(digits)))
            digits[position] = str((int(digits[position]) + 1) % 10)
            self.assertFalse(saudi.is_valid_national_id("".join(digits)), "position %s" % position)

    def test_national_id_check_digit(self):
        self.assertEqual(saudi.national_id_check_digit("100000000"), "1000000008")
        self.assertEqual(saudi.national_id_check_digit("200000000"), "2000000006")
        for first_nine in ("112233445", "298765432", "170000001"):
            number = saudi.national_id_check_digit(first_nine)
            self.assertEqual(len(number), 10)
            self.assertTrue(number.startswith(first_nine))
            self.assertTrue(saudi.is_valid_national_id(number))
        with self.assertRaises(ValueError):
            saudi.national_id_check_digit("300000000")

    def test_national_address_patterns(self):
        self.assertTrue(saudi.BUILDING_NUMBER_RE.match("2929"))
        self.assertFalse(saudi.BUILDING_NUMBER_RE.match("292"))
        self.assertTrue(saudi.ADDITIONAL_NUMBER_RE.match("7788"))
        self.assertFalse(saudi.ADDITIONAL_NUMBER_RE.match("77889"))
        self.assertTrue(saudi.POSTAL_CODE_RE.match("12244"))
        self.assertFalse(saudi.POSTAL_CODE_RE.match("1224"))
        self.assertTrue(saudi.SHORT_ADDRESS_RE.match("RRRD2929"))
        self.assertFalse(saudi.SHORT_ADDRESS_RE.match("RRR2929"))
        self.assertEqual(saudi.normalize_short_address("rrrd ٢٩٢٩"), "RRRD2929")


@tagged("post_install", "-at_install")
class TestNationalId(BeneficiaryCommon):
    """National ID / Iqama numbers on the beneficiary file."""

    def create_as(self, user, **values):
        values = self.beneficiary_values(**values)
        return self.env["beneficiary.beneficiary"].with_user(user).create(values)

    def test_valid_citizen_number(self):
        beneficiary = self.create_as(self.officer_b, national_id="1000000008")
        self.assertEqual(beneficiary.national_id, "1000000008")
        self.assertEqual(beneficiary.id_type, "citizen")
        self.assertTrue(beneficiary.is_saudi)
        self.assertEqual(beneficiary.company_id, self.company_b)

    def test_valid_resident_number(self):
        beneficiary = self.create_as(
            self.officer_b, national_id="2000000006", nationality_id=self.egypt.id
        )
        self.assertEqual(beneficiary.national_id, "2000000006")
        self.assertEqual(beneficiary.id_type, "resident")
        self.assertFalse(beneficiary.is_saudi)

    def test_bad_check_digit_refused(self):
        with self.assertRaisesText(ValidationError, "check digit"):
            self.create_as(self.officer_b, national_id="1000000000")

    def test_wrong_length_refused(self):
        for number in ("100000008", "10000000008"):
            with self.subTest(number=number), self.assertRaisesText(ValidationError, "10 digits"):
                self.create_as(self.officer_b, national_id=number)

    def test_prefix_refused(self):
        for number in ("3000000004", "0000000000"):
            with (
                self.subTest(number=number),
                self.assertRaisesText(ValidationError, "start with 1"),
            ):
                self.create_as(self.officer_b, national_id=number)

    def test_letters_refused(self):
        with self.assertRaisesText(ValidationError, "digits only"):
            self.create_as(self.officer_b, national_id="10000000a8")

    def test_invalid_number_refused_on_write(self):
        beneficiary = self.create_as(self.officer_b, national_id="1000000008")
        with self.assertRaisesText(ValidationError, "check digit"):
            beneficiary.write({"national_id": "1000000000"})
        self.assertEqual(beneficiary.national_id, "1000000008")

    def test_eastern_arabic_digits_stored_western(self):
        beneficiary = self.create_as(self.officer_b, national_id="١٠٠٠٠٠٠٠٠٨")
        self.assertEqual(beneficiary.national_id, "1000000008")
        self.assertEqual(beneficiary.id_type, "citizen")
        # The stored value is what a search by the Western number finds.
        found = (
            self.env["beneficiary.beneficiary"]
            .with_user(self.officer_b)
            .search([("national_id", "=", "1000000008")])
        )
        self.assertEqual(found, beneficiary)
        beneficiary.write({"national_id": "٢٠٠٠٠٠٠٠٠٦", "nationality_id": self.egypt.id})
        self.assertEqual(beneficiary.national_id, "2000000006")
        self.assertEqual(beneficiary.id_type, "resident")

    def test_national_id_found_by_name_search(self):
        beneficiary = self.create_as(self.officer_b, national_id="1000000008")
        Beneficiary = self.env["beneficiary.beneficiary"].with_user(self.officer_b)
        self.assertIn(beneficiary, Beneficiary.search([("display_name", "ilike", "1000000008")]))

    def test_duplicate_in_same_company_refused(self):
        first = self.create_as(self.officer_b, national_id="1000000008")
        with self.assertRaises(ValidationError) as error:
            self.create_as(self.officer_b, national_id="١٠٠٠٠٠٠٠٠٨")
        self.assertIn(first.ref, str(error.exception))
        self.assertIn("1000000008", str(error.exception))
        # Also when an existing file is changed to an already registered number.
        second = self.create_as(self.officer_b, national_id="1000000016")
        with self.assertRaises(ValidationError) as error:
            second.write({"national_id": "1000000008"})
        self.assertIn(first.ref, str(error.exception))
        # An archived file keeps its number.
        first.action_archive()
        with self.assertRaises(ValidationError) as error:
            self.create_as(self.officer_b, national_id="1000000008")
        self.assertIn(first.ref, str(error.exception))

    def test_same_number_in_another_company_allowed(self):
        number = self.new_national_id()
        in_a = self.create_as(self.officer, national_id=number)
        in_b = self.create_as(self.officer_b, national_id=number)
        self.assertEqual(in_a.company_id, self.company)
        self.assertEqual(in_b.company_id, self.company_b)
        self.assertEqual(in_a.national_id, in_b.national_id)

    def test_id_kind_must_match_nationality(self):
        with self.assertRaisesText(ValidationError, "nationality"):
            self.create_as(self.officer_b, national_id="1000000008", nationality_id=self.egypt.id)
        with self.assertRaisesText(ValidationError, "nationality"):
            self.create_as(
                self.officer_b, national_id="2000000006", nationality_id=self.saudi_arabia.id
            )
        beneficiary = self.create_as(self.officer_b, national_id="1000000008")
        with self.assertRaisesText(ValidationError, "nationality"):
            beneficiary.nationality_id = self.egypt

    def test_manager_exception_accepts_invalid_number(self):
        beneficiary = self.create_as(
            self.manager,
            national_id="1000000000",
            id_exception=True,
            id_exception_reason="رقم قديم صادر قبل اعتماد خانة التحقق",
        )
        self.assertEqual(beneficiary.national_id, "1000000000")
        self.assertTrue(beneficiary.id_exception)
        # An officer can still edit the rest of the file.
        beneficiary.with_user(self.officer).write({"district": "الملز"})
        self.assertEqual(beneficiary.district, "الملز")
        # Without the exception the number is refused again.
        with self.assertRaisesText(ValidationError, "check digit"):
            beneficiary.with_user(self.manager).write(
                {"id_exception": False, "id_exception_reason": False}
            )

    def test_exception_on_existing_file_is_tracked(self):
        beneficiary = self.create_as(self.officer)
        self.flush_tracking()
        beneficiary.with_user(self.manager).write(
            {
                "national_id": "1000000000",
                "id_exception": True,
                "id_exception_reason": "رقم قديم صادر قبل اعتماد خانة التحقق",
            }
        )
        self.assertEqual(beneficiary.national_id, "1000000000")
        self.assertEqual(
            self.tracked_values(beneficiary, "id_exception_reason"),
            ["رقم قديم صادر قبل اعتماد خانة التحقق"],
        )
        self.assertEqual(self.tracked_values(beneficiary, "national_id"), ["1000000000"])
        message = (
            self.env["mail.tracking.value"]
            .search(
                [
                    ("mail_message_id.res_id", "=", beneficiary.id),
                    ("mail_message_id.model", "=", "beneficiary.beneficiary"),
                    ("field_id.name", "=", "id_exception_reason"),
                ]
            )
            .mail_message_id
        )
        self.assertEqual(message.author_id, self.manager.partner_id)

    def test_officer_cannot_record_exception(self):
        with self.assertRaises(AccessError):
            self.create_as(
                self.officer,
                national_id="1000000000",
                id_exception=True,
                id_exception_reason="سبب",
            )
        beneficiary = self.create_as(self.officer)
        with self.assertRaises(AccessError):
            beneficiary.with_user(self.officer).write({"id_exception": True})
        with self.assertRaises(AccessError):
            beneficiary.with_user(self.researcher).write({"id_exception_reason": "سبب"})
        self.assertFalse(beneficiary.id_exception)

    def test_exception_needs_reason(self):
        with self.assertRaisesText(ValidationError, "reason"):
            self.create_as(self.manager, national_id="1000000000", id_exception=True)
        with self.assertRaisesText(ValidationError, "reason"):
            self.create_as(
                self.manager, national_id="1000000000", id_exception=True, id_exception_reason="  "
            )

    def test_national_address_checked_and_normalized(self):
        beneficiary = self.create_as(
            self.officer_b,
            building_number="٢٩٢٩",
            zip="١٢٢٤٤",
            additional_number="٧٧٨٨",
            short_address="rrrd٢٩٢٩",
        )
        self.assertEqual(beneficiary.building_number, "2929")
        self.assertEqual(beneficiary.zip, "12244")
        self.assertEqual(beneficiary.additional_number, "7788")
        self.assertEqual(beneficiary.short_address, "RRRD2929")
        cases = (
            ("building_number", "292", "building number"),
            ("additional_number", "77", "additional number"),
            ("zip", "1224", "postal code"),
            ("short_address", "RR2929", "short address"),
        )
        for field_name, value, message in cases:
            with self.subTest(field=field_name), self.assertRaisesText(ValidationError, message):
                beneficiary.write({field_name: value})
