from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import BeneficiaryCommon

ACCESS_ERROR = "odoo.exceptions.AccessError"
FILE = "beneficiary.sensitive.file"


@tagged("post_install", "-at_install")
class TestConfidentialAggregates(BeneficiaryCommon, HttpCase):
    """P7 (aggregates leak too): grouping, array_agg and exports of confidential fields
    are refused to those who may not read them and logged for those who may."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["beneficiary.sensitive.access.log"]
        cls.file_r1 = cls.create_beneficiary(
            categories=cls.category_disability,
            researcher_id=cls.researcher.id,
            health_condition="شلل نصفي",
            disability_type="physical",
        )
        cls.file_r2 = cls.create_beneficiary(
            categories=cls.category_patient,
            researcher_id=cls.researcher2.id,
            health_condition="فشل كلوي",
            disability_type="visual",
        )
        cls.files = cls.file_r1 | cls.file_r2
        cls.domain = [("beneficiary_id", "in", cls.files.ids)]

    def setUp(self):
        super().setUp()
        # Associations may let staff export: the export right is not what protects.
        self.env.ref("base.group_allow_export").sudo().users |= self.officer

    def rpc(self, model, method, args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def test_roles_without_access_are_refused(self):
        for login in ("br_officer", "br_committee", "br_partnerships"):
            self.authenticate(login, login)
            with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR, msg=login):
                self.rpc(
                    FILE,
                    "web_read_group",
                    [self.domain, ["health_condition:array_agg"], ["disability_type"]],
                )
            with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR, msg=login):
                self.rpc(FILE, "read_group", [self.domain, ["id"], ["disability_type"]])
        # The mirrored fields on the file: a field of researchers and managers.
        self.authenticate("br_officer", "br_officer")
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self.rpc(
                "beneficiary.beneficiary",
                "export_data",
                [self.files.ids, ["name", "health_condition"]],
            )
        self.assertFalse(self.Log.search([("beneficiary_id", "in", self.files.ids)]))

    def test_researcher_groups_only_assigned_files_logged(self):
        self.authenticate("br_researcher", "br_researcher")
        groups = self.rpc(
            FILE,
            "web_read_group",
            [
                self.domain,
                ["health_condition:array_agg", "beneficiary_id:array_agg"],
                ["disability_type"],
            ],
        )["groups"]
        self.assertEqual([g["disability_type"] for g in groups], ["physical"])
        self.assertEqual(groups[0]["health_condition"], ["شلل نصفي"])
        entries = self.Log.search([("beneficiary_id", "in", self.files.ids)])
        self.assertEqual(entries.beneficiary_id, self.file_r1)
        self.assertEqual(entries.user_id, self.researcher)
        self.assertEqual(entries.channel, "report")
        self.assertEqual(set(entries.mapped("field_names")), {"health_condition,disability_type"})

    def test_manager_groups_everything_logged_per_file(self):
        groups = (
            self.env[FILE]
            .with_user(self.manager)
            .read_group(self.domain, ["health_condition:array_agg"], ["disability_type"])
        )
        self.assertEqual(len(groups), 2)
        entries = self.Log.search([("beneficiary_id", "in", self.files.ids)])
        self.assertEqual(entries.beneficiary_id, self.files)
        self.assertEqual(len(entries), 2)

    def test_document_content_aggregates(self):
        report = self.file_r1.document_ids.filtered(
            lambda d: d.document_type_id == self.doc_disability_report
        )
        domain = [("id", "=", report.id)]
        self.authenticate("br_officer", "br_officer")
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self.rpc(
                "beneficiary.document",
                "web_read_group",
                [domain, ["file_name:array_agg"], ["state"]],
            )
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self.rpc("beneficiary.document", "read_group", [domain, ["id"], ["file_name"]])
        # Presence and state stay countable.
        groups = self.rpc("beneficiary.document", "read_group", [domain, ["id:count"], ["state"]])
        self.assertEqual(groups[0]["state"], "verified")
        with self.assertRaises(AccessError):
            self.env["beneficiary.document"].with_user(self.researcher2)._read_group(
                domain, ["file_name"], ["__count"]
            )
        groups = (
            self.env["beneficiary.document"]
            .with_user(self.researcher)
            ._read_group(domain, ["file_name"], ["__count"])
        )
        self.assertEqual(groups[0][0], report.file_name)
        entry = self.Log.search([("beneficiary_id", "=", self.file_r1.id)])
        self.assertEqual(entry.channel, "report")
        self.assertEqual(entry.field_names, "file_name")
