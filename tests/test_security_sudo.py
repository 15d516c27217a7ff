"""sudo() only after a check that covers exactly what it returns (threat model,
principle 5): the holes found in the review of every ``sudo()`` call, attacked over
JSON-RPC as the weakest user who could reach them, and the rule that keeps every call
explained."""

import importlib.util
import json
from datetime import date
from pathlib import Path

from odoo import fields
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import HttpCase, tagged

from .common import BeneficiaryCommon
from .common_rpc import JsonRpcMixin

LOG = "beneficiary.sensitive.access.log"
DSR = "beneficiary.data.subject.request"


def _jsonable(values):
    """The values as a client sends them (dates as text)."""
    return {
        name: fields.Date.to_string(value) if isinstance(value, date) else value
        for name, value in values.items()
    }


def _checker():
    """scripts/check_sudo_comments.py, loaded from the addon's source."""
    path = Path(__file__).resolve().parent.parent / "scripts" / "check_sudo_comments.py"
    spec = importlib.util.spec_from_file_location("check_sudo_comments", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install", "security")
class TestSecuritySudo(JsonRpcMixin, BeneficiaryCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = mail_new_test_user(
            cls.env,
            login="br_employee",
            groups="base.group_user",
            name="موظف بلا صلاحيات المستفيدين",
            email="br_employee@example.com",
            company_id=cls.company.id,
        )
        # A person with a file in the second association only.
        cls.file_b = cls.create_beneficiary(
            company_id=cls.company_b.id,
            researcher_id=False,
            documents=False,
            declaration=False,
            consent=False,
        )
        # A file in recovery from addiction, assigned to the researcher.
        cls.file_recovery = cls.create_beneficiary(
            categories=cls.category_recovery, researcher_id=cls.researcher.id
        )

    # ------------------------------------------ the ID number in another association
    def test_id_number_of_another_association_not_revealed_on_create(self):
        """An officer cannot learn whether a person has a file in another association
        (and its number) by creating a file there with the person's ID number."""
        values = _jsonable(
            self.beneficiary_values(
                national_id=self.file_b.national_id, company_id=self.company_b.id
            )
        )
        count = self.env["beneficiary.beneficiary"].search_count([])
        error = self.refused(
            "br_officer",
            "beneficiary.beneficiary",
            "create",
            [values],
            message="only in an association you are working in",
        )
        self.assertNotIn(self.file_b.ref, error["message"])
        self.assertNotIn("already registered", error["message"])
        self.assertEqual(self.env["beneficiary.beneficiary"].search_count([]), count)

    def test_id_number_of_another_association_not_revealed_on_write(self):
        own = self.create_beneficiary(documents=False, declaration=False, consent=False)
        error = self.refused(
            "br_officer",
            "beneficiary.beneficiary",
            "write",
            [own.ids, {"national_id": self.file_b.national_id, "company_id": self.company_b.id}],
        )
        self.assertNotIn(self.file_b.ref, error["message"])
        self.assertNotIn("already registered", error["message"])
        self.assertEqual(own.company_id, self.company)

    def test_id_number_in_own_association_still_names_the_file(self):
        other = self.create_beneficiary(documents=False, declaration=False, consent=False)
        values = _jsonable(self.beneficiary_values(national_id=other.national_id))
        self.refused(
            "br_officer",
            "beneficiary.beneficiary",
            "create",
            [values],
            message="already registered in file %s" % other.ref,
        )

    # ------------------------------------ a person's copy of their data (PDPL access)
    def _verified_request(self, beneficiary):
        request = self.env[DSR].create(
            {
                "kind": "copy",
                "requester_name": beneficiary.name,
                "beneficiary_id": beneficiary.id,
                "identity_method": "counter",
                "identity_note": "الهوية الأصلية عند الاستقبال",
            }
        )
        request.with_user(self.officer).action_verify_identity()
        return request

    def test_officer_does_not_export_a_files_confidential_categories(self):
        """The copy lists the file's categories, 'in recovery' among them: an officer
        who may not read them cannot export it and read it from the attachment."""
        request = self._verified_request(self.file_recovery)
        self.refused(
            "br_officer",
            DSR,
            "action_export_data",
            [request.ids],
            message="confidential health data",
        )
        self.assertEqual(request.state, "verified")
        self.assertFalse(request.evidence_ids)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", DSR), ("res_id", "=", request.id)]
        )
        self.assertFalse(attachments)

    def test_assigned_researcher_exports_it_and_the_read_is_logged(self):
        request = self._verified_request(self.file_recovery)
        self.call("br_researcher", DSR, "action_export_data", [request.ids])
        self.assertEqual(request.state, "in_progress")
        data = json.loads(request.evidence_ids.attachment_id.sudo().raw)
        self.assertIn(self.category_recovery.name, data["files"][0]["categories"])
        entry = self.env[LOG].search(
            [
                ("beneficiary_id", "=", self.file_recovery.id),
                ("user_id", "=", self.researcher.id),
                ("channel", "=", "export"),
            ]
        )
        self.assertTrue(entry)
        self.assertIn("category_ids", entry[0].field_names)

    def test_confidential_copy_not_opened_by_another_officer(self):
        """The researcher's copy is evidence on the request: other officers see the
        evidence line, not the file, whether read over RPC or downloaded."""
        request = self._verified_request(self.file_recovery)
        self.call("br_researcher", DSR, "action_export_data", [request.ids])
        attachment = request.evidence_ids.attachment_id
        self.assertTrue(attachment)
        self.refused("br_officer", "ir.attachment", "read", [attachment.ids, ["raw"]])
        self.assertFalse(
            self.call(
                "br_officer",
                "ir.attachment",
                "search",
                [[("res_model", "=", DSR), ("res_id", "=", request.id)]],
            )
        )
        self.authenticate("br_officer", "br_officer")
        response = self.url_open("/web/content/%s?download=true" % attachment.id)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(self.category_recovery.name, response.text)
        evidence = self.call(
            "br_officer",
            "beneficiary.data.subject.request.evidence",
            "read",
            [request.evidence_ids.ids, ["kind"]],
        )
        self.assertEqual(evidence[0]["kind"], "exported")
        rows = self.call("br_researcher", "ir.attachment", "read", [attachment.ids, ["name"]])
        self.assertEqual(rows[0]["id"], attachment.id)

    def test_officer_still_exports_a_file_without_confidential_data(self):
        plain = self.create_beneficiary(researcher_id=self.researcher.id)
        request = self._verified_request(plain)
        self.call("br_officer", DSR, "action_export_data", [request.ids])
        self.assertEqual(request.evidence_ids.kind, "exported")
        attachment = request.evidence_ids.attachment_id
        rows = self.call("br_officer", "ir.attachment", "read", [attachment.ids, ["name"]])
        self.assertEqual(rows[0]["id"], attachment.id)

    # ------------------------------------------------------ the privacy notice's lines
    def test_employee_does_not_rewrite_a_privacy_notice(self):
        """Reloading the retention lines rewrites them as superuser: an employee who may
        only read the notice cannot."""
        notice = (
            self.env["beneficiary.privacy.notice"]
            .with_user(self.manager)
            .create({"version": "SUDO-1", "company_id": self.company.id})
        )
        self.assertTrue(notice.line_ids)
        notice.line_ids.sudo().unlink()
        self.refused(
            "br_employee", "beneficiary.privacy.notice", "action_load_retention", [notice.ids]
        )
        self.assertFalse(notice.line_ids)
        self.call("br_manager", "beneficiary.privacy.notice", "action_load_retention", [notice.ids])
        self.assertTrue(notice.line_ids)

    # ------------------------------------------------------ every sudo() explained
    def test_every_sudo_names_its_check(self):
        """Each sudo() of models/, wizard/, controllers/ and tools/ carries a
        '# sudo: <the check>' comment (scripts/check_sudo_comments.py, also run by
        scripts/test.sh)."""
        self.assertEqual(_checker().check(), [])

    def test_checker_finds_a_sudo_without_its_reason(self):
        checker = _checker()
        source = (
            "def a(self):\n"
            "    return self.sudo().search([])\n"
            "\n"
            "def b(self):\n"
            "    # sudo: the caller checked the file is the user's own\n"
            "    return self.sudo().search([])\n"
            "\n"
            "def c(self):\n"
            "    files = (\n"
            "        self.env['x']\n"
            "        .sudo()  # sudo: read access checked just above\n"
            "        .search([])\n"
            "    )\n"
            "\n"
            "def d(self):\n"
            "    # sudo():\n"
            "    return self.sudo()\n"
        )
        self.assertEqual(checker.uncommented(source), [2, 17])
