from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import TINY_PDF, BeneficiaryCommon

ACK_ACTIVITY = "beneficiary_relations.mail_activity_type_policy_acknowledgement"
REVIEW_ACTIVITY = "beneficiary_relations.mail_activity_type_policy_review"


@tagged("post_install", "-at_install")
class TestPolicy(BeneficiaryCommon):
    """Board-approved policy versions, staff acknowledgement, the toolkit (P3, P19, P26, P27)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Policy = cls.env["beneficiary.policy"]
        cls.Ack = cls.env["beneficiary.policy.acknowledgement"]
        cls.ack_type = cls.env.ref(ACK_ACTIVITY)
        cls.review_type = cls.env.ref(REVIEW_ACTIVITY)
        cls.staff = (
            cls.officer
            | cls.researcher
            | cls.researcher2
            | cls.committee
            | cls.partnerships
            | cls.manager
        )
        # The other demo associations' pending acknowledgements stay out of the reminder
        # job's counts (the tests count this association's staff only).
        cls.Ack.search([("company_id", "!=", cls.company.id), ("state", "=", "pending")]).unlink()

    # ------------------------------------------------------------------ helpers
    @classmethod
    def new_policy(cls, version, company=None, user=None, **values):
        """A complete draft version, created by the manager (or ``user``)."""
        company = company or cls.company
        env = cls.env(user=user) if user else cls.env(user=cls.manager)
        if company != cls.company:
            env = cls.env  # the test manager works for the first association only
        return env["beneficiary.policy"].create(
            {
                "version": version,
                "company_id": company.id,
                "board_meeting_number": "12",
                "board_session": "الثانية",
                "approval_date": cls.today,
                "chair_name": "د. هند بنت سعد العتيبي",
                "body": "<p>نص السياسة المعتمد، الإصدار %s</p>" % version,
                "declaration_text": "<p>إقرار بصحة البيانات، الإصدار %s</p>" % version,
                "consent_text": "<p>موافقة على شروط الخدمة، الإصدار %s</p>" % version,
                **values,
            }
        )

    @classmethod
    def approved_policy(cls, version, company=None, **values):
        policy = cls.new_policy(version, company=company, **values)
        if company and company != cls.company:
            policy.action_approve()  # as the superuser, a manager of every association
        else:
            policy.with_user(cls.manager).action_approve()
        return policy

    def ack_activities(self, acks):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "beneficiary.policy.acknowledgement"),
                ("res_id", "in", acks.ids),
                ("activity_type_id", "=", self.ack_type.id),
            ]
        )

    def review_activities(self, policy):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "beneficiary.policy"),
                ("res_id", "=", policy.id),
                ("activity_type_id", "=", self.review_type.id),
            ]
        )

    def ack_of(self, policy, user):
        return policy.acknowledgement_ids.filtered(lambda a: a.user_id == user)

    # ------------------------------------------------------------- supersession
    def test_approval_supersedes_previous_version(self):
        other = self.approved_policy("1.0", company=self.company_b)
        v3 = self.approved_policy("3.0")
        self.assertEqual(v3.state, "approved")
        self.assertEqual(v3.approved_by_id, self.manager)
        self.assertEqual(v3.next_review_date, self.today + relativedelta(years=1))
        self.assertEqual(self.Policy._get_active(self.company), v3)

        v4 = self.approved_policy("4.0")
        self.assertEqual(v3.state, "superseded")
        self.assertEqual(v3.superseded_date, self.today)
        self.assertFalse(v3.next_review_date)
        self.assertEqual(v4.state, "approved")
        # Only one version in force per association; the other association's untouched.
        approved = self.Policy.search([("state", "=", "approved")])
        self.assertEqual(approved.filtered(lambda p: p.company_id == self.company), v4)
        self.assertEqual(other.state, "approved")
        self.assertEqual(self.Policy._get_active(self.company_b), other)
        self.assertEqual(self.Policy._get_active(self.company), v4)

    def test_approved_version_is_read_only(self):
        policy = self.approved_policy("3.0")
        for values in ({"body": "<p>نص معدل</p>"}, {"version": "3.1"}, {"chair_name": "آخر"}):
            with self.assertRaisesText(UserError, "read-only"):
                policy.with_user(self.manager).write(values)
        with self.assertRaisesText(UserError, "evidence"):
            policy.with_user(self.manager).unlink()
        self.approved_policy("4.0")
        self.assertEqual(policy.state, "superseded")
        with self.assertRaisesText(UserError, "read-only"):
            policy.with_user(self.manager).write({"body": "<p>نص معدل</p>"})
        with self.assertRaisesText(UserError, "evidence"):
            policy.with_user(self.manager).unlink()
        # A draft is still edited and deleted freely.
        draft = self.new_policy("5.0")
        draft.with_user(self.manager).write({"body": "<p>مسودة معدلة</p>"})
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_only_managers_approve(self):
        policy = self.new_policy("3.0")
        for user in (self.officer, self.researcher, self.committee, self.partnerships):
            with self.assertRaises(AccessError):
                policy.with_user(user).action_approve()
        self.assertEqual(policy.state, "draft")
        policy.with_user(self.manager).action_approve()
        self.assertEqual(policy.state, "approved")
        with self.assertRaisesText(UserError, "Only a draft version"):
            policy.with_user(self.manager).action_approve()

    def test_approval_needs_board_data_and_text(self):
        policy = self.new_policy(
            "3.0", board_meeting_number=False, approval_date=False, chair_name=False, body=False
        )
        with self.assertRaises(UserError) as caught:
            policy.with_user(self.manager).action_approve()
        message = str(caught.exception)
        for label in ("board meeting number", "approval date", "board chair", "policy text"):
            self.assertIn(label, message)
        self.assertEqual(policy.state, "draft")
        # The signed copy stands for the text.
        policy.with_user(self.manager).write(
            {
                "board_meeting_number": "12",
                "approval_date": self.today,
                "chair_name": "د. هند بنت سعد العتيبي",
                "signed_file": TINY_PDF,
                "signed_file_name": "policy.pdf",
            }
        )
        policy.with_user(self.manager).action_approve()
        self.assertEqual(policy.state, "approved")

    # ------------------------------------------------------------ acknowledgement
    def test_approval_asks_every_employee(self):
        policy = self.approved_policy("3.0")
        acks = policy.acknowledgement_ids
        self.assertLessEqual(self.staff, acks.user_id)
        self.assertNotIn(self.portal_user, acks.user_id)
        self.assertNotIn(self.officer_b, acks.user_id)
        self.assertEqual(len(acks), len(acks.user_id), "one acknowledgement per employee")
        self.assertEqual(set(acks.mapped("state")), {"pending"})
        self.assertEqual(policy.pending_count, len(acks))
        self.assertEqual(policy.acknowledged_count, 0)
        activities = self.ack_activities(acks)
        self.assertEqual(len(activities), len(acks))
        self.assertEqual(activities.user_id, acks.user_id)
        for ack in acks:
            activity = activities.filtered(lambda a, ack=ack: a.res_id == ack.id)
            self.assertEqual(activity.user_id, ack.user_id)
        # The other association's employees are asked for their own version only.
        other = self.approved_policy("1.0", company=self.company_b)
        self.assertIn(self.officer_b, other.acknowledgement_ids.user_id)
        self.assertFalse(other.acknowledgement_ids.user_id & self.staff)

    def test_employee_acknowledges_themselves(self):
        policy = self.approved_policy("3.0")
        ack = self.ack_of(policy, self.officer)
        other = self.ack_of(policy, self.researcher)
        # One click from the menu: the single pending acknowledgement opens.
        menu_action = self.env.ref(
            "beneficiary_relations.beneficiary_policy_acknowledgement_action_my"
        )
        for user in (self.officer, self.committee, self.partnerships):
            action = menu_action.with_user(user).run()
            self.assertEqual(action["res_id"], self.ack_of(policy, user).id)

        with self.assertRaises(AccessError):
            other.with_user(self.officer).action_acknowledge()
        with self.assertRaises(AccessError):
            other.with_user(self.manager).action_acknowledge()
        self.assertEqual(other.state, "pending")

        ack.with_user(self.officer).action_acknowledge()
        self.assertEqual(ack.state, "acknowledged")
        self.assertTrue(ack.date)
        self.assertFalse(self.ack_activities(ack), "the activity is marked done")
        self.assertTrue(self.ack_activities(other))
        self.assertEqual(policy.acknowledged_count, 1)
        # Nothing left to acknowledge: the menu shows the employee's own records.
        action = self.Ack.with_user(self.officer).action_open_my_pending()
        self.assertEqual(action["domain"], [("user_id", "=", self.officer.id)])

    def test_new_version_asks_everyone_again(self):
        v3 = self.approved_policy("3.0")
        acknowledged = self.ack_of(v3, self.officer)
        acknowledged.with_user(self.officer).action_acknowledge()
        pending = v3.acknowledgement_ids - acknowledged

        v4 = self.approved_policy("4.0")
        self.assertLessEqual(self.staff, v4.acknowledgement_ids.user_id)
        self.assertEqual(set(v4.acknowledgement_ids.mapped("state")), {"pending"})
        self.assertIn(self.officer, v4.acknowledgement_ids.user_id)
        # v3: the pending ones are gone, the acknowledged one stays as evidence.
        self.assertFalse(pending.exists())
        self.assertEqual(v3.acknowledgement_ids, acknowledged)
        self.assertEqual(acknowledged.state, "acknowledged")
        self.assertEqual(v3.acknowledged_count, 1)
        self.assertEqual(v3.pending_count, 0)
        # The menu opens the new version's acknowledgement.
        action = self.Ack.with_user(self.officer).action_open_my_pending()
        self.assertEqual(action["res_id"], self.ack_of(v4, self.officer).id)

    def test_reminder_cron(self):
        policy = self.approved_policy("3.0")
        self.ack_of(policy, self.officer).with_user(self.officer).action_acknowledge()
        late = policy.acknowledgement_ids.filtered(lambda a: a.state == "pending")
        with freeze_time(self.today + timedelta(days=3)):
            self.assertEqual(self.Ack._cron_remind(), 0)
        self.assertEqual(set(late.mapped("reminder_count")), {0})

        reminder_day = self.today + timedelta(days=8)
        with freeze_time(reminder_day):
            self.assertEqual(self.Ack._cron_remind(), len(late))
            # Reminded today: a second run the same day reminds no one.
            self.assertEqual(self.Ack._cron_remind(), 0)
        self.assertEqual(set(late.mapped("reminder_count")), {1})
        self.assertEqual(set(late.mapped("requested_date")), {reminder_day})
        activities = self.ack_activities(late)
        self.assertEqual(len(activities), len(late), "the activity is rescheduled, not added")
        self.assertEqual(set(activities.mapped("date_deadline")), {reminder_day})
        done = self.ack_of(policy, self.officer)
        self.assertEqual(done.reminder_count, 0)
        self.assertFalse(self.ack_activities(done))

        with freeze_time(reminder_day + timedelta(days=7)):
            self.assertEqual(self.Ack._cron_remind(), len(late))
        self.assertEqual(set(late.mapped("reminder_count")), {2})

    # ------------------------------------------------------------- yearly review
    def test_yearly_review_cron(self):
        self.company.beneficiary_manager_id = self.manager
        policy = self.approved_policy("3.0")
        self.assertEqual(policy.next_review_date, self.today + relativedelta(years=1))
        with freeze_time(self.today + relativedelta(months=11)):
            self.Policy._cron_policy_review()
        self.assertFalse(self.review_activities(policy))

        year_later = self.today + relativedelta(years=1)
        with freeze_time(year_later):
            self.Policy._cron_policy_review()
            self.Policy._cron_policy_review()
        activity = self.review_activities(policy)
        self.assertEqual(len(activity), 1, "one reminder, not one per run")
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(activity.date_deadline, year_later)
        with freeze_time(year_later + timedelta(days=1)):
            self.Policy._cron_policy_review()
        self.assertEqual(self.review_activities(policy), activity)

        # Reviewed without a new version: reminded again a year later, not before.
        with freeze_time(year_later + timedelta(days=2)):
            activity.with_user(self.manager).action_feedback(feedback="لا تعديل هذا العام")
        with freeze_time(year_later + timedelta(days=3)):
            self.Policy._cron_policy_review()
        self.assertFalse(self.review_activities(policy))
        with freeze_time(year_later + relativedelta(years=1, days=3)):
            self.Policy._cron_policy_review()
        self.assertEqual(len(self.review_activities(policy)), 1)

        # A new version closes the review of the old one.
        self.approved_policy("4.0")
        self.assertFalse(self.review_activities(policy))

    # ------------------------------------------------------- declaration texts
    def test_sign_wizard_uses_policy_in_force(self):
        policy = self.approved_policy("3.0")
        beneficiary = self.create_beneficiary(user=self.officer)
        declarations = beneficiary.declaration_ids
        self.assertEqual(len(declarations), 2)
        self.assertEqual(declarations.policy_id, policy)
        self.assertEqual(set(declarations.mapped("version")), {"3.0"})
        declaration = declarations.filtered(lambda d: d.kind == "declaration")
        consent = declarations.filtered(lambda d: d.kind == "consent")
        self.assertIn("إقرار بصحة البيانات، الإصدار 3.0", declaration.text)
        self.assertIn("موافقة على شروط الخدمة، الإصدار 3.0", consent.text)
        self.assertEqual(beneficiary.consent_version, "3.0")
        # The next version's texts for the next signatures; the signed ones stay.
        self.approved_policy("4.0")
        wizard = (
            self.env["beneficiary.beneficiary.sign"]
            .with_user(self.officer)
            .with_context(default_beneficiary_id=beneficiary.id)
            .new({})
        )
        self.assertEqual(wizard.version, "4.0")
        self.assertIn("الإصدار 4.0", wizard.declaration_text)
        self.assertEqual(declarations.policy_id, policy)

    # ------------------------------------------------------------------ evidence
    def test_evidence_export(self):
        policy = self.approved_policy("3.0")
        self.ack_of(policy, self.officer).with_user(self.officer).action_acknowledge()
        # Users created from the Users form get the export right from the default user.
        self.manager.groups_id += self.env.ref("base.group_allow_export")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_policy_acknowledgement_action"
        )
        self.assertIn("search_default_pending", action["context"])
        acks = self.Ack.with_user(self.manager).search([("policy_id", "=", policy.id)])
        self.assertEqual(acks, policy.acknowledgement_ids)
        rows = acks.export_data(["user_id", "state", "policy_id/version", "date"])["datas"]
        self.assertEqual(len(rows), len(acks))
        by_user = {row[0]: row for row in rows}
        self.assertEqual(by_user[self.officer.name][1], "Acknowledged")
        self.assertTrue(by_user[self.officer.name][3])
        self.assertEqual(by_user[self.researcher.name][1], "Not Yet Acknowledged")
        self.assertEqual({row[2] for row in rows}, {"3.0"})
        # The smart button opens this version's list.
        action = policy.with_user(self.manager).action_view_acknowledgements()
        self.assertEqual(action["domain"], [("policy_id", "=", policy.id)])

    # -------------------------------------------------------------------- access
    def test_access(self):
        policy = self.approved_policy(
            "3.0",
            document_ids=[
                Command.create({"kind": "bylaws", "name": "اللائحة الأساسية", "file": TINY_PDF}),
                Command.create(
                    {"kind": "request_form", "name": "طلب دعم مستفيد", "file": TINY_PDF}
                ),
            ],
        )
        own = self.ack_of(policy, self.officer)
        other = self.ack_of(policy, self.researcher)
        # Employees read their own acknowledgements only; managers read everyone's.
        self.assertEqual(self.Ack.with_user(self.officer).search([]), own)
        own.with_user(self.officer).read(["state"])
        with self.assertRaises(AccessError):
            other.with_user(self.officer).read(["state"])
        with self.assertRaises(AccessError):
            own.with_user(self.officer).write({"state": "acknowledged"})
        self.assertLessEqual(
            policy.acknowledgement_ids, self.Ack.with_user(self.manager).search([])
        )
        # Every staff role reads the policy and downloads the toolkit of the version in force.
        for user in (self.officer, self.researcher, self.committee, self.partnerships):
            documents = (
                self.env["beneficiary.policy.document"]
                .with_user(user)
                .search([("policy_state", "=", "approved")])
            )
            self.assertEqual(documents, policy.document_ids)
            self.assertTrue(all(documents.mapped("file")))
            self.assertEqual(policy.with_user(user).body, policy.body)
        # The other association sees none of it.
        self.assertFalse(
            self.env["beneficiary.policy.document"]
            .with_user(self.officer_b)
            .search([("policy_id", "=", policy.id)])
        )
        with self.assertRaises(AccessError):
            policy.with_user(self.officer_b).read(["body"])
        # Only managers create versions.
        for user in (self.officer, self.researcher, self.committee, self.partnerships):
            with self.assertRaises(AccessError):
                self.new_policy("9.%d" % user.id, user=user)
        self.assertTrue(self.new_policy("5.0"))
