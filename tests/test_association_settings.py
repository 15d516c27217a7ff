from odoo import Command
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import HttpCase, tagged

from .common import GROUP_RESEARCHER
from .common_request import SupportRequestCommon
from .common_rpc import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestAssociationSettings(JsonRpcMixin, SupportRequestCommon, HttpCase):
    """Managers configure their association without being Odoo administrators, and
    nothing else of the company."""

    def test_manager_sets_the_association_settings(self):
        self.assertFalse(self.manager.has_group("base.group_erp_manager"))
        answer = self.rpc(
            "br_manager",
            "res.company",
            "write",
            [
                self.company.ids,
                {
                    "beneficiary_working_days": True,
                    "beneficiary_inquiry_response_days": 4,
                    "beneficiary_appeal_days": 45,
                    "beneficiary_research_officer_ids": [Command.set(self.researcher2.ids)],
                },
            ],
        )
        self.assertNotIn("error", answer)
        self.assertTrue(self.company.beneficiary_working_days)
        self.assertEqual(self.company.beneficiary_inquiry_response_days, 4)
        self.assertEqual(self.company.beneficiary_appeal_days, 45)
        self.assertEqual(self.company.beneficiary_research_officer_ids, self.researcher2)
        action = self.rpc("br_manager", "res.company", "action_open_beneficiary_settings", [[]])
        self.assertEqual(action["result"]["res_id"], self.company.id)

    def test_nothing_else_of_the_company(self):
        name = self.company.name
        answer = self.rpc("br_manager", "res.company", "write", [self.company.ids, {"name": "X"}])
        self.assertIn("only the association's", answer["error"]["data"]["message"])
        answer = self.rpc(
            "br_manager",
            "res.company",
            "write",
            [self.company_b.ids, {"beneficiary_review_months": 3}],
        )
        self.assertIn("error", answer)
        answer = self.rpc(
            "br_officer",
            "res.company",
            "write",
            [self.company.ids, {"beneficiary_review_months": 3}],
        )
        self.assertIn("error", answer)
        self.assertEqual(self.company.name, name)
        self.assertNotEqual(self.company_b.beneficiary_review_months, 3)
        self.assertNotEqual(self.company.beneficiary_review_months, 3)

    def test_referred_applicants_shared_between_research_officers(self):
        third = mail_new_test_user(
            self.env, login="br_researcher3", groups=GROUP_RESEARCHER, name="الباحثة هند"
        )
        self.company.write(
            {
                "beneficiary_research_officer_id": self.researcher.id,
                "beneficiary_research_officer_ids": [Command.set((self.researcher2 | third).ids)],
            }
        )
        Lead = self.env["crm.lead"].with_user(self.officer)
        leads = Lead.create([{"name": "استفسار %s" % i, "type": "opportunity"} for i in range(3)])
        for lead in leads:
            lead.action_refer_to_researcher()
        self.assertEqual(
            set(leads.mapped("beneficiary_researcher_id").ids),
            {self.researcher.id, self.researcher2.id, third.id},
        )
