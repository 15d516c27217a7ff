import base64
import importlib.util
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import openpyxl

from odoo import Command
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, freeze_time, tagged

from .common import GROUP_MANAGER, GROUP_OFFICER, BeneficiaryCommon
from .common_rpc import JsonRpcMixin

POLICY_REPORT = "beneficiary_relations.action_report_policy"
PACK_REPORT = "beneficiary_relations.action_report_evidence_pack"
ACK_ACTIVITY = "beneficiary_relations.mail_activity_type_policy_acknowledgement"
ACK = "beneficiary.policy.acknowledgement"
BOARD = "beneficiary.policy.signed.acknowledgement"
MIGRATION = Path(__file__).parent.parent / "migrations" / "18.0.1.3.0" / "post-policy-governance.py"
AML_REFUSED = "also asks you to confirm that you have read the anti-money-laundering regulations"


@tagged("post_install", "-at_install", "beneficiary_policy_governance")
class TestPolicyGovernance(JsonRpcMixin, BeneficiaryCommon, HttpCase):
    """P36 and issue 17 point 5: the board's decision number beside the meeting, and the
    reading of the anti-money-laundering regulations confirmed with the acknowledgement.

    A small association of its own: a manager, an officer, a volunteer, a
    contractor and a board member, every one an internal user asked to acknowledge.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_g = cls.env["res.company"].create(
            {"name": "جمعية الحوكمة", "country_id": cls.saudi_arabia.id}
        )
        # In English: the Arabic of the new terms is in i18n/ar.po, and Odoo reads a
        # term from it once the template (.pot) lists it.
        cls.company_g.partner_id.lang = "en_US"
        values = {
            "company_id": cls.company_g.id,
            "company_ids": [Command.set(cls.company_g.ids)],
            "lang": "en_US",
        }

        def user(login, name, groups="base.group_user"):
            return mail_new_test_user(
                cls.env,
                login=login,
                groups=groups,
                name=name,
                email="%s@example.com" % login,
                **values,
            )

        cls.manager_g = user("br_gov_manager", "مديرة جمعية الحوكمة", GROUP_MANAGER)
        cls.officer_g = user("br_gov_officer", "موظف جمعية الحوكمة", GROUP_OFFICER)
        cls.volunteer = user("br_gov_volunteer", "متطوعة الحوكمة")
        cls.contractor = user("br_gov_contractor", "متعاقد الحوكمة")
        cls.board_member = user("br_gov_board", "عضو مجلس إدارة الحوكمة")
        cls.Ack = cls.env[ACK]

    # ------------------------------------------------------------------ helpers
    def new_policy(self, **values):
        return (
            self.env["beneficiary.policy"]
            .with_user(self.manager_g)
            .create(
                {
                    "company_id": self.company_g.id,
                    "version": "1.0",
                    "board_meeting_number": "الرابع",
                    "board_session": "لعام 2024م",
                    "approval_date": self.today - timedelta(days=100),
                    "chair_name": "د. هند بنت سعد العتيبي",
                    "body": "<p>نص السياسة المعتمد</p>",
                    **values,
                }
            )
        )

    def approved(self, **values):
        policy = self.new_policy(**values)
        policy.with_user(self.manager_g).action_approve()
        return policy

    def ack_of(self, policy, user):
        return policy.acknowledgement_ids.filtered(lambda a: a.user_id == user)

    def render_policy(self, policy):
        report = self.env.ref(POLICY_REPORT).with_context(lang="en_US")
        return report._render_qweb_html(report.report_name, policy.ids)[0].decode()

    def require_aml(self, required=True):
        self.company_g.with_user(self.manager_g).write({"beneficiary_policy_aml_reading": required})

    # ------------------------------------------------------------ decision number
    def test_decision_number_on_the_policy_pdf(self):
        policy = self.approved(board_decision_number="3-23/م")
        self.assertEqual(policy.state, "approved")
        html = self.render_policy(policy)
        self.assertIn("Approved by the Board of Directors at meeting No.", html)
        self.assertIn("by its decision No.", html)
        self.assertIn("3-23/م", html)
        # P36: the policy binds every worker, volunteers and contractors included.
        self.assertIn("volunteers and contractors included", html)
        pdf, report_type = (
            self.env.ref(POLICY_REPORT)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(POLICY_REPORT, res_ids=policy.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # Kept beside the meeting: tracked, and read-only once approved.
        with self.assertRaisesText(UserError, "read-only"):
            policy.with_user(self.manager_g).write({"board_decision_number": "4-23/م"})
        self.assertEqual(policy.board_decision_number, "3-23/م")
        # A new version does not inherit the previous decision.
        self.assertFalse(policy.copy({"version": "2.0"}).board_decision_number)

    def test_approval_as_the_board_recorded_it(self):
        # Aoun: "the 4th meeting of 2024", no decision number.
        aoun = self.approved()
        self.assertEqual(aoun.state, "approved")
        self.assertFalse(aoun.board_decision_number)
        html = self.render_policy(aoun)
        self.assertIn("الرابع", html)
        self.assertNotIn("by its decision No.", html)
        # Manarat: a decision number and no meeting.
        manarat = self.approved(
            version="2.0", board_meeting_number=False, board_decision_number="3-23/م"
        )
        self.assertEqual(manarat.state, "approved")
        html = self.render_policy(manarat)
        self.assertIn("by its decision No.", html)
        self.assertNotIn("at meeting No.", html)
        # Neither: refused, the version stays a draft.
        draft = self.new_policy(version="3.0", board_meeting_number=False)
        with self.assertRaisesText(UserError, "board meeting number or decision number"):
            draft.with_user(self.manager_g).action_approve()
        self.assertEqual(draft.state, "draft")

    # -------------------------------------------------------------- AML reading
    def test_every_worker_is_asked(self):
        policy = self.approved()
        self.assertEqual(
            policy.acknowledgement_ids.user_id,
            self.manager_g | self.officer_g | self.volunteer | self.contractor | self.board_member,
        )
        # A volunteer with no beneficiary group opens and acknowledges it (top-bar button).
        action = self.env.ref(
            "beneficiary_relations.beneficiary_policy_acknowledgement_action_my"
        ).with_user(self.volunteer)
        self.assertEqual(action.run()["res_id"], self.ack_of(policy, self.volunteer).id)
        self.ack_of(policy, self.volunteer).with_user(self.volunteer).action_acknowledge()
        self.assertEqual(self.ack_of(policy, self.volunteer).state, "acknowledged")

    def test_upgrade_asks_workers_left_out(self):
        """Databases of the previous version asked the beneficiary groups only: the
        upgrade asks the volunteer, the contractor and the board member for the version
        in force, and nobody twice."""
        policy = self.approved()
        left_out = self.volunteer | self.contractor | self.board_member
        policy.acknowledgement_ids.filtered(lambda a: a.user_id in left_out).unlink()
        spec = importlib.util.spec_from_file_location("policy_governance", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        before = len(policy.acknowledgement_ids)
        migration.ask_every_worker(self.env)
        policy.invalidate_recordset()
        self.assertEqual(len(policy.acknowledgement_ids), before + 3)
        self.assertEqual(
            policy.acknowledgement_ids.filtered(lambda a: a.user_id in left_out).mapped("state"),
            ["pending"] * 3,
        )
        self.assertEqual(migration.ask_every_worker(self.env), 0)

    def test_aml_confirmation_required(self):
        self.require_aml()
        policy = self.approved()
        ack = self.ack_of(policy, self.officer_g)
        self.assertTrue(ack.with_user(self.officer_g).aml_required)
        with self.assertRaisesText(UserError, AML_REFUSED):
            ack.with_user(self.officer_g).action_acknowledge()
        # Nothing changed: still pending, no date, the activity still there.
        self.assertEqual(ack.state, "pending")
        self.assertFalse(ack.date)
        self.assertFalse(ack.aml_read_date)
        self.assertTrue(ack.is_pending)
        self.assertTrue(ack.activity_ids)
        self.assertEqual(self.Ack.with_user(self.officer_g).systray_pending()["count"], 1)

        ack.with_user(self.officer_g).action_acknowledge_aml()
        self.assertEqual(ack.state, "acknowledged")
        self.assertTrue(ack.date)
        self.assertEqual(ack.aml_read_date, ack.date)
        self.assertFalse(ack.is_pending)
        self.assertFalse(ack.activity_ids, "the activity is marked done")
        self.assertEqual(self.Ack.with_user(self.officer_g).systray_pending()["count"], 0)
        self.assertEqual((policy.acknowledged_count, policy.pending_count), (1, 4))

    def test_aml_required_after_acknowledging(self):
        """An association that turns the reading on: who acknowledged without it is
        pending again, reminded, and confirms the reading alone (the first date stays)."""
        policy = self.approved()
        ack = self.ack_of(policy, self.contractor)
        ack.with_user(self.contractor).action_acknowledge()
        first = ack.date
        self.assertFalse(ack.is_pending)
        self.assertEqual(policy.acknowledged_count, 1)

        self.require_aml()
        self.env.invalidate_all()
        self.assertTrue(ack.is_pending)
        self.assertEqual(ack.state, "acknowledged")
        self.assertEqual((policy.acknowledged_count, policy.pending_count), (0, 5))
        self.assertEqual(self.Ack.with_user(self.contractor).systray_pending()["count"], 1)
        with freeze_time(self.today + timedelta(days=8)):
            self.Ack._cron_remind()
        self.assertEqual(ack.reminder_count, 1)
        ack_type = self.env.ref(ACK_ACTIVITY)
        self.assertTrue(ack.activity_ids.filtered(lambda a: a.activity_type_id == ack_type))

        with freeze_time(self.today + timedelta(days=9)):
            ack.with_user(self.contractor).action_acknowledge_aml()
        self.assertEqual(ack.date, first)
        self.assertGreater(ack.aml_read_date, first)
        self.assertFalse(ack.is_pending)
        self.assertFalse(ack.activity_ids)
        # A superseded version's acknowledgement is evidence: no longer pending.
        self.require_aml(False)
        self.require_aml()
        self.approved(version="2.0")
        self.assertEqual(policy.state, "superseded")
        self.assertFalse(self.ack_of(policy, self.contractor).is_pending)

    def test_aml_reading_over_rpc(self):
        self.require_aml()
        policy = self.approved()
        own = self.ack_of(policy, self.officer_g)
        other = self.ack_of(policy, self.volunteer)
        now = "2026-01-01 10:00:00"
        # Nobody writes the reading date by hand, not even a manager.
        for login, ack in (("br_gov_officer", own), ("br_gov_manager", other)):
            self.refused(login, ACK, "write", [ack.ids, {"aml_read_date": now}])
            self.refused(login, ACK, "write", [ack.ids, {"state": "acknowledged", "date": now}])
        # Nor acknowledges for someone else.
        self.refused("br_gov_officer", ACK, "action_acknowledge_aml", [other.ids])
        self.refused("br_gov_manager", ACK, "action_acknowledge_aml", [other.ids])
        self.refused("br_gov_officer", ACK, "action_acknowledge", [other.ids], {"aml_read": True})
        # Without the confirmation, the employee's own is refused, clearly.
        self.refused("br_gov_officer", ACK, "action_acknowledge", [own.ids], message=AML_REFUSED)
        for ack in (own, other):
            self.assertEqual(ack.state, "pending")
            self.assertFalse(ack.aml_read_date)
        self.call("br_gov_officer", ACK, "action_acknowledge", [own.ids], {"aml_read": True})
        self.assertEqual(own.state, "acknowledged")
        self.assertTrue(own.aml_read_date)
        self.assertFalse(other.aml_read_date)
        # Employees cannot turn the setting off; the association's manager can.
        self.refused(
            "br_gov_officer",
            "res.company",
            "write",
            [self.company_g.ids, {"beneficiary_policy_aml_reading": False}],
        )
        self.assertTrue(self.company_g.beneficiary_policy_aml_reading)
        self.call(
            "br_gov_manager",
            "res.company",
            "write",
            [self.company_g.ids, {"beneficiary_policy_aml_reading": False}],
        )
        self.assertFalse(self.company_g.beneficiary_policy_aml_reading)

    # ---------------------------------------------------------- board members
    def test_board_members_acknowledge(self):
        """Meras: every member of the board acknowledges the policy, not only the chair.
        Board members have no account: the manager records each signature with its date,
        after the approval too; it is kept as evidence and employees do not see it."""
        policy = self.approved()
        signed = self.today - timedelta(days=90)
        policy.with_user(self.manager_g).write(
            {
                "signed_acknowledgement_ids": [
                    Command.create(
                        {"name": "عبدالله صالح محمد الشهري", "role": "chair", "date": signed}
                    ),
                    Command.create(
                        {"name": "احمد جابر يحيى عسيري", "role": "vice_chair", "date": signed}
                    ),
                    Command.create({"name": "فارس محمد سالم المصعبي", "date": signed}),
                ]
            }
        )
        board = policy.signed_acknowledgement_ids
        self.assertEqual(len(board), 3)
        self.assertEqual(board.recorded_by_id, self.manager_g)
        self.assertEqual(
            board.filtered(lambda a: a.name == "فارس محمد سالم المصعبي").role, "member"
        )
        self.assertTrue(board[0].date_hijri)
        # The approved version itself stays read-only.
        with self.assertRaisesText(UserError, "read-only"):
            policy.with_user(self.manager_g).write({"chair_name": "آخر"})
        # Kept as evidence: not deleted, not even by the manager; who recorded it is the
        # server's.
        with self.assertRaises(AccessError):
            board[:1].with_user(self.manager_g).unlink()
        self.refused(
            "br_gov_manager", BOARD, "write", [board[:1].ids, {"recorded_by_id": self.officer_g.id}]
        )
        self.assertEqual(board[:1].recorded_by_id, self.manager_g)
        # Employees neither read nor record them, and still read the policy.
        values = {"policy_id": policy.id, "name": "عضو", "date": str(signed)}
        self.refused("br_gov_officer", BOARD, "create", [values])
        self.refused("br_gov_officer", BOARD, "search_read", [[]], {"fields": ["name"]})
        self.assertEqual(len(policy.signed_acknowledgement_ids), 3)
        self.assertEqual(policy.with_user(self.officer_g).read(["version"])[0]["version"], "1.0")

    # ------------------------------------------------------------ evidence pack
    def test_evidence_pack_per_person(self):
        """Hand-counted: five internal users asked for version 1.0 (decision 7/1446):
        the board member acknowledged before the association required the AML reading,
        the volunteer and the contractor confirmed both, the officer and the manager
        nothing. Acknowledged 3 of 5 (60 %), AML reading 2 of 5 (40 %); and, signed on
        paper by people without an account and recorded by the manager, two board members
        and one volunteer."""
        policy = self.approved(board_decision_number="7/1446")
        self.ack_of(policy, self.board_member).with_user(self.board_member).action_acknowledge()
        self.require_aml()
        for user in (self.volunteer, self.contractor):
            self.ack_of(policy, user).with_user(user).action_acknowledge_aml()
        self.assertEqual((policy.acknowledged_count, policy.pending_count), (2, 3))
        signed = self.today - timedelta(days=90)
        policy.with_user(self.manager_g).write(
            {
                "signed_acknowledgement_ids": [
                    Command.create({"name": "رئيس المجلس", "role": "chair", "date": signed}),
                    Command.create({"name": "عضو المجلس", "date": signed}),
                    Command.create(
                        {"name": "متطوعة بلا حساب", "role": "volunteer", "date": signed}
                    ),
                ]
            }
        )

        wizard = self.env(user=self.manager_g)["beneficiary.evidence.pack"].create(
            {"date_from": self.today - timedelta(days=30), "date_to": self.today}
        )
        summary = wizard._evidence_summary()
        self.assertEqual(
            {key: summary[key] for key in ("acks_total", "acks_done", "acks_rate")},
            {"acks_total": 5, "acks_done": 3, "acks_rate": 60.0},
        )
        self.assertEqual(
            {key: summary[key] for key in ("aml_required", "aml_done", "aml_rate")},
            {"aml_required": True, "aml_done": 2, "aml_rate": 40.0},
        )
        self.assertEqual((summary["board_acks"], summary["signed_acks"]), (2, 3))

        action = wizard.action_export()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[-1].split("?")[0])
        )
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas)))
        book = openpyxl.load_workbook(io.BytesIO(archive.read("03-acknowledgements.xlsx")))
        sheet = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(sheet[0][5:], ("Acknowledged On", "AML Regulations Read On"))
        rows = {row[1]: row for row in sheet[1:]}
        self.assertEqual(len(rows), 5)
        for user in (self.volunteer, self.contractor):
            self.assertIn("AH (", rows[user.name][5])
            self.assertIn("AH (", rows[user.name][6])
        self.assertIn("AH (", rows[self.board_member.name][5])
        self.assertFalse(rows[self.board_member.name][6])
        for user in (self.officer_g, self.manager_g):
            self.assertEqual(rows[user.name][3], "Not Yet Acknowledged")
            self.assertFalse(rows[user.name][5])
            self.assertFalse(rows[user.name][6])

        board = {row[1]: row for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(set(board), {"رئيس المجلس", "عضو المجلس", "متطوعة بلا حساب"})
        self.assertEqual(board["رئيس المجلس"][:3], ("1.0", "رئيس المجلس", "Board Chair"))
        self.assertEqual(board["متطوعة بلا حساب"][2], "Volunteer")
        self.assertIn("AH (", board["عضو المجلس"][3])

        report = self.env.ref(PACK_REPORT).with_user(self.manager_g)
        html = report._render_qweb_html(report.report_name, wizard.ids)[0].decode()
        self.assertIn("Board decision No.", html)
        self.assertIn("7/1446", html)
        self.assertIn("Reading of the anti-money-laundering regulations", html)
        self.assertIn("60.0", html)
        self.assertIn("40.0", html)
        self.assertNotIn("does not ask its workers", html)
        self.assertIn("board members acknowledged", html)
        self.assertIn("workers, volunteers and contractors", html)
