"""Attacks over JSON-RPC, as a curious employee would send them (threat model, points 1,
2, 3, 5, 8 and 9 of the trust issue): the server refuses, whatever the client sends."""

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common_request import SupportRequestCommon
from .common_rpc import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestSecurityRpc(JsonRpcMixin, SupportRequestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file = cls.create_beneficiary(
            health_condition="إدمان، في برنامج تعافٍ",
            researcher_id=cls.researcher.id,
        )
        cls.request = cls.create_request(beneficiary=cls.file, user=cls.officer)

    # ------------------------------------------------ 1. workflow fields
    def test_state_and_decision_not_written_over_rpc(self):
        for login in ("br_officer", "br_manager"):
            self.refused(
                login,
                "beneficiary.support.request",
                "write",
                [self.request.ids, {"state": "approved", "decision": "approved"}],
                message="change only through the buttons",
            )
        self.assertEqual(self.request.state, "draft")
        self.assertFalse(self.request.decision)

    def test_decided_request_not_created_over_rpc(self):
        count = self.Request.search_count([])
        self.refused(
            "br_officer",
            "beneficiary.support.request",
            "create",
            [
                {
                    "beneficiary_id": self.file.id,
                    "service_id": self.service.id,
                    "state": "approved",
                    "ref": "REQ/FAKE/1",
                }
            ],
        )
        self.assertEqual(self.Request.search_count([]), count)

    def test_default_keys_in_context_do_not_choose_the_state(self):
        result = self.call(
            "br_officer",
            "beneficiary.support.request",
            "web_save",
            [[], {"beneficiary_id": self.file.id, "service_id": self.service.id}],
            {
                "specification": {"state": {}, "decision": {}, "ref": {}},
                "context": {
                    "default_state": "approved",
                    "default_decision": "approved",
                    "default_ref": "REQ/FAKE/2",
                },
            },
        )
        self.assertEqual(result[0]["state"], "draft")
        self.assertFalse(result[0]["decision"])
        self.assertNotEqual(result[0]["ref"], "REQ/FAKE/2")

    def test_buttons_still_move_the_workflow_over_rpc(self):
        self.call("br_officer", "beneficiary.support.request", "action_submit", [self.request.ids])
        self.assertEqual(self.request.state, "submitted")
        self.assertTrue(self.request.submit_date)

    def test_document_not_verified_by_hand(self):
        document = self.file.document_ids[:1]
        document.sudo().action_reset()
        self.refused(
            "br_officer",
            "beneficiary.document",
            "write",
            [document.ids, {"state": "verified", "verified_by_id": self.manager.id}],
        )
        self.assertEqual(document.state, "pending")

    def test_declaration_not_forged_over_rpc(self):
        declarations = self.file.declaration_ids
        self.refused(
            "br_officer",
            "beneficiary.declaration",
            "create",
            [
                {
                    "beneficiary_id": self.file.id,
                    "kind": "consent",
                    "date": "2020-01-01 08:00:00",
                    "signer_name": self.file.name,
                    "channel_id": self.channel_interview.id,
                    "version": "1.0",
                    "text": "<p>موافق</p>",
                }
            ],
            message="signature wizard",
        )
        self.refused(
            "br_manager",
            "beneficiary.declaration",
            "write",
            [declarations[:1].ids, {"date": "2020-01-01 08:00:00"}],
        )
        self.assertEqual(self.file.declaration_ids, declarations)

    # --------------------------------------------- 2. fields granting access
    def test_officer_proposes_manager_assigns_the_researcher(self):
        self.refused(
            "br_officer",
            "beneficiary.beneficiary",
            "write",
            [self.file.ids, {"researcher_id": self.researcher2.id}],
            message="decides who can see",
        )
        self.assertEqual(self.file.researcher_id, self.researcher)
        self.call(
            "br_officer",
            "beneficiary.beneficiary",
            "write",
            [self.file.ids, {"proposed_researcher_id": self.researcher2.id}],
        )
        notes = self.file.message_ids
        # The keys a client would send to keep the change out of the chatter.
        self.call(
            "br_manager",
            "beneficiary.beneficiary",
            "action_assign_proposed_researcher",
            [self.file.ids],
            {"context": {"tracking_disable": True, "mail_notrack": True}},
        )
        self.assertEqual(self.file.researcher_id, self.researcher2)
        self.assertFalse(self.file.proposed_researcher_id)
        logged = self.file.message_ids - notes
        self.assertTrue(any(self.researcher2.name in (m.body or "") for m in logged))

    def test_partner_association_flag_set_by_managers_only(self):
        association = self.env["res.partner"].create({"name": "جمعية واعد", "is_company": True})
        self.refused(
            "br_officer",
            "res.partner",
            "write",
            [association.ids, {"is_partner_association": True}],
        )
        self.assertFalse(association.is_partner_association)
        # Partnerships staff read contacts only; the flag is also set by their
        # partner-request flow, on the server.
        self.refused(
            "br_partnerships",
            "res.partner",
            "write",
            [association.ids, {"is_partner_association": True}],
        )
        self.call(
            "br_manager",
            "res.partner",
            "write",
            [association.ids, {"is_partner_association": True}],
            {"context": {"tracking_disable": True}},
        )
        self.assertTrue(association.is_partner_association)
        self.assertIn("Partner Association", association.message_ids[0].body)

    # -------------------------------------------------- 3. relations in scope
    def _meeting(self, attendees):
        committee = self.env["beneficiary.committee"].create(
            {
                "name": "لجنة البحث",
                "member_ids": [Command.set((self.committee | self.manager).ids)],
                "chair_id": self.manager.id,
                "quorum": 1,
            }
        )
        return self.env["beneficiary.committee.meeting"].create(
            {
                "committee_id": committee.id,
                "state": "convened",
                "attendee_ids": [Command.set(attendees.ids)],
            }
        )

    def test_vote_only_for_oneself_when_present(self):
        meeting = self._meeting(self.committee | self.manager)
        decision = self.env["beneficiary.committee.decision"].create(
            {"meeting_id": meeting.id, "request_id": self.request.id, "proposal": "approve"}
        )
        self.refused(
            "br_committee",
            "beneficiary.committee.vote",
            "create",
            [{"decision_id": decision.id, "member_id": self.manager.id, "vote": "for"}],
            message="only for themselves",
        )
        self.assertFalse(decision.vote_ids)
        absent = self._meeting(self.manager)
        decision_absent = self.env["beneficiary.committee.decision"].create(
            {"meeting_id": absent.id, "request_id": self.request.id, "proposal": "approve"}
        )
        self.refused(
            "br_committee",
            "beneficiary.committee.vote",
            "create",
            [{"decision_id": decision_absent.id, "vote": "for"}],
            message="present at the meeting",
        )
        self.assertFalse(decision_absent.vote_ids)
        # Attendance is recorded by the chair, the secretary or a manager, not a member.
        self.refused(
            "br_committee",
            "beneficiary.committee.meeting",
            "write",
            [absent.ids, {"attendee_ids": [Command.link(self.committee.id)]}],
        )
        self.assertNotIn(self.committee, absent.attendee_ids)

    def test_agenda_takes_only_requests_waiting_for_this_committee(self):
        meeting = self._meeting(self.manager)
        self.refused(
            "br_manager",
            "beneficiary.committee.decision",
            "create",
            [{"meeting_id": meeting.id, "request_id": self.request.id}],
            message="not waiting for the committee",
        )
        self.assertFalse(meeting.decision_ids)

    # ----------------------------------------------------- 5. untrusted context
    def test_context_keys_do_not_silence_the_confidential_log(self):
        Log = self.env["beneficiary.sensitive.access.log"]
        before = Log.search([])
        self.call(
            "br_researcher",
            "beneficiary.beneficiary",
            "read",
            [self.file.ids, ["health_condition"]],
            {
                "context": {
                    "sensitive_access_log_skip": True,
                    "cron_id": 1,
                    "ir_cron_progress_id": 1,
                    "sensitive_access_channel": "export",
                }
            },
        )
        entry = Log.search([]) - before
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.user_id, self.researcher)
        self.assertEqual(entry.channel, "beneficiary")

    def test_anonymisation_key_does_not_unlock_a_file(self):
        self.file.sudo().write({"anonymised_on": fields.Datetime.now()})
        self.refused(
            "br_manager",
            "beneficiary.beneficiary",
            "write",
            [self.file.ids, {"first_name": "اسم جديد"}],
            {"context": {"br_anonymising": True}},
            message="anonymised",
        )
        self.assertNotEqual(self.file.first_name, "اسم جديد")

    # ------------------------------------------------------- 8. no hard delete
    def test_nothing_accountable_deleted_over_rpc(self):
        self.request.action_submit()
        for login in ("br_officer", "br_manager"):
            self.refused(login, "beneficiary.support.request", "unlink", [self.request.ids])
            self.refused(
                login, "beneficiary.declaration", "unlink", [self.file.declaration_ids.ids]
            )
        self.assertTrue(self.request.exists())
        self.assertTrue(self.file.declaration_ids)
        draft = self.create_request(beneficiary=self.file, user=self.officer)
        self.refused("br_officer", "beneficiary.support.request", "unlink", [draft.ids])
        self.assertTrue(draft.exists())
        self.call("br_manager", "beneficiary.support.request", "unlink", [draft.ids])
        self.assertFalse(draft.exists())

    # ----------------------------------------------- more fields granting access
    def test_portal_access_to_a_file_given_by_managers_only(self):
        self.file.partner_id.email = "beneficiary.portal@example.com"
        wizard = (
            self.env["portal.wizard"]
            .with_user(self.officer)
            .with_context(active_ids=self.file.partner_id.ids)
            .create({})
        )
        line = wizard.user_ids.filtered(lambda u: u.partner_id == self.file.partner_id)
        self.refused(
            "br_officer",
            "portal.wizard.user",
            "action_grant_access",
            [line.ids],
            message="Only a manager gives portal access",
        )
        self.assertFalse(self.file.partner_id.user_ids)
        notes = self.file.message_ids
        line.with_user(self.manager).action_grant_access()
        self.assertTrue(self.file.partner_id.user_ids)
        self.assertIn("beneficiary.portal@example.com", (self.file.message_ids - notes)[0].body)

    def test_partner_request_documents_only_its_own_uploads(self):
        association = self.env["res.partner"].create(
            {"name": "جمعية واعد", "is_company": True, "is_partner_association": True}
        )
        request = self.env["beneficiary.partner.request"].create(
            {
                "partner_id": association.id,
                "service_id": self.service.id,
                "region_id": self.env["beneficiary.region"].search([], limit=1).id,
                "expected_beneficiaries": 10,
                "objectives": "تدريب",
            }
        )
        foreign = self.env["ir.attachment"].create(
            {
                "name": "تقرير طبي.pdf",
                "raw": b"%PDF-1.4 secret",
                "res_model": "beneficiary.beneficiary",
                "res_id": self.file.id,
            }
        )
        own = self.env["ir.attachment"].create(
            {
                "name": "خطاب الجمعية.pdf",
                "raw": b"%PDF-1.4 letter",
                "res_model": request._name,
                "res_id": request.id,
            }
        )
        self.refused(
            "br_partnerships",
            request._name,
            "write",
            [request.ids, {"attachment_ids": [Command.link(foreign.id)]}],
            message="Only files uploaded to this request",
        )
        self.assertFalse(request.attachment_ids)
        self.call(
            "br_partnerships",
            request._name,
            "write",
            [request.ids, {"attachment_ids": [Command.link(own.id)]}],
        )
        self.assertEqual(request.attachment_ids, own)

    def test_category_of_another_association_refused(self):
        category_b = self.env["beneficiary.category"].create(
            {"name": "فئة الجمعية الثانية", "company_id": self.company_b.id}
        )
        self.refused(
            "br_manager",
            "beneficiary.beneficiary",
            "write",
            [self.file.ids, {"category_ids": [Command.link(category_b.id)]}],
        )
        self.assertNotIn(category_b, self.file.category_ids)

    # ------------------------------------------------- more context keys
    def test_context_cannot_name_who_sent_an_impact_report(self):
        report = self.env["beneficiary.mou.report"].search([("state", "=", "pending")], limit=1)
        report.mou_id.sudo().write({"state": "active"})
        self.call(
            "br_partnerships",
            "beneficiary.mou.report",
            "write",
            [report.ids, {"summary": "تم تدريب ٤٠ مستفيدًا"}],
        )
        self.call(
            "br_partnerships",
            "beneficiary.mou.report",
            "action_submit",
            [report.ids],
            {"context": {"portal_user_id": self.manager.id}},
        )
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.submitted_by_id, self.partnerships)

    def test_context_cannot_skip_the_defaults_of_a_new_file(self):
        values = self.beneficiary_values()
        values["birth_date"] = fields.Date.to_string(values["birth_date"])
        result = self.call(
            "br_officer",
            "beneficiary.beneficiary",
            "web_save",
            [[], values],
            {
                "specification": {"state": {}, "officer_id": {}, "company_id": {}},
                "context": {"beneficiary_defaults_added": True},
            },
        )
        self.assertEqual(result[0]["state"], "draft")
        self.assertEqual(result[0]["officer_id"], self.officer.id)
        self.assertEqual(result[0]["company_id"], self.company.id)
