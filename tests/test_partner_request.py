from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GROUP_PARTNERSHIPS
from .common_partner import PartnerCommon


@tagged("post_install", "-at_install")
class TestPartnerRequest(PartnerCommon):
    """Formal requests of partner associations (P21), their needs study (P22) and the
    reasoned refusal (P23)."""

    def test_request_workflow(self):
        request = self.new_request(self.assoc_a, user=self.partnerships)
        self.flush_tracking()
        self.assertRegex(request.name, r"^PAR/\d{4}/\d{5}$")
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.region_id, self.region_low, "the association's region")
        self.assertEqual(request.association_licence_number, "1001")

        request.action_start_study()
        self.flush_tracking()
        self.assertEqual(request.state, "study")
        self.assertEqual(request.study_line_ids.criterion_id, self.study_criteria)
        with self.assertRaisesText(UserError, self.study_criteria[0].name):
            request.action_prioritise()
        request.study_line_ids.write({"score": "4", "notes": "جاهزية جيدة"})
        request.action_prioritise()
        self.flush_tracking()
        self.assertEqual(request.state, "prioritised")
        self.assertEqual(request.study_score, 80.0)
        self.assertEqual(request.study_user_id, self.partnerships)

        request.action_approve()
        self.flush_tracking()
        action = request.action_create_mou()
        mou = self.env["beneficiary.mou"].browse(action["res_id"])
        self.assertEqual(request.state, "mou")
        self.assertEqual(mou.partner_id, self.assoc_a)
        self.assertEqual(mou.target_ids.target_value, 100.0, "expected beneficiaries")
        # submitted → study → prioritised → approved → in MOU, each in the chatter
        self.assertGreaterEqual(len(self.tracked_values(request, "state")), 4)

    def test_steps_in_order(self):
        request = self.new_request(self.assoc_a)
        with self.assertRaises(UserError):
            request.action_approve()
        with self.assertRaises(UserError):
            request.action_create_mou()

    def test_decline_needs_a_reason_sent_to_the_applicant(self):
        request = self.new_request(self.assoc_a)
        wizard = (
            self.env["beneficiary.partner.request.decline"]
            .with_user(self.partnerships)
            .with_context(active_model=request._name, active_ids=request.ids)
            .create({"reason": "   "})
        )
        with self.assertRaisesText(UserError, "reason"):
            wizard.action_confirm()
        self.assertEqual(request.state, "submitted")

        reason = "اكتملت الطاقة الاستيعابية للبرنامج لهذا العام"
        wizard.reason = reason
        wizard.action_confirm()
        self.assertEqual(request.state, "declined")
        self.assertEqual(request.decline_reason, reason)
        message = request.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(reason, message.body)
        self.assertIn(self.contact_a, message.partner_ids, "sent to the association's contact")
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertTrue(mail, "an email goes out")

    def test_partner_must_be_an_organisation(self):
        with self.assertRaises(ValidationError):
            self.new_request(self.contact_a, region_id=self.region_low.id)

    def test_no_deletion_once_approved(self):
        request = self.study(self.new_request(self.assoc_a), [3])
        request.action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.partnerships).unlink()
        # A draft created by mistake is removed by a manager only.
        draft = self.new_request(self.assoc_b)
        with self.assertRaisesText(UserError, "Only a manager deletes a draft"):
            draft.with_user(self.partnerships).unlink()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_access_of_partnerships_vs_other_roles(self):
        request = self.new_request(self.assoc_a)
        Request = self.env["beneficiary.partner.request"]
        # Partnerships: full work on requests; manager: everything.
        own = self.new_request(self.assoc_b, user=self.partnerships)
        own.with_user(self.partnerships).action_start_study()
        self.assertEqual(Request.with_user(self.manager).search_count([("id", "=", request.id)]), 1)
        # Reception, research and committee staff do not see partner associations' files.
        for user in (self.officer, self.researcher, self.committee):
            with self.assertRaises(AccessError, msg=user.login):
                Request.with_user(user).search([])
            with self.assertRaises(AccessError, msg=user.login):
                self.env["beneficiary.mou"].with_user(user).search([])
        # Only the manager configures criteria and regions.
        criterion = self.study_criteria[0]
        with self.assertRaises(AccessError):
            criterion.with_user(self.partnerships).weight = 5
        criterion.with_user(self.manager).weight = 2
        with self.assertRaises(AccessError):
            self.region_low.with_user(self.partnerships).need_level = "5"
        self.region_low.with_user(self.manager).need_level = "2"

    def test_priority_fields_hidden_from_portal(self):
        request = self.new_request(self.assoc_a)
        as_portal = request.with_user(self.portal_a)
        self.assertEqual(as_portal.name, request.name)
        with self.assertRaises(AccessError):
            as_portal.read(["priority_score"])
        with self.assertRaises(AccessError):
            as_portal.read(["study_line_ids"])

    def test_portal_reads_only_its_association(self):
        mine = self.new_request(self.assoc_a)
        theirs = self.new_request(self.assoc_b)
        Request = self.env["beneficiary.partner.request"].with_user(self.portal_a)
        self.assertEqual(Request.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_a).write({"expected_beneficiaries": 1000})
        with self.assertRaises(AccessError):
            Request.create(
                {
                    "partner_id": self.assoc_a.id,
                    "service_id": self.service.id,
                    "expected_beneficiaries": 5,
                    "objectives": "x",
                }
            )

    def test_multi_company(self):
        request = self.new_request(self.assoc_a)
        partnerships_b = self.env["res.users"].create(
            {
                "name": "شراكات الجمعية الثانية",
                "login": "br_partnerships_b",
                "company_id": self.company_b.id,
                "company_ids": [Command.set(self.company_b.ids)],
                "groups_id": [Command.set([self.env.ref(GROUP_PARTNERSHIPS).id])],
            }
        )
        Request = self.env["beneficiary.partner.request"].with_user(partnerships_b)
        self.assertFalse(Request.search([("id", "=", request.id)]))

    def test_partnerships_screens_open(self):
        """The views load for the Partnerships group (fields restricted by group included)."""
        views = [(False, kind) for kind in ("list", "form", "kanban", "search", "pivot", "graph")]
        env = self.env(user=self.partnerships)
        env["beneficiary.partner.request"].get_views(views)
        ranking = self.env.ref(
            "beneficiary_relations.beneficiary_partner_request_view_list_ranking"
        )
        arch = env["beneficiary.partner.request"].get_views([(ranking.id, "list")])["views"]
        self.assertIn("priority_explanation", arch["list"]["arch"])
        env["beneficiary.mou"].get_views(views[:4])
        env["beneficiary.mou.report"].get_views(
            [(False, "list"), (False, "form"), (False, "pivot")]
        )
        env["beneficiary.mou.target"].get_views([(False, "pivot"), (False, "list")])
        self.env(user=self.manager)["res.partner"].get_views([(False, "form")])
