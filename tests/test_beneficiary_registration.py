from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BeneficiaryCommon


@tagged("post_install", "-at_install")
class TestBeneficiaryRegistration(BeneficiaryCommon):
    """Registering a file (P6, P9, P11, P12, P17) and its life afterwards."""

    def register_error(self, beneficiary):
        """The message shown to the officer who tries to register ``beneficiary``."""
        with self.assertRaises(UserError) as caught:
            beneficiary.with_user(self.officer).action_register()
        self.assertEqual(beneficiary.state, "draft")
        self.assertFalse(beneficiary.registration_date)
        return str(caught.exception)

    def document(self, beneficiary, doc_type):
        return beneficiary.document_ids.filtered(lambda d: d.document_type_id == doc_type)

    # ------------------------------------------------------------ registration
    def test_register_complete_file(self):
        beneficiary = self.create_beneficiary(
            user=self.officer, categories=self.category_job_seeker | self.category_disability
        )
        self.assertTrue(beneficiary.documents_complete)
        self.assertFalse(beneficiary.missing_document_type_ids)
        self.assertTrue(beneficiary.declaration_date)
        self.assertTrue(beneficiary.consent_date)
        self.assertEqual(beneficiary.consent_version, self.company.beneficiary_terms_version)
        self.assertFalse(beneficiary.next_review_date)
        beneficiary.with_user(self.officer).action_register()
        self.assertEqual(beneficiary.state, "registered")
        self.assertEqual(beneficiary.registration_date, self.today)
        # Job seekers are reviewed every 6 months, people with disabilities every 12:
        # the shortest interval applies.
        self.assertEqual(beneficiary.next_review_date, self.today + relativedelta(months=6))
        with self.assertRaisesText(UserError, "Only a draft file"):
            beneficiary.with_user(self.officer).action_register()

    def test_next_review_date_follows_categories(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        beneficiary.action_register()
        self.assertEqual(beneficiary.next_review_date, self.today + relativedelta(months=6))
        # In recovery: every 3 months.
        beneficiary.category_ids = [Command.link(self.category_recovery.id)]
        self.assertEqual(beneficiary.next_review_date, self.today + relativedelta(months=3))
        # Without category: the association's default interval.
        self.company.beneficiary_review_months = 9
        # The officer does not see the sensitive category (P7): the researcher removes it.
        beneficiary.with_user(self.researcher).category_ids = [Command.clear()]
        self.assertEqual(beneficiary.next_review_date, self.today + relativedelta(months=9))
        # A review restarts the clock from the review date.
        beneficiary.last_review_date = self.today + timedelta(days=10)
        self.assertEqual(
            beneficiary.next_review_date, self.today + timedelta(days=10) + relativedelta(months=9)
        )

    def test_register_refused_without_declaration(self):
        beneficiary = self.create_beneficiary(user=self.officer, declaration=False)
        self.assertFalse(beneficiary.declaration_date)
        self.assertTrue(beneficiary.consent_date)
        message = self.register_error(beneficiary)
        self.assertIn("declaration of correct data", message)
        self.assertNotIn("consent", message)
        self.assertIn(beneficiary.ref, message)
        # Signing the declaration afterwards unblocks the registration.
        self.sign(beneficiary.with_user(self.officer), declaration=True, consent=False)
        beneficiary.with_user(self.officer).action_register()
        self.assertEqual(beneficiary.state, "registered")

    def test_register_refused_without_consent(self):
        beneficiary = self.create_beneficiary(user=self.officer, consent=False)
        message = self.register_error(beneficiary)
        self.assertIn("consent to the service terms", message)
        self.assertNotIn("declaration", message)

    def test_register_refused_with_missing_document(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        self.document(beneficiary, self.doc_cv).sudo().unlink()
        self.assertFalse(beneficiary.documents_complete)
        self.assertEqual(beneficiary.missing_document_type_ids, self.doc_cv)
        message = self.register_error(beneficiary)
        self.assertIn("Documents not verified yet: CV.", message)

    def test_register_refused_with_pending_document(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        self.document(beneficiary, self.doc_qualification).with_user(self.officer).action_reset()
        message = self.register_error(beneficiary)
        self.assertIn("Qualification Certificate", message)
        # Once verified by the officer, the file can be registered.
        self.document(beneficiary, self.doc_qualification).with_user(self.officer).action_verify()
        beneficiary.with_user(self.officer).action_register()
        self.assertEqual(beneficiary.state, "registered")

    def test_register_refused_with_rejected_document(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        cv = self.document(beneficiary, self.doc_cv).with_user(self.officer)
        with self.assertRaisesText(UserError, "reason"):
            cv.action_reject()
        cv.rejection_reason = "السيرة الذاتية غير مقروءة"
        cv.action_reject()
        self.assertEqual(cv.state, "rejected")
        self.assertEqual(cv.verified_by_id, self.officer)
        message = self.register_error(beneficiary)
        self.assertIn("Documents not verified yet: CV.", message)

    def test_register_refused_with_expired_document(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        national_id_doc = self.document(beneficiary, self.doc_national_id)
        national_id_doc.expiry_date = self.today - timedelta(days=1)
        self.assertTrue(national_id_doc.is_expired)
        self.assertEqual(national_id_doc.state, "verified")
        self.assertFalse(beneficiary.documents_complete)
        message = self.register_error(beneficiary)
        self.assertIn("National ID / Iqama", message)
        with self.assertRaisesText(UserError, "expired document cannot be verified"):
            national_id_doc.with_user(self.officer).action_verify()

    def test_replaced_file_must_be_verified_again(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        cv = self.document(beneficiary, self.doc_cv).with_user(self.officer)
        cv.write({"file": cv.file, "file_name": "cv-2.pdf"})
        self.assertEqual(cv.state, "pending")
        self.assertFalse(cv.verified_by_id)
        self.assertIn(self.doc_cv, beneficiary.missing_document_type_ids)

    def test_register_refused_with_incomplete_national_address(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        beneficiary.write({"district": False, "zip": False})
        message = self.register_error(beneficiary)
        self.assertIn("The national address is incomplete", message)
        labels = beneficiary.fields_get(["district", "zip", "street"])
        self.assertIn(labels["district"]["string"], message)
        self.assertIn(labels["zip"]["string"], message)
        self.assertNotIn(labels["street"]["string"], message)

    def test_register_message_lists_every_problem(self):
        beneficiary = self.create_beneficiary(
            user=self.officer,
            categories=self.category_job_seeker,
            documents=False,
            declaration=False,
            consent=False,
            gender=False,
            mobile=False,
            building_number=False,
            additional_number=False,
        )
        message = self.register_error(beneficiary)
        self.assertIn("File %s cannot be registered yet:" % beneficiary.ref, message)
        expected = [
            "Gender is missing.",
            "A mobile or phone number is missing.",
            "The national address is incomplete:",
            "Building Number",
            "Additional Number",
            "has not signed the declaration of correct data",
            "has not given consent to the service terms",
            "Documents not verified yet:",
        ]
        for text in expected:
            self.assertIn(text, message)
        for doc_type in self.category_job_seeker.document_type_ids:
            self.assertIn(doc_type.name, message)
        # One line per problem.
        self.assertEqual(message.count("\n- "), 6)

    def test_indirect_beneficiary_needs_only_consent(self):
        Beneficiary = self.env["beneficiary.beneficiary"].with_user(self.officer)
        beneficiary = Beneficiary.create({"kind": "indirect", "name": "متابع حساب الجمعية"})
        message = self.register_error(beneficiary)
        self.assertIn("consent", message)
        self.assertNotIn("national address", message)
        self.sign(beneficiary, declaration=False, consent=True)
        beneficiary.action_register()
        self.assertEqual(beneficiary.state, "registered")

    def test_sign_wizard(self):
        beneficiary = self.create_beneficiary(user=self.officer, declaration=False, consent=False)
        with self.assertRaisesText(UserError, "Tick the declaration"):
            self.sign(beneficiary, declaration=False, consent=False)
        self.sign(beneficiary)
        declarations = beneficiary.declaration_ids
        self.assertEqual(sorted(declarations.mapped("kind")), ["consent", "declaration"])
        self.assertEqual(declarations.recorded_by_id, self.officer)
        self.assertEqual(declarations.channel_id, self.channel_interview)
        # The texts accepted are those of the policy in force, else the company's settings.
        company = beneficiary.company_id
        policy = self.env["beneficiary.policy"]._get_active(company)
        self.assertEqual(
            set(declarations.mapped("version")),
            {policy.version or company.beneficiary_terms_version},
        )
        self.assertEqual(declarations.policy_id, policy)
        self.assertEqual(
            declarations.filtered(lambda d: d.kind == "declaration").text,
            policy.declaration_text or company.beneficiary_declaration_text,
        )
        self.assertTrue(
            beneficiary.message_ids.filtered(lambda m: "signed by" in (m.body or "")),
            "the signature is noted in the chatter",
        )

    def test_declaration_is_immutable(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        declaration = beneficiary.declaration_ids.filtered(lambda d: d.kind == "declaration")
        with self.assertRaisesText(UserError, "cannot be changed"):
            declaration.with_user(self.officer).write({"version": "2.0"})
        with self.assertRaisesText(UserError, "cannot be changed"):
            declaration.with_user(self.manager).write({"signer_name": "اسم آخر"})
        # Not even the administrator can rewrite the evidence.
        with self.assertRaisesText(UserError, "cannot be changed"):
            declaration.sudo().write({"text": "<p>نص آخر</p>"})
        with self.assertRaises(AccessError):
            declaration.with_user(self.officer).unlink()
        self.assertEqual(declaration.version, "1.0")
        self.assertTrue(declaration.exists())

    # -------------------------------------------------------------- transitions
    def test_transitions(self):
        beneficiary = self.create_beneficiary(user=self.officer).with_user(self.officer)
        with self.assertRaisesText(UserError, "Only a registered or suspended file"):
            beneficiary.action_activate()
        beneficiary.action_register()
        beneficiary.action_activate()
        self.assertEqual(beneficiary.state, "active")

        action = beneficiary.action_suspend()
        self.assertEqual(action["res_model"], "beneficiary.beneficiary.transition")
        self.assertEqual(action["context"]["default_transition"], "suspend")
        with self.assertRaisesText(UserError, "Give the reason"):
            self.transition(beneficiary, "action_suspend", "   ")
        self.assertEqual(beneficiary.state, "active")
        self.transition(beneficiary, "action_suspend", "لم يحضر المقابلة مرتين")
        self.assertEqual(beneficiary.state, "suspended")
        self.assertEqual(beneficiary.status_reason, "لم يحضر المقابلة مرتين")
        with self.assertRaisesText(UserError, "not allowed"):
            self.transition(beneficiary, "action_suspend", "مرة أخرى")

        beneficiary.action_activate()
        self.assertEqual(beneficiary.state, "active")
        self.assertFalse(beneficiary.status_reason)

        self.transition(beneficiary, "action_close", "انتقل إلى مدينة أخرى")
        self.assertEqual(beneficiary.state, "closed")
        self.assertEqual(beneficiary.status_reason, "انتقل إلى مدينة أخرى")
        with self.assertRaisesText(UserError, "not allowed"):
            self.transition(beneficiary, "action_close", "مرة أخرى")

    def test_suspend_draft_refused(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        with self.assertRaisesText(UserError, "not allowed"):
            self.transition(beneficiary, "action_suspend", "سبب")
        self.assertEqual(beneficiary.state, "draft")

    def test_reopen_only_by_manager(self):
        beneficiary = self.create_beneficiary(user=self.officer)
        beneficiary.action_register()
        self.transition(beneficiary.with_user(self.officer), "action_close", "طلب المستفيد")
        beneficiary.action_archive()
        with self.assertRaises(AccessError):
            beneficiary.with_user(self.officer).action_reopen()
        with self.assertRaises(AccessError):
            beneficiary.with_user(self.researcher).action_reopen()
        self.assertEqual(beneficiary.state, "closed")
        beneficiary.with_user(self.manager).action_reopen()
        self.assertEqual(beneficiary.state, "active")
        self.assertTrue(beneficiary.active)
        self.assertFalse(beneficiary.status_reason)
        with self.assertRaisesText(UserError, "Only a closed file"):
            beneficiary.with_user(self.manager).action_reopen()

    def test_transitions_tracked_in_chatter(self):
        beneficiary = self.create_beneficiary(user=self.officer).with_user(self.officer)
        self.flush_tracking()
        beneficiary.action_register()
        self.flush_tracking()
        beneficiary.action_activate()
        self.flush_tracking()
        self.transition(beneficiary, "action_suspend", "تحديث البيانات مطلوب")
        self.flush_tracking()
        self.transition(beneficiary, "action_close", "وفاة المستفيد")
        self.assertEqual(
            self.tracked_values(beneficiary, "state"),
            ["Registered", "Active", "Suspended", "Closed"],
        )
        self.assertEqual(
            self.tracked_values(beneficiary, "status_reason"),
            ["تحديث البيانات مطلوب", "وفاة المستفيد"],
        )
        last = beneficiary.message_ids[:1]
        self.assertEqual(last.author_id, self.officer.partner_id)

    # -------------------------------------------------------- delete / archive
    def test_registered_file_cannot_be_deleted(self):
        draft = self.create_beneficiary(user=self.officer)
        registered = self.create_beneficiary(user=self.officer)
        registered.action_register()
        with self.assertRaisesText(UserError, "never deleted"):
            registered.with_user(self.officer).unlink()
        with self.assertRaisesText(UserError, "never deleted"):
            registered.with_user(self.manager).unlink()
        self.assertTrue(registered.exists())
        # A draft (never registered) file created by mistake is removed by a manager only.
        with self.assertRaisesText(UserError, "Only a manager deletes a draft"):
            draft.with_user(self.officer).unlink()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())
        # Archiving hides the registered file without losing it.
        registered.with_user(self.officer).action_archive()
        self.assertFalse(registered.active)
        Beneficiary = self.env["beneficiary.beneficiary"].with_user(self.officer)
        self.assertFalse(Beneficiary.search([("id", "=", registered.id)]))
        self.assertEqual(
            Beneficiary.with_context(active_test=False).search([("id", "=", registered.id)]),
            registered,
        )

    # ------------------------------------------------------------ name, duplicates
    def test_name_composed_from_four_parts(self):
        beneficiary = (
            self.env["beneficiary.beneficiary"]
            .with_user(self.officer)
            .create(
                {
                    "first_name": " فاطمة ",
                    "father_name": "علي",
                    "grandfather_name": "حسن",
                    "family_name": "الزهراني",
                }
            )
        )
        self.assertEqual(beneficiary.name, "فاطمة علي حسن الزهراني")
        self.assertEqual(beneficiary.display_name, "فاطمة علي حسن الزهراني")
        self.assertEqual(beneficiary.partner_id.name, "فاطمة علي حسن الزهراني")
        beneficiary.family_name = "الغامدي"
        self.assertEqual(beneficiary.name, "فاطمة علي حسن الغامدي")
        self.assertEqual(beneficiary.partner_id.name, "فاطمة علي حسن الغامدي")
        # A missing part is skipped, not shown as a double space.
        beneficiary.grandfather_name = False
        self.assertEqual(beneficiary.name, "فاطمة علي الغامدي")
        # The file number comes from the sequence.
        self.assertRegex(beneficiary.ref, r"^BEN/\d{4}/\d{6}$")
        self.assertEqual(beneficiary.partner_id.company_id, self.company)

    def test_duplicate_warning_same_mobile(self):
        first = self.create_beneficiary(user=self.officer, mobile="+966 55 123 4567")
        second = self.create_beneficiary(
            user=self.officer, mobile="+966 55 123 4567", first_name="أحمد"
        )
        self.assertIn("Same mobile as file", second.duplicate_warning)
        self.assertIn(first.ref, second.duplicate_warning)
        self.assertIn(second.ref, first.duplicate_warning)
        self.assertNotIn("Same name", second.duplicate_warning)

    def test_duplicate_warning_same_name_and_birth_date(self):
        first = self.create_beneficiary(
            user=self.officer,
            first_name="لطيفة",
            family_name="الدوسري",
            birth_date=date(1979, 4, 2),
        )
        second = self.create_beneficiary(
            user=self.officer,
            first_name="لطيفة",
            family_name="الدوسري",
            birth_date=date(1979, 4, 2),
        )
        self.assertIn("Same name and birth date as file", second.duplicate_warning)
        self.assertIn(first.ref, second.duplicate_warning)
        self.assertNotIn("Same mobile", second.duplicate_warning)
        # Same name, another birth date: a different person.
        third = self.create_beneficiary(
            user=self.officer,
            first_name="لطيفة",
            family_name="الدوسري",
            birth_date=date(1980, 4, 2),
        )
        self.assertFalse(third.duplicate_warning)

    def test_no_duplicate_warning_for_unique_file(self):
        beneficiary = self.create_beneficiary(
            user=self.officer, first_name="ريماس", family_name="البقمي", mobile="+966 58 765 4321"
        )
        self.assertFalse(beneficiary.duplicate_warning)
