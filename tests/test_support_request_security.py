from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_request import SupportRequestCommon

READ_FIELDS = ["ref", "state", "service_id", "eligibility_ok", "decision_deadline"]


@tagged("post_install", "-at_install")
class TestSupportRequestSecurity(SupportRequestCommon):
    """What each role may do with support requests (P7, P31)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The research committee; the committee user sits on it, not on the other one.
        Committee = cls.env["beneficiary.committee"]
        cls.board = Committee.create(
            {"name": "لجنة البحث", "member_ids": [Command.set(cls.committee.ids)], "quorum": 1}
        )
        cls.other_board = Committee.create(
            {"name": "لجنة المنح", "member_ids": [Command.set(cls.manager.ids)], "quorum": 1}
        )
        # Conditions checked, so that requests have eligibility lines.
        cls.service_checked = cls.create_service(
            name="Adult Training", min_age=18, gender="male", committee_id=cls.board.id
        )
        service_other_board = cls.create_service(name="Grant", committee_id=cls.other_board.id)
        cls.file = cls.create_beneficiary()
        cls.draft = cls.create_request(cls.file, cls.service_checked)
        cls.committee_request = cls.create_request(cls.file, cls.service_checked)
        cls.decided = cls.create_request(cls.file, cls.service_checked)
        cls.other_board_request = cls.create_request(cls.file, service_other_board)
        cls.advance(cls.committee_request | cls.decided | cls.other_board_request, "committee")
        cls.env["beneficiary.committee.meeting"].create(
            {"committee_id": cls.board.id}
        ).action_load_agenda()
        cls.decided.action_approve()
        cls.approved = cls.advance(cls.create_request(cls.file, cls.service_direct), "verification")
        cls.approved.action_approve()
        cls.file_portal = cls.create_beneficiary(partner_id=cls.portal_user.partner_id.id)
        cls.portal_request = cls.advance(
            cls.create_request(cls.file_portal, cls.service_checked), "submitted"
        )
        cls.requests_a = (
            cls.draft
            | cls.committee_request
            | cls.decided
            | cls.other_board_request
            | cls.approved
            | cls.portal_request
        )
        # The second association, with its own service and applicant.
        cls.service_b = cls.env["beneficiary.service"].create(
            {"name": "Service B", "company_id": cls.company_b.id}
        )
        cls.file_b = cls.create_beneficiary(user=cls.officer_b, researcher_id=False)
        cls.request_b = cls.create_request(
            cls.file_b, cls.service_b, user=cls.officer_b, officer_id=cls.officer_b.id
        )

    def assertCanWorkOnRequests(self, user):
        Request = self.env["beneficiary.support.request"].with_user(user)
        visible = Request.search([("id", "in", self.requests_a.ids)])
        self.assertEqual(visible, self.requests_a)
        values = self.committee_request.with_user(user).read(READ_FIELDS)[0]
        self.assertEqual(values["state"], "committee")
        request = Request.create({"beneficiary_id": self.file.id, "service_id": self.service.id})
        self.assertEqual(request.officer_id, user)
        self.assertEqual(request.company_id, self.company)
        request.write({"description": "يحتاج إلى كرسي متحرك"})
        self.draft.with_user(user).write({"description": "تحديث"})
        self.assertEqual(self.draft.description, "تحديث")
        request.action_submit()
        self.assertEqual(request.state, "submitted")

    # ------------------------------------------------------------------- staff
    def test_officer_creates_reads_and_writes(self):
        self.assertCanWorkOnRequests(self.officer)

    def test_researcher_creates_reads_and_writes(self):
        self.assertCanWorkOnRequests(self.researcher)
        report = "<p>زيارة منزلية</p>"
        request = self.advance(self.create_request(self.file), "research")
        request.with_user(self.researcher).research_report = report
        self.assertIn("زيارة منزلية", request.research_report)

    def test_manager_does_everything(self):
        self.assertCanWorkOnRequests(self.manager)
        Request = self.env["beneficiary.support.request"].with_user(self.manager)
        draft = Request.create({"beneficiary_id": self.file.id, "service_id": self.service.id})
        draft.unlink()
        self.assertFalse(draft.exists())
        self.approved.with_user(self.manager).action_start_service()
        self.assertEqual(self.approved.state, "in_service")

    # -------------------------------------------------------------- committee
    def test_committee_member_reads_the_agenda_and_the_decisions_only(self):
        self.assertEqual(self.committee_request.committee_decision_ids.meeting_id.state, "draft")
        self.assertEqual(self.decided.state, "approved")
        Request = self.env["beneficiary.support.request"].with_user(self.committee)
        visible = Request.search([("id", "in", self.requests_a.ids)])
        self.assertEqual(visible, self.committee_request | self.decided)
        values = self.committee_request.with_user(self.committee).read(READ_FIELDS)[0]
        self.assertEqual(values["ref"], self.committee_request.ref)
        self.assertEqual(values["state"], "committee")
        values = self.decided.with_user(self.committee).read(READ_FIELDS)[0]
        self.assertEqual(values["state"], "approved")
        lines = self.committee_request.with_user(self.committee).eligibility_line_ids
        self.assertEqual(len(lines), 2)
        self.assertTrue(all(lines.mapped("met")))
        for request in self.draft | self.other_board_request | self.approved | self.portal_request:
            with self.subTest(state=request.state), self.assertRaises(AccessError):
                request.with_user(self.committee).read(READ_FIELDS)

    def test_committee_member_cannot_write(self):
        with self.assertRaises(AccessError):
            self.committee_request.with_user(self.committee).write({"description": "تعديل"})
        with self.assertRaises(AccessError):
            self.env["beneficiary.support.request"].with_user(self.committee).create(
                {"beneficiary_id": self.file.id, "service_id": self.service.id}
            )
        with self.assertRaises(AccessError):
            self.draft.with_user(self.committee).unlink()
        self.assertTrue(self.draft.exists())

    # ------------------------------------------------------------ partnerships
    def test_partnerships_user_cannot_read_requests(self):
        Request = self.env["beneficiary.support.request"].with_user(self.partnerships)
        with self.assertRaises(AccessError):
            Request.search([])
        with self.assertRaises(AccessError):
            self.committee_request.with_user(self.partnerships).read(["ref"])
        with self.assertRaises(AccessError):
            Request.create({"beneficiary_id": self.file.id, "service_id": self.service.id})

    # ------------------------------------------------------------------ portal
    def test_portal_user_reads_own_requests_only(self):
        Request = self.env["beneficiary.support.request"].with_user(self.portal_user)
        self.assertEqual(Request.search([]), self.portal_request)
        values = self.portal_request.with_user(self.portal_user).read(READ_FIELDS)[0]
        self.assertEqual(values["ref"], self.portal_request.ref)
        self.assertEqual(values["state"], "submitted")
        own_lines = self.env["beneficiary.eligibility.line"].with_user(self.portal_user)
        self.assertEqual(len(self.portal_request.eligibility_line_ids), 2)
        self.assertEqual(own_lines.search([]), self.portal_request.eligibility_line_ids)
        with self.assertRaises(AccessError):
            self.committee_request.with_user(self.portal_user).read(["ref"])
        with self.assertRaises(AccessError):
            self.draft.with_user(self.portal_user).read(["ref"])

    def test_portal_user_cannot_write(self):
        own = self.portal_request.with_user(self.portal_user)
        with self.assertRaises(AccessError):
            own.write({"description": "تعديل"})
        with self.assertRaises(AccessError):
            own.unlink()
        with self.assertRaises(AccessError):
            self.env["beneficiary.support.request"].with_user(self.portal_user).create(
                {"beneficiary_id": self.file_portal.id, "service_id": self.service.id}
            )

    # ---------------------------------------------------------- multi-company
    def test_company_isolation(self):
        Request_b = self.env["beneficiary.support.request"].with_user(self.officer_b)
        self.assertEqual(Request_b.search([]), self.request_b)
        self.assertFalse(
            self.env["beneficiary.service"]
            .with_user(self.officer_b)
            .search([("id", "=", self.service.id)])
        )
        for request in self.requests_a:
            with self.assertRaises(AccessError):
                request.with_user(self.officer_b).read(["ref"])
        with self.assertRaises(AccessError):
            self.draft.with_user(self.officer_b).write({"description": "x"})
        lines = self.env["beneficiary.eligibility.line"].with_user(self.officer_b)
        self.assertFalse(lines.search([("request_id", "in", self.requests_a.ids)]))
        # And the other way round.
        Request_a = self.env["beneficiary.support.request"].with_user(self.officer)
        self.assertFalse(Request_a.search([("id", "=", self.request_b.id)]))
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.officer).read(["ref"])
        self.assertEqual(self.request_b.company_id, self.company_b)
