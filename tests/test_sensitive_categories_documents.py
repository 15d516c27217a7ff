from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common_committee import CommitteeCommon

ACCESS_ERROR = "odoo.exceptions.AccessError"


@tagged("post_install", "-at_install")
class TestSensitiveCategoriesDocuments(CommitteeCommon, HttpCase):
    """P7: sensitive categories, documents and research reports, attacked over JSON-RPC
    and through the ORM by officers, committee members and unassigned researchers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["beneficiary.sensitive.access.log"]
        cls.treatment = cls.env.ref("beneficiary_relations.document_type_treatment_proof")
        # A file in recovery (sensitive) and job seeking, assigned to the researcher.
        cls.file = cls.create_beneficiary(
            categories=cls.category_recovery | cls.category_job_seeker
        )
        cls.doc = cls.file.document_ids.filtered(lambda d: d.document_type_id == cls.treatment)
        cls.doc.sudo().note = "مسجل في برنامج التعافي بمجمع الأمل"
        cls.attachment = cls.env["ir.attachment"].search(
            [
                ("res_model", "=", "beneficiary.document"),
                ("res_id", "=", cls.doc.id),
                ("res_field", "=", "file"),
            ]
        )

    def setUp(self):
        super().setUp()
        # Associations may let staff export: the export right is not what protects.
        self.env.ref("base.group_allow_export").sudo().users |= self.officer | self.researcher2

    def rpc(self, model, method, args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def logs(self, user, names="category_ids"):
        return self.Log.search(
            [
                ("user_id", "=", user.id),
                ("beneficiary_id", "=", self.file.id),
                ("field_names", "=", names),
            ]
        )

    # -------------------------------------------------------------- categories
    def test_data_flags_health_document_types(self):
        self.assertTrue(self.treatment.is_sensitive)
        self.assertTrue(self.doc_disability_report.is_sensitive)
        self.assertFalse(self.doc_national_id.is_sensitive)

    def test_others_read_only_the_non_sensitive_categories(self):
        for login in ("br_officer", "br_researcher2"):
            self.authenticate(login, login)
            Model = "beneficiary.beneficiary"
            read = self.rpc(Model, "read", [self.file.ids, ["category_ids"]])
            self.assertEqual(read[0]["category_ids"], self.category_job_seeker.ids, login)
            rows = self.rpc(Model, "search_read", [[("id", "=", self.file.id)], ["category_ids"]])
            self.assertEqual(rows[0]["category_ids"], self.category_job_seeker.ids, login)
            web = self.rpc(
                Model,
                "web_read",
                [self.file.ids],
                specification={"category_ids": {"fields": {"display_name": {}}}},
            )
            self.assertEqual(
                [c["id"] for c in web[0]["category_ids"]], self.category_job_seeker.ids, login
            )
            exported = self.rpc(Model, "export_data", [self.file.ids, ["category_ids/id"]])
            self.assertNotIn("category_recovery", str(exported), login)
        # ORM, as the forms and server actions of those users.
        for user in (self.officer, self.researcher2):
            values = self.file.with_user(user).read(["category_ids"])[0]
            self.assertEqual(values["category_ids"], self.category_job_seeker.ids)
            self.assertFalse(self.logs(user))

    def test_researcher_and_manager_read_them_logged(self):
        values = self.file.with_user(self.researcher).read(["category_ids"])[0]
        self.assertIn(self.category_recovery.id, values["category_ids"])
        self.assertEqual(len(self.logs(self.researcher)), 1)
        self.authenticate("br_manager", "br_manager")
        web = self.rpc(
            "beneficiary.beneficiary",
            "web_read",
            [self.file.ids],
            specification={"category_ids": {}},
        )
        self.assertIn(self.category_recovery.id, web[0]["category_ids"])
        self.assertEqual(len(self.logs(self.manager)), 1)
        # A file without sensitive category logs nothing.
        other = self.create_beneficiary()
        other.with_user(self.manager).read(["category_ids"])
        self.assertFalse(self.Log.search([("beneficiary_id", "=", other.id)]))

    def test_search_by_sensitive_category_reveals_nothing(self):
        domains = [
            [("category_ids", "in", self.category_recovery.ids)],
            [("category_ids", "=", self.category_recovery.id)],
            [("category_ids.code", "=", "recovery")],
            [("category_ids", "ilike", self.category_recovery.name)],
            [("category_ids", "any", [("is_sensitive", "=", True)])],
        ]
        self.authenticate("br_officer", "br_officer")
        for domain in domains:
            ids = self.rpc("beneficiary.beneficiary", "search", [domain])
            self.assertNotIn(self.file.id, ids, domain)
        # The complement does not tell either: the file is "not in recovery" for them.
        ids = self.rpc(
            "beneficiary.beneficiary",
            "search",
            [[("category_ids", "not in", self.category_recovery.ids)]],
        )
        self.assertIn(self.file.id, ids)
        for user in (self.officer, self.researcher2):
            Beneficiary = self.env["beneficiary.beneficiary"].with_user(user)
            for domain in domains:
                self.assertNotIn(self.file, Beneficiary.search(domain), domain)
        # The assigned researcher and managers find it.
        for user in (self.researcher, self.manager):
            Beneficiary = self.env["beneficiary.beneficiary"].with_user(user)
            for domain in domains:
                self.assertIn(self.file, Beneficiary.search(domain), domain)

    def test_group_by_category_does_not_count_them(self):
        self.authenticate("br_officer", "br_officer")
        groups = self.rpc(
            "beneficiary.beneficiary",
            "web_read_group",
            [[("id", "=", self.file.id)], ["id:array_agg"], ["category_ids"]],
        )["groups"]
        by_category = {g["category_ids"][0] if g["category_ids"] else False: g for g in groups}
        self.assertNotIn(self.category_recovery.id, by_category)
        self.assertEqual(by_category[self.category_job_seeker.id]["id"], self.file.ids)
        groups = (
            self.env["beneficiary.beneficiary"]
            .with_user(self.manager)
            ._read_group([("id", "=", self.file.id)], ["category_ids"], ["__count"])
        )
        self.assertIn(self.category_recovery, [category for category, _count in groups])
        # The category's own count hides them from officers.
        self.assertEqual(self.category_recovery.with_user(self.officer).beneficiary_count, 0)

    def test_officer_keeps_what_they_cannot_see_when_editing(self):
        beneficiary = self.file.with_user(self.officer)
        beneficiary.write({"category_ids": [Command.set(self.category_orphan.ids)]})
        self.assertEqual(self.file.category_ids, self.category_orphan | self.category_recovery)
        with self.assertRaisesText(AccessError, "researcher"):
            beneficiary.write({"category_ids": [Command.unlink(self.category_recovery.id)]})
        self.assertIn(self.category_recovery, self.file.category_ids)
        # A change of a sensitive category is not in the chatter, but in the access log.
        self.file.with_user(self.researcher).write(
            {"category_ids": [Command.unlink(self.category_recovery.id)]}
        )
        self.flush_tracking()
        tracked = self.file.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "category_ids"
        )
        self.assertFalse(tracked)
        changed = self.Log.search([("beneficiary_id", "=", self.file.id), ("kind", "=", "changed")])
        self.assertEqual(changed.user_id, self.researcher)

    def test_eligibility_does_not_name_a_sensitive_category(self):
        service = self.create_service(
            category_ids=[Command.set((self.category_recovery | self.category_patient).ids)],
            requires_research=False,
            requires_committee=False,
        )
        request = self.create_request(self.file, service)
        request.with_user(self.officer).action_check_eligibility()
        line = request.eligibility_line_ids.filtered(lambda line: line.criterion == "category")
        self.assertTrue(line.met)
        # Stored in the language of whoever ran the check.
        self.assertIn(line.beneficiary_value, ["Meets the category condition", "يستوفي شرط الفئة"])
        texts = " ".join(
            filter(
                None,
                [line.beneficiary_value, line.rule, line.explanation, request.eligibility_reasons],
            )
        )
        for category in self.category_recovery | self.category_patient:
            for lang in ("en_US", "ar_001"):
                self.assertNotIn(category.with_context(lang=lang).name, texts)
        # Refused: the reason does not name them either.
        other = self.create_beneficiary(categories=self.category_orphan)
        refused = self.create_request(other, service)
        refused.action_check_eligibility()
        self.assertFalse(refused.eligibility_ok)
        self.assertNotIn(self.category_recovery.name, refused.eligibility_reasons)

    # --------------------------------------------------------------- documents
    def test_officer_sees_the_document_not_its_content(self):
        self.authenticate("br_officer", "br_officer")
        values = self.rpc(
            "beneficiary.document",
            "read",
            [self.doc.ids, ["file", "file_name", "note", "state", "document_type_id"]],
        )[0]
        self.assertEqual(values["state"], "verified")
        self.assertEqual(values["document_type_id"][0], self.treatment.id)
        self.assertFalse(values["file"])
        self.assertFalse(values["file_name"])
        self.assertFalse(values["note"])
        rows = self.rpc(
            "beneficiary.document", "search_read", [[("note", "ilike", "التعافي")], ["note"]]
        )
        self.assertFalse(rows)
        # The stored file: neither through /web/content nor as an attachment.
        response = self.url_open(f"/web/content/beneficiary.document/{self.doc.id}/file")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"%PDF", response.content)
        response = self.url_open(f"/web/content/{self.attachment.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"%PDF", response.content)
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self.rpc("ir.attachment", "read", [self.attachment.ids, ["datas"]])
        found = self.rpc(
            "ir.attachment",
            "search_read",
            [[("res_model", "=", "beneficiary.document"), ("res_field", "=", "file")], ["id"]],
        )
        self.assertNotIn(self.attachment.id, [row["id"] for row in found])
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self.rpc("beneficiary.document", "export_data", [self.doc.ids, ["note"]])
        self.assertFalse(self.Log.search([("user_id", "=", self.officer.id)]))
        # Documents that are not sensitive: as before.
        cv = self.file.document_ids.filtered(lambda d: d.document_type_id == self.doc_cv)
        response = self.url_open(f"/web/content/beneficiary.document/{cv.id}/file")
        self.assertEqual(response.status_code, 200)

    def test_hidden_files_do_not_shorten_a_page(self):
        """The files an officer may not open are taken out inside the query: a page of N
        files holds N files (a list view would stop paging at a short page)."""
        later = self.create_beneficiary(categories=self.category_job_seeker)
        domain = [
            ("res_model", "=", "beneficiary.document"),
            ("res_field", "=", "file"),
            ("res_id", "in", (self.file.document_ids | later.document_ids).ids),
        ]
        everything = self.env["ir.attachment"].search(domain, order="id")
        self.assertIn(self.attachment, everything)
        visible = everything - self.attachment
        self.assertGreater(visible[-1].id, self.attachment.id, "a hidden file inside the page")
        officer = self.env["ir.attachment"].with_user(self.officer)
        page = officer.search(domain, order="id", limit=len(visible))
        self.assertEqual(page.ids, visible.ids)
        self.assertEqual(officer.search_count(domain), len(visible))
        self.authenticate("br_officer", "br_officer")
        rows = self.rpc(
            "ir.attachment", "search_read", [domain, ["id"]], order="id", limit=len(visible)
        )
        self.assertEqual([row["id"] for row in rows], visible.ids)

    def test_assigned_researcher_opens_the_content_logged(self):
        self.authenticate("br_researcher", "br_researcher")
        values = self.rpc("beneficiary.document", "read", [self.doc.ids, ["note"]])[0]
        self.assertIn("التعافي", values["note"])
        response = self.url_open(f"/web/content/beneficiary.document/{self.doc.id}/file")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"%PDF", response.content)
        entries = self.Log.search(
            [("user_id", "=", self.researcher.id), ("beneficiary_id", "=", self.file.id)]
        )
        self.assertEqual(set(entries.mapped("field_names")), {"note", "file"})
        self.assertEqual(set(entries.mapped("channel")), {"document"})
        # researcher2 is not assigned: like an officer.
        self.authenticate("br_researcher2", "br_researcher2")
        values = self.rpc("beneficiary.document", "read", [self.doc.ids, ["note"]])[0]
        self.assertFalse(values["note"])
        response = self.url_open(f"/web/content/beneficiary.document/{self.doc.id}/file")
        self.assertNotEqual(response.status_code, 200)

    def test_sensitive_documents_are_verified_by_researcher_or_manager(self):
        self.doc.sudo().action_reset()
        with self.assertRaisesText(AccessError, "researcher assigned to the file or by a manager"):
            self.doc.with_user(self.officer).action_verify()
        self.assertEqual(self.doc.state, "pending")
        with self.assertRaises(AccessError):
            self.doc.with_user(self.officer).write({"note": "ملاحظة"})
        self.doc.with_user(self.researcher).action_verify()
        self.assertEqual(self.doc.state, "verified")
        # Plain documents: officers verify them as before.
        cv = self.file.document_ids.filtered(lambda d: d.document_type_id == self.doc_cv)
        cv.sudo().action_reset()
        cv.with_user(self.officer).action_verify()
        self.assertEqual(cv.state, "verified")

    # ---------------------------------------------------------- research report
    def test_research_report_is_confidential(self):
        request = self.create_request(self.file)
        request.sudo().research_report = "<p>زيارة منزلية: يتلقى علاجًا من الإدمان</p>"
        self.authenticate("br_officer", "br_officer")
        Model = "beneficiary.support.request"
        values = self.rpc(Model, "read", [request.ids, ["research_report", "ref"]])[0]
        self.assertFalse(values["research_report"])
        self.assertFalse(self.rpc(Model, "search", [[("research_report", "ilike", "الإدمان")]]))
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self.rpc(Model, "export_data", [request.ids, ["research_report"]])
        with self.assertRaisesRegex(JsonRpcException, ACCESS_ERROR):
            self.rpc(
                Model,
                "web_read_group",
                [[("id", "=", request.id)], ["research_report:array_agg"], ["state"]],
            )
        with self.assertRaises(AccessError):
            request.with_user(self.officer).write({"research_report": "<p>تعديل</p>"})
        values = request.with_user(self.researcher2).read(["research_report"])[0]
        self.assertFalse(values["research_report"])
        self.assertFalse(self.logs(self.officer, "research_report"))
        # The request's researcher reads it, logged.
        values = request.with_user(self.researcher).read(["research_report"])[0]
        self.assertIn("الإدمان", values["research_report"])
        self.assertEqual(len(self.logs(self.researcher, "research_report")), 1)

    def test_committee_reads_the_report_while_on_its_agenda(self):
        beneficiary = self.create_beneficiary(categories=self.category_recovery)
        request = self.committee_requests(beneficiary=beneficiary)
        request.sudo().research_report = "<p>تقرير البحث الاجتماعي</p>"
        meeting = self.convened_meeting()
        decision = self.decision_of(meeting, request)
        member = self.committee  # member of the research committee, on the agenda
        values = decision.with_user(member).read(["research_report"])[0]
        self.assertIn("تقرير البحث", values["research_report"])
        values = request.with_user(member).read(["research_report"])[0]
        self.assertIn("تقرير البحث", values["research_report"])
        logged = self.Log.search(
            [("user_id", "=", member.id), ("field_names", "=", "research_report")]
        )
        self.assertEqual(len(logged), 2)
        # The categories of the applicant stay hidden from the committee.
        values = beneficiary.with_user(member).read(["category_ids"])[0]
        self.assertEqual(values["category_ids"], [])
        # Decided: no longer on their table.
        request.sudo().state = "approved"
        values = decision.with_user(member).read(["research_report"])[0]
        self.assertFalse(values["research_report"])
