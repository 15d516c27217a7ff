from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BeneficiaryCommon


@tagged("post_install", "-at_install")
class TestBeneficiaryRetention(BeneficiaryCommon):
    """Anonymising closed files: by a manager, by the retention job (PDPL)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file = cls.create_beneficiary(
            categories=cls.category_disability,
            health_condition="شلل نصفي بعد حادث",
            disability_type="physical",
            email="mohammed@example.com",
            phone="+966 11 456 7890",
            family_member_ids=[
                Command.create(
                    {
                        "name": "نورة القحطاني",
                        "relation": "spouse",
                        "national_id": cls.new_national_id(),
                        "birth_date": date(1990, 6, 15),
                        "gender": "female",
                    }
                )
            ],
        )
        cls.file.action_register()
        cls.portal_login = cls.env["res.users"].create(
            {
                "name": cls.file.name,
                "login": "br_retention_portal",
                "partner_id": cls.file.partner_id.id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        # A researcher read the confidential file: the access log has an entry.
        cls.file.with_user(cls.researcher).read(["health_condition"])
        cls.file.message_post(body="اتصل المستفيد من الجوال 0591234567")
        cls.transition(cls.file, "action_close", "انتقل إلى مدينة أخرى")

    def test_anonymise_erases_personal_data_and_keeps_statistics(self):
        file = self.file
        partner = file.partner_id
        documents = file.document_ids
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "beneficiary.document"),
                ("res_field", "=", "file"),
                ("res_id", "in", documents.ids),
            ]
        )
        self.assertTrue(documents and attachments)
        declarations = file.declaration_ids
        self.assertTrue(declarations)
        log = self.env["beneficiary.sensitive.access.log"].search(
            [("beneficiary_id", "=", file.id)]
        )
        self.assertTrue(log)
        birth_year = file.birth_date.year
        ref = file.ref

        file.with_user(self.manager)._br_anonymise("انتهت مدة الحفظ")

        label = "Anonymised file %s" % ref
        self.assertEqual(file.with_context(lang="en_US").name, label)
        self.assertFalse(file.first_name or file.family_name or file.national_id)
        self.assertEqual(file.birth_date, date(birth_year, 1, 1))
        self.assertFalse(file.mobile or file.email or file.phone)
        self.assertFalse(file.street or file.zip or file.building_number or file.short_address)
        # Statistics stay.
        self.assertEqual(file.city, "الرياض")
        self.assertEqual(file.gender, "male")
        self.assertEqual(file.category_ids, self.category_disability)
        self.assertEqual(file.state, "closed")
        self.assertTrue(file.registration_date)
        # The contact is archived and its portal user deactivated.
        self.assertFalse(partner.active)
        self.assertFalse(partner.email or partner.mobile)
        self.assertFalse(self.portal_login.active)
        # Confidential file, documents and their attachments are gone.
        self.assertFalse(
            self.env["beneficiary.sensitive.file"].search([("beneficiary_id", "=", file.id)])
        )
        self.assertFalse(documents.exists())
        self.assertFalse(attachments.exists())
        # Signatures and family members' identities are erased, the facts stay.
        self.assertFalse(any(declarations.mapped("signature")))
        self.assertEqual(set(declarations.mapped("signer_name")), {file.name})
        member = file.family_member_ids
        self.assertEqual(member.name, file.name)
        self.assertFalse(member.national_id)
        self.assertEqual(member.birth_date, date(1990, 1, 1))
        self.assertEqual(member.relation, "spouse")
        # The access log keeps its entries, under the neutral label.
        self.assertTrue(log.exists())
        self.assertEqual(set(log.mapped("beneficiary_name")), {file.name})
        # The chatter keeps only the anonymisation note.
        self.flush_tracking()
        messages = self.env["mail.message"].search(
            [("model", "=", file._name), ("res_id", "=", file.id)]
        )
        self.assertEqual(len(messages), 1, messages.mapped("body"))
        self.assertIn("انتهت مدة الحفظ", messages.body)
        self.assertIn(self.manager.name, messages.body)
        self.assertFalse(messages.tracking_value_ids)
        self.assertEqual(file.anonymised_by_id, self.manager)
        self.assertTrue(file.anonymised_on)

    def test_anonymised_file_cannot_be_reopened_or_edited(self):
        self.file._br_anonymise("طلب إتلاف")
        with self.assertRaisesText(UserError, "can no longer be changed"):
            self.file.with_user(self.manager).action_reopen()
        with self.assertRaisesText(UserError, "can no longer be changed"):
            self.file.with_user(self.manager).write({"first_name": "أحمد"})
        with self.assertRaisesText(UserError, "already anonymised"):
            self.file.with_user(self.manager)._br_anonymise("مرة ثانية")
        self.assertEqual(self.file.state, "closed")

    def test_open_file_refused_nothing_changed(self):
        open_file = self.create_beneficiary()
        name, number = open_file.name, open_file.national_id
        with self.assertRaisesText(UserError, "Only a closed file"):
            open_file.with_user(self.manager)._br_anonymise("خطأ")
        with self.assertRaisesText(UserError, "Only a closed file"):
            (open_file | self.file).with_user(self.manager)._br_anonymise("خطأ")
        self.assertEqual(open_file.name, name)
        self.assertEqual(open_file.national_id, number)
        self.assertFalse(self.file.anonymised_on)
        self.assertTrue(self.file.document_ids)

    def test_officer_refused(self):
        for user in (self.officer, self.researcher):
            with self.assertRaisesText(AccessError, "Only a manager"):
                self.file.with_user(user)._br_anonymise("بلا صلاحية")
            with self.assertRaisesText(AccessError, "Only a manager"):
                self.file.with_user(user).action_anonymise()
        self.assertFalse(self.file.anonymised_on)

    def test_wizard(self):
        action = self.file.with_user(self.manager).action_anonymise()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"reason": "طلب المستفيد"})
        )
        wizard.action_confirm()
        self.assertTrue(self.file.anonymised_on)

    def test_cron_anonymises_only_old_closed_files_in_batches(self):
        self.company.beneficiary_anonymise_years = 5
        Beneficiary = self.env["beneficiary.beneficiary"]
        old = Beneficiary
        for _index in range(5):
            old |= self.create_beneficiary(documents=False)
        recent = self.create_beneficiary(documents=False)
        still_open = self.create_beneficiary(documents=False)
        old_closing = self.today - relativedelta(years=5) - timedelta(days=1)
        self.transition(old | recent, "action_close", "انتهت الخدمة")
        old.write({"closed_on": old_closing})
        recent.write({"closed_on": self.today - relativedelta(years=4)})
        self.file.closed_on = self.today
        with self.assertQueryCount(__system__=400):
            remaining = Beneficiary._cron_anonymise_closed_files(batch_size=3)
        self.assertEqual(remaining, 2)
        self.assertEqual(len(old.filtered("anonymised_on")), 3)
        remaining = Beneficiary._cron_anonymise_closed_files(batch_size=3)
        self.assertEqual(remaining, 0)
        self.assertTrue(all(old.mapped("anonymised_on")))
        self.assertFalse(recent.anonymised_on or still_open.anonymised_on)
        self.assertFalse(self.file.anonymised_on)
        self.assertIn("Retention period ended", old[0].with_context(lang="en_US").status_reason)

    def test_cron_on_by_default_never_only_by_a_manager(self):
        # Retention by default (PDPL): five years after the closing date.
        self.assertEqual(self.company.beneficiary_anonymise_years, 5)
        self.company.with_user(self.manager).beneficiary_anonymise_years = 0
        self.file.closed_on = self.today - relativedelta(years=30)
        self.env["beneficiary.beneficiary"]._cron_anonymise_closed_files()
        self.assertFalse(self.file.anonymised_on)
