"""Branch offices (P34), accessibility needs and place of delivery (P37), outcomes of a
delivered service (P38)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from . import test_security_rpc
from .common_request import SupportRequestCommon


class BranchOutcomeCommon(SupportRequestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Branch = cls.env["beneficiary.branch"]
        cls.branch_riyadh = Branch.create(
            {
                "name": "المقر الرئيسي",
                "code": "T-RUH",
                "city": "الرياض",
                "company_id": cls.company.id,
                "user_ids": [Command.set(cls.officer.ids)],
            }
        )
        cls.branch_jeddah = Branch.create(
            {"name": "فرع جدة", "code": "T-JED", "city": "جدة", "company_id": cls.company.id}
        )
        cls.branch_b = Branch.create(
            {
                "name": "فرع الجمعية الثانية",
                "code": "T-B",
                "company_id": cls.company_b.id,
                "user_ids": [Command.set(cls.officer_b.ids)],
            }
        )
        cls.service_training = cls.create_service(
            name="Employment Training",
            requires_research=False,
            requires_committee=False,
            delivery_place="remote",
            outcome_ids=[
                Command.create({"name": "Employed", "sequence": 1}),
                Command.create({"name": "Trained", "sequence": 2}),
                Command.create({"name": "Dropped Out", "sequence": 3, "is_positive": False}),
            ],
        )
        cls.employed, cls.trained, cls.dropped = cls.service_training.outcome_ids
        cls.service_other = cls.create_service(
            name="Other Training",
            requires_research=False,
            requires_committee=False,
            outcome_ids=[Command.create({"name": "Referred On"})],
        )
        cls.wheelchair = cls.env.ref("beneficiary_relations.accessibility_need_wheelchair")
        cls.sign_language = cls.env.ref("beneficiary_relations.accessibility_need_sign_language")

    def in_service(self, service=None, **values):
        """A request of ``service`` approved and put in service by the officer."""
        request = self.create_request(service=service or self.service_training, **values)
        request = request.with_user(self.officer)
        self.advance(request, "verification")
        request.action_approve()
        request.action_start_service()
        self.assertEqual(request.state, "in_service")
        return request

    def deliver(self, request, outcome, note=False):
        action = request.action_done()
        self.assertEqual(action["res_model"], "beneficiary.support.request.done")
        wizard = (
            request.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"outcome_id": outcome.id if outcome else False, "note": note})
        )
        return wizard.action_confirm()


@tagged("post_install", "-at_install")
class TestBranchOutcome(BranchOutcomeCommon):
    # ---------------------------------------------------------------- branches
    def test_new_file_starts_in_the_branch_of_its_staff_member(self):
        by_officer = self.create_beneficiary(user=self.officer)
        self.assertEqual(by_officer.branch_id, self.branch_riyadh)
        # Someone listed in no branch leaves it to be chosen.
        by_manager = self.create_beneficiary(user=self.manager)
        self.assertFalse(by_manager.branch_id)
        # In the other association, its own branch.
        by_officer_b = self.create_beneficiary(user=self.officer_b, company_id=self.company_b.id)
        self.assertEqual(by_officer_b.branch_id, self.branch_b)
        # The form shows the same default.
        defaults = (
            self.env["beneficiary.beneficiary"].with_user(self.officer).default_get(["branch_id"])
        )
        self.assertEqual(defaults["branch_id"], self.branch_riyadh.id)

    def test_request_takes_the_file_branch_and_the_service_place(self):
        file_jeddah = self.create_beneficiary(branch_id=self.branch_jeddah.id)
        request = self.create_request(file_jeddah, self.service_training, user=self.officer)
        self.assertEqual(request.branch_id, self.branch_jeddah, "the file's branch first")
        self.assertEqual(request.delivery_place, "remote", "the service's place")
        # A file without a branch: the branch of the officer who takes the request.
        file_none = self.create_beneficiary(branch_id=False)
        request = self.create_request(file_none, self.service, user=self.officer)
        self.assertEqual(request.branch_id, self.branch_riyadh)
        self.assertEqual(request.delivery_place, "centre")
        # What staff choose is kept.
        request = self.create_request(
            file_jeddah,
            self.service,
            user=self.officer,
            branch_id=self.branch_riyadh.id,
            delivery_place="home",
        )
        self.assertEqual(request.branch_id, self.branch_riyadh)
        self.assertEqual(request.delivery_place, "home")

    def test_inquiry_branch_goes_to_the_file_and_the_request(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.officer)
            .create(
                {
                    "name": "طلب تدريب",
                    "type": "opportunity",
                    "contact_name": "نورة سعد العتيبي",
                    "beneficiary_national_id": self.new_national_id(),
                    "requested_service_id": self.service_training.id,
                }
            )
        )
        self.assertEqual(lead.beneficiary_branch_id, self.branch_riyadh)
        lead.beneficiary_branch_id = self.branch_jeddah
        action = lead.action_convert_to_beneficiary()
        request = self.env["beneficiary.support.request"].browse(action["res_id"])
        self.assertEqual(request.branch_id, self.branch_jeddah)
        self.assertEqual(request.beneficiary_id.branch_id, self.branch_jeddah)

    def test_queues_and_reports_by_branch(self):
        Request = self.env["beneficiary.support.request"]
        riyadh = self.create_request(branch_id=self.branch_riyadh.id)
        jeddah = self.create_request(branch_id=self.branch_jeddah.id) | self.create_request(
            branch_id=self.branch_jeddah.id
        )
        mine = Request.search([("branch_id", "=", self.branch_jeddah.id)])
        self.assertEqual(mine, jeddah)
        counts = dict(
            Request._read_group([("id", "in", (riyadh | jeddah).ids)], ["branch_id"], ["__count"])
        )
        self.assertEqual(counts, {self.branch_riyadh: 1, self.branch_jeddah: 2})
        # The "My Branch" filter of the officer's queue, as the search view defines it.
        view = Request.with_user(self.officer).get_views([(False, "search")])
        arch = view["views"]["search"]["arch"]
        self.assertIn('name="my_branch"', arch)
        self.assertIn('name="groupby_branch"', arch)
        my_branch = Request.with_user(self.officer).search(
            [("branch_id.user_ids", "in", self.officer.id), ("id", "in", (riyadh | jeddah).ids)]
        )
        self.assertEqual(my_branch, riyadh)
        # Files too.
        files = self.env["beneficiary.beneficiary"]._read_group(
            [("id", "in", (riyadh | jeddah).beneficiary_id.ids)], ["branch_id"], ["__count"]
        )
        self.assertTrue(files)

    def test_branches_stay_in_their_association(self):
        Branch = self.env["beneficiary.branch"]
        self.assertEqual(Branch.with_user(self.officer_b).search([]), self.branch_b)
        self.assertNotIn(self.branch_b, Branch.with_user(self.officer).search([]))
        with self.assertRaises(AccessError):
            self.branch_riyadh.with_user(self.officer_b).read(["name"])
        # Nobody files a record of one association under another's branch.
        with self.assertRaises(UserError):
            self.create_beneficiary(
                user=self.officer_b, company_id=self.company_b.id, branch_id=self.branch_riyadh.id
            )
        request = self.create_request(user=self.officer)
        with self.assertRaises(UserError):
            request.with_user(self.manager).write({"branch_id": self.branch_b.id})
        # Outcomes of one association's services are not the other's.
        Outcome = self.env["beneficiary.service.outcome"]
        self.assertFalse(
            Outcome.with_user(self.officer_b).search([("id", "in", self.employed.ids)])
        )
        # Only managers configure branches.
        with self.assertRaises(AccessError):
            Branch.with_user(self.officer).create({"name": "فرع", "company_id": self.company.id})
        Branch.with_user(self.manager).create({"name": "فرع أبها", "company_id": self.company.id})

    # ----------------------------------------------------------- accessibility
    def test_accessibility_needs_shown_on_the_request(self):
        file = self.create_beneficiary(
            accessibility_need_ids=[Command.set((self.wheelchair | self.sign_language).ids)],
            accessibility_note="يحتاج موعدًا في الدور الأرضي",
        )
        request = self.create_request(file, user=self.officer)
        self.assertEqual(request.accessibility_need_ids, self.wheelchair | self.sign_language)
        self.assertEqual(request.accessibility_note, "يحتاج موعدًا في الدور الأرضي")
        # The form warns the officer.
        arch = request.with_user(self.officer).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="accessibility_alert"', arch)
        # Shared needs are offered in every association; an association's own in it only.
        own = self.env["beneficiary.accessibility.need"].create(
            {"name": "مترجم لغة أوردو", "company_id": self.company.id}
        )
        Need = self.env["beneficiary.accessibility.need"]
        self.assertIn(self.wheelchair, Need.with_user(self.officer_b).search([]))
        self.assertNotIn(own, Need.with_user(self.officer_b).search([]))
        self.assertIn(own, Need.with_user(self.officer).search([]))

    def test_arabic_names(self):
        ar = self.env(context={"lang": "ar_001"})
        self.assertEqual(self.wheelchair.with_env(ar).name, "الوصول بالكرسي المتحرك")
        self.assertEqual(self.sign_language.with_env(ar).name, "مترجم لغة الإشارة")
        places = dict(
            self.env["beneficiary.support.request"]
            ._fields["delivery_place"]
            ._description_selection(ar)
        )
        self.assertEqual(places["home"], "زيارة منزلية")
        self.assertEqual(places["remote"], "عن بُعد")
        self.assertEqual(places["centre"], "في مقر الجمعية")
        # A branch and an outcome are named in each language.
        self.branch_jeddah.with_env(ar).name = "فرع جدة"
        self.branch_jeddah.with_context(lang="en_US").name = "Jeddah Branch"
        self.assertEqual(self.branch_jeddah.with_env(ar).name, "فرع جدة")
        self.assertEqual(self.branch_jeddah.with_context(lang="en_US").name, "Jeddah Branch")
        self.employed.with_env(ar).name = "توظّف"
        self.employed.with_context(lang="en_US").name = "Employed"
        self.assertEqual(self.employed.with_env(ar).name, "توظّف")
        self.assertEqual(self.employed.with_context(lang="en_US").name, "Employed")

    # ----------------------------------------------------------------- outcome
    def test_delivery_asks_for_the_outcome(self):
        request = self.in_service()
        action = request.action_done()
        self.assertEqual(action["res_model"], "beneficiary.support.request.done")
        self.assertEqual(request.state, "in_service", "not delivered without its outcome")
        # No outcome, or one of another service: refused, nothing changes.
        with self.assertRaisesText(UserError, "Choose the outcome"):
            self.deliver(request, False)
        with self.assertRaisesText(UserError, "choose the outcome of the service among"):
            self.deliver(request, self.service_other.outcome_ids)
        self.assertEqual(request.state, "in_service")
        self.assertFalse(request.outcome_id)
        self.deliver(request, self.employed, note="التحق بوظيفة خدمة عملاء")
        self.assertEqual(request.state, "done")
        self.assertEqual(request.outcome_id, self.employed)
        self.assertTrue(request.outcome_positive)
        self.assertEqual(request.delivered_by_id, self.officer)
        self.assertEqual(request.delivery_note, "التحق بوظيفة خدمة عملاء")
        self.assertTrue(request.delivery_date)

    def test_service_without_outcomes_is_delivered_in_one_click(self):
        request = self.in_service(service=self.service_direct)
        request.action_done()
        self.assertEqual(request.state, "done")
        self.assertFalse(request.outcome_id)

    def test_outcome_is_not_written_by_hand(self):
        request = self.in_service()
        for user in (self.officer, self.manager):
            with self.assertRaisesText(AccessError, "change only through the buttons"):
                request.with_user(user).write({"outcome_id": self.employed.id})
        self.assertFalse(request.outcome_id)
        # Not even to force the delivery button through afterwards.
        request.action_done()
        self.assertEqual(request.state, "in_service")

    def test_outcomes_reported_by_service(self):
        Request = self.env["beneficiary.support.request"]
        first, second, third = (self.in_service() for _i in range(3))
        self.deliver(first, self.employed)
        self.deliver(second, self.employed)
        self.deliver(third, self.dropped)
        other = self.in_service(service=self.service_other)
        self.deliver(other, self.service_other.outcome_ids)
        done = first | second | third | other
        counts = {
            (service, outcome): count
            for service, outcome, count in Request._read_group(
                [("id", "in", done.ids)], ["service_id", "outcome_id"], ["__count"]
            )
        }
        self.assertEqual(
            counts,
            {
                (self.service_training, self.employed): 2,
                (self.service_training, self.dropped): 1,
                (self.service_other, self.service_other.outcome_ids): 1,
            },
        )
        action = self.env.ref("beneficiary_relations.beneficiary_support_request_outcome_action")
        self.assertEqual(action.view_mode.split(",")[0], "pivot")


@tagged("post_install", "-at_install")
class TestBranchOutcomeRpc(BranchOutcomeCommon, HttpCase):
    rpc = test_security_rpc.TestSecurityRpc.rpc
    call = test_security_rpc.TestSecurityRpc.call
    refused = test_security_rpc.TestSecurityRpc.refused

    def test_outcome_refused_over_rpc(self):
        request = self.in_service()
        model = "beneficiary.support.request"
        for login in ("br_officer", "br_manager"):
            self.refused(
                login,
                model,
                "write",
                [request.ids, {"outcome_id": self.employed.id}],
                message="change only through the buttons",
            )
            self.refused(login, model, "_deliver_with_outcome", [request.ids, self.employed.id])
        # The button asks for the outcome instead of delivering.
        action = self.call("br_officer", model, "action_done", [request.ids])
        self.assertEqual(action["res_model"], "beneficiary.support.request.done")
        request.invalidate_recordset()
        self.assertEqual(request.state, "in_service")
        self.assertFalse(request.outcome_id)

    def test_other_association_branches_over_rpc(self):
        names = self.call(
            "br_officer_b", "beneficiary.branch", "search_read", [[]], {"fields": ["name"]}
        )
        self.assertEqual([row["id"] for row in names], self.branch_b.ids)
        self.refused("br_officer_b", "beneficiary.branch", "read", [self.branch_riyadh.ids])
