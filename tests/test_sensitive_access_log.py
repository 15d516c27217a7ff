import logging

from odoo import Command
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GROUP_MANAGER, GROUP_RESEARCHER, BeneficiaryCommon

_logger = logging.getLogger(__name__)

SENSITIVE_FIELDS = (
    "health_condition",
    "disability_type",
    "disability_details",
    "treatment_details",
    "research_notes",
)
LOG = "beneficiary.sensitive.access.log"
# What the beneficiary form reads (the confidential tab and a few other fields).
FORM_SPEC = {
    "name": {},
    "ref": {},
    "national_id": {},
    "researcher_id": {"fields": {"display_name": {}}},
    "sensitive_file_readable": {},
    **{name: {} for name in SENSITIVE_FIELDS},
}
# What the officer's list of beneficiaries reads: nothing confidential.
LIST_SPEC = {"ref": {}, "name": {}, "national_id": {}, "state": {}}


@tagged("post_install", "-at_install")
class TestSensitiveAccessLog(BeneficiaryCommon):
    """PDPL: who looked at or changed confidential (health) data is logged."""

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
            health_condition="فشل كلوي",
        )
        cls.file_no_data = cls.create_beneficiary(researcher_id=cls.researcher.id)
        cls.sensitive_r1 = cls.env["beneficiary.sensitive.file"].search(
            [("beneficiary_id", "=", cls.file_r1.id)]
        )
        cls.researcher_b = mail_user(cls, "br_researcher_b", GROUP_RESEARCHER, cls.company_b)
        cls.manager_b = mail_user(cls, "br_manager_b", GROUP_MANAGER, cls.company_b)

    def setUp(self):
        super().setUp()
        self.last_id = self.env[LOG].sudo().search([], limit=1).id or 0

    def new_entries(self):
        """The entries logged since the test started, oldest first."""
        self.env.flush_all()
        return self.env[LOG].sudo().search([("id", ">", self.last_id)], order="id")

    def read_as(self, user, records, spec=FORM_SPEC):
        """``web_read`` as the web client does, in a fresh cache (a new request)."""
        self.env.invalidate_all()
        return records.with_user(user).web_read(spec)

    # ------------------------------------------------------------------ viewing
    def test_researcher_opening_the_form_logs_one_view(self):
        values = self.read_as(self.researcher, self.file_r1)
        self.assertEqual(values[0]["health_condition"], "شلل نصفي بعد حادث")
        entry = self.new_entries()
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.kind, "viewed")
        self.assertEqual(entry.user_id, self.researcher)
        self.assertEqual(entry.beneficiary_id, self.file_r1)
        self.assertEqual(entry.beneficiary_ref, self.file_r1.ref)
        self.assertEqual(entry.company_id, self.company)
        self.assertEqual(entry.channel, "beneficiary")
        self.assertEqual(set(entry.field_names.split(",")), set(SENSITIVE_FIELDS))
        labels = entry.with_context(lang="en_US").field_labels
        self.assertIn("Health Condition", labels)
        self.assertIn("Disability Type", labels)
        # Opening the form again (a new request) is another look.
        self.read_as(self.researcher, self.file_r1)
        self.assertEqual(len(self.new_entries()), 2)

    def test_reading_some_confidential_fields_names_those(self):
        self.read_as(self.manager, self.file_r1, {"name": {}, "disability_type": {}})
        entry = self.new_entries()
        self.assertEqual(entry.user_id, self.manager)
        self.assertEqual(entry.field_names, "disability_type")

    def test_officer_list_logs_nothing_and_cannot_read_the_log(self):
        self.read_as(self.researcher, self.file_r1)
        values = self.read_as(self.officer, self.file_r1 | self.file_r2, LIST_SPEC)
        self.assertEqual(values[0]["national_id"], self.file_r1.national_id)
        # The researcher's list (no confidential column) logs nothing either.
        self.read_as(self.researcher, self.file_r1 | self.file_no_data, LIST_SPEC)
        self.assertEqual(self.new_entries().user_id, self.researcher)
        self.assertEqual(len(self.new_entries()), 1)
        Log = self.env[LOG].with_user(self.officer)
        with self.assertRaises(AccessError):
            Log.search([])
        with self.assertRaises(AccessError):
            self.new_entries().with_user(self.officer).read(["user_id"])
        with self.assertRaises(AccessError):
            self.new_entries().with_user(self.researcher).read(["user_id"])

    def test_no_file_or_hidden_file_logs_nothing(self):
        # No confidential file yet: the researcher sees empty fields, nothing to log.
        values = self.read_as(self.researcher, self.file_no_data)
        self.assertFalse(values[0]["health_condition"])
        self.assertTrue(values[0]["sensitive_file_readable"])
        # Another researcher's beneficiary: the rules hide the file.
        values = self.read_as(self.researcher, self.file_r2)
        self.assertFalse(values[0]["health_condition"])
        self.assertFalse(values[0]["sensitive_file_readable"])
        self.assertFalse(self.new_entries())

    def test_other_company_researcher_sees_and_logs_nothing(self):
        with self.assertRaises(AccessError):
            self.read_as(self.researcher_b, self.file_r1)
        files = self.env["beneficiary.sensitive.file"].with_user(self.researcher_b)
        self.assertFalse(files.search_read([], ["health_condition"]))
        self.assertFalse(self.new_entries())
        # Nor does the other association's manager see this one's log.
        self.read_as(self.researcher, self.file_r1)
        self.assertTrue(self.new_entries())
        self.assertFalse(self.env[LOG].with_user(self.manager_b).search([]))

    def test_superuser_sudo_and_jobs_log_nothing(self):
        self.env.invalidate_all()
        self.assertEqual(self.file_r1.health_condition, "شلل نصفي بعد حادث")
        self.read_as(self.env.user, self.file_r1)
        self.env.invalidate_all()
        self.file_r1.with_user(self.researcher).sudo().read(list(SENSITIVE_FIELDS))
        self.env.invalidate_all()
        # Scheduled jobs run as the superuser.
        self.file_r1.with_user(self.env.ref("base.user_root")).read(["health_condition"])
        self.sensitive_r1.read(["health_condition"])
        self.assertFalse(self.new_entries())

    def test_editing_the_form_does_not_log_views(self):
        # Onchanges while editing (after the form's read) return no confidential values.
        beneficiary = self.file_r1.with_user(self.researcher)
        self.env.invalidate_all()
        beneficiary.onchange({"first_name": "أحمد"}, ["first_name"], FORM_SPEC)
        self.assertFalse(self.new_entries())

    # ------------------------------------------------------------------ changes
    def test_changing_health_condition_logs_the_change(self):
        beneficiary = self.file_r1.with_user(self.researcher)
        self.env.invalidate_all()
        beneficiary.write({"health_condition": "تحسن بعد العلاج الطبيعي"})
        entry = self.new_entries()
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.kind, "changed")
        self.assertEqual(entry.field_names, "health_condition")
        self.assertEqual(entry.user_id, self.researcher)
        self.assertEqual(entry.channel, "beneficiary")
        self.assertEqual(self.sensitive_r1.health_condition, "تحسن بعد العلاج الطبيعي")
        # The fields not written are kept (the web client sends only the changed ones).
        self.assertEqual(self.sensitive_r1.disability_type, "physical")
        self.assertEqual(self.sensitive_r1.disability_details, "يستخدم كرسيًا متحركًا")

    def test_first_confidential_data_logs_creation(self):
        self.file_no_data.with_user(self.researcher).write({"disability_type": "visual"})
        entry = self.new_entries()
        self.assertEqual((entry.kind, entry.field_names), ("created", "disability_type"))
        self.assertEqual(entry.beneficiary_id, self.file_no_data)

    def test_confidential_file_changes_logged(self):
        self.sensitive_r1.with_user(self.manager).write({"treatment_details": "جلسات أسبوعية"})
        entry = self.new_entries()
        self.assertEqual((entry.kind, entry.field_names), ("changed", "treatment_details"))
        self.assertEqual((entry.channel, entry.user_id), ("file", self.manager))

    # --------------------------------------------------- the confidential file
    def test_direct_reads_of_the_confidential_file(self):
        Files = self.env["beneficiary.sensitive.file"].with_user(self.researcher)
        # Its list view: beneficiary, researcher, disability type.
        rows = Files.search_read([], ["beneficiary_id", "researcher_id", "disability_type"])
        self.assertEqual([row["id"] for row in rows], self.sensitive_r1.ids)
        entry = self.new_entries()
        self.assertEqual(len(entry), 1)
        self.assertEqual((entry.kind, entry.channel), ("viewed", "file"))
        self.assertEqual(entry.field_names, "disability_type")
        self.assertEqual(entry.beneficiary_id, self.file_r1)
        # Its form: every confidential field.
        self.env.invalidate_all()
        Files.browse(self.sensitive_r1.id).web_read({name: {} for name in SENSITIVE_FIELDS})
        self.assertEqual(set(self.new_entries()[-1].field_names.split(",")), set(SENSITIVE_FIELDS))
        # Only the name of the file (a many2one elsewhere): nothing confidential.
        Files.browse(self.sensitive_r1.id).read(["beneficiary_id", "researcher_id"])
        self.assertEqual(len(self.new_entries()), 2)

    def test_exports_logged(self):
        self.env.invalidate_all()
        result = self.file_r1.with_user(self.manager).export_data(["name", "health_condition"])
        self.assertEqual(result["datas"][0][1], "شلل نصفي بعد حادث")
        self.sensitive_r1.with_user(self.manager).export_data(["beneficiary_id", "disability_type"])
        entries = self.new_entries()
        self.assertEqual(entries.mapped("channel"), ["export", "export"])
        self.assertEqual(entries.mapped("field_names"), ["health_condition", "disability_type"])

    # ------------------------------------------------------------ the log itself
    def test_manager_reads_but_cannot_change_the_log(self):
        self.read_as(self.researcher, self.file_r1)
        entry = self.new_entries().with_user(self.manager)
        self.assertEqual(entry.read(["user_id"])[0]["user_id"][0], self.researcher.id)
        self.assertIn(entry, self.env[LOG].with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            entry.write({"kind": "changed"})
        with self.assertRaises(AccessError):
            entry.unlink()
        with self.assertRaises(AccessError):
            self.env[LOG].with_user(self.manager).create(
                {
                    "user_id": self.manager.id,
                    "beneficiary_id": self.file_r1.id,
                    "company_id": self.company.id,
                    "kind": "viewed",
                    "channel": "file",
                }
            )
        # The beneficiary form's smart button opens this file's log.
        self.env.invalidate_all()
        beneficiary = self.file_r1.with_user(self.manager)
        self.assertEqual(beneficiary.sensitive_access_count, 1)
        action = beneficiary.action_view_sensitive_access_log()
        self.assertEqual(self.env[LOG].with_user(self.manager).search(action["domain"]), entry)

    def test_entry_outlives_the_deleted_file(self):
        beneficiary = self.create_beneficiary(
            researcher_id=self.researcher.id, health_condition="سكري", documents=False
        )
        self.read_as(self.researcher, beneficiary)
        entry = self.new_entries()
        ref, name = beneficiary.ref, beneficiary.name
        beneficiary.unlink()
        self.assertFalse(entry.beneficiary_id)
        self.assertEqual((entry.beneficiary_ref, entry.beneficiary_name), (ref, name))

    # ------------------------------------------------------------------- speed
    def test_query_count_does_not_grow_with_the_records_read(self):
        Beneficiary = self.env["beneficiary.beneficiary"]
        files = Beneficiary.create(
            [
                self.beneficiary_values(researcher_id=self.researcher.id, health_condition="ربو")
                for _index in range(12)
            ]
        )
        self.read_as(self.researcher, files[10:])  # warm the caches of rules and groups

        def count(records):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.with_user(self.researcher).web_read(FORM_SPEC)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        last_id = self.new_entries()[-1].id
        count_2 = count(files[:2])
        count_10 = count(files[:10])
        _logger.info("Confidential form read: %s queries for 2 files, %s for 10", count_2, count_10)
        self.assertEqual(count_2, count_10)
        entries = self.env[LOG].sudo().search([("id", ">", last_id)])
        self.assertEqual(len(entries), 12)
        self.assertEqual(entries.beneficiary_id, files[:10])


def mail_user(cls, login, group, company):
    """A user of ``group`` in ``company`` only."""
    return mail_new_test_user(
        cls.env,
        login=login,
        groups=group,
        name=login,
        email=f"{login}@example.com",
        company_id=company.id,
        company_ids=[Command.set(company.ids)],
    )
