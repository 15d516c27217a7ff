from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.addons.sms.models.sms_sms import SmsSms
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import BeneficiaryCommon


@tagged("post_install", "-at_install")
class TestSuggestion(BeneficiaryCommon):
    """Suggestions and complaints: acknowledged, assigned, answered on time (P28)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"beneficiary_manager_id": cls.manager.id, "beneficiary_suggestion_response_days": 5}
        )
        cls.Suggestion = cls.env["beneficiary.suggestion"]
        cls.category_staff = cls.env.ref("beneficiary_relations.suggestion_category_staff")
        cls.category_premises = cls.env.ref("beneficiary_relations.suggestion_category_premises")
        cls.category_premises.user_id = cls.researcher
        cls.activity_type = cls.env.ref("beneficiary_relations.mail_activity_type_suggestion")
        cls.channel_phone = cls.env.ref("beneficiary_relations.utm_medium_phone")
        cls.beneficiary = cls.create_beneficiary(
            email="sender@example.com", preferred_channel="email"
        )
        cls.sender = cls.beneficiary.partner_id

    def log(self, user=None, **values):
        env = self.env(user=user) if user else self.env
        with patch.object(SmsSms, "_send", autospec=True):
            return env["beneficiary.suggestion"].create(
                {
                    "name": "تمديد ساعات الاستقبال",
                    "description": "أقترح فتح مكتب الاستقبال مساء يوم الخميس.",
                    "partner_id": self.sender.id,
                    "channel_id": self.channel_phone.id,
                    **values,
                }
            )

    def sender_messages(self, suggestion):
        self.flush_tracking()
        return suggestion.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.sender in m.partner_ids
        )

    def test_logged_by_staff_is_acknowledged(self):
        suggestion = self.log(user=self.officer, category_id=self.category_premises.id)
        self.assertRegex(suggestion.ref, r"^SUG/\d{4}/\d{5}$")
        self.assertEqual(suggestion.state, "acknowledged")
        self.assertEqual(suggestion.beneficiary_id, self.beneficiary)
        self.assertEqual(suggestion.response_deadline, self.today + timedelta(days=5))
        # The sender is told, with the reference.
        [message] = self.sender_messages(suggestion)
        self.assertIn(suggestion.ref, str(message.body))
        # The category's default assignee gets an activity due on the deadline.
        self.assertEqual(suggestion.user_id, self.researcher)
        activity = suggestion.activity_ids
        self.assertEqual(activity.activity_type_id, self.activity_type)
        self.assertEqual(activity.user_id, self.researcher)
        self.assertEqual(activity.date_deadline, suggestion.response_deadline)

    def test_assignee_defaults_to_manager(self):
        suggestion = self.log(category_id=self.category_staff.id, kind="complaint")
        self.assertEqual(suggestion.user_id, self.manager)

    def test_sender_without_contact_stays_new(self):
        partner = self.env["res.partner"].create({"name": "زائر"})
        suggestion = self.log(partner_id=partner.id)
        self.assertEqual(suggestion.state, "new")
        suggestion.action_acknowledge()
        self.assertEqual(suggestion.state, "acknowledged")

    def test_answer_and_close(self):
        suggestion = self.log(user=self.officer)
        suggestion.with_user(self.officer).action_start()
        with self.assertRaisesText(UserError, "Write the response"):
            suggestion.with_user(self.officer).action_answer()
        suggestion.response = "سيُفتح المكتب مساء الخميس ابتداءً من الشهر القادم."
        with freeze_time(fields.Datetime.now() + timedelta(days=2)):
            suggestion.with_user(self.officer).action_answer()
        self.assertEqual(suggestion.state, "answered")
        self.assertEqual(suggestion.answered_by_id, self.officer)
        self.assertAlmostEqual(suggestion.answer_days, 2.0, delta=0.1)
        self.assertFalse(suggestion.activity_ids)
        messages = self.sender_messages(suggestion)
        self.assertEqual(len(messages), 2)
        self.assertIn("مساء الخميس", str(messages[0].body))
        suggestion.action_close()
        self.assertEqual(suggestion.state, "closed")
        with self.assertRaises(UserError):
            suggestion.action_answer()

    def test_reject_needs_reason(self):
        suggestion = self.log()
        with self.assertRaisesText(UserError, "reason"):
            suggestion.action_reject()
        suggestion.response = "مكررة مع المقترح السابق."
        suggestion.action_reject()
        self.assertEqual(suggestion.state, "rejected")
        suggestion.action_reopen()
        self.assertEqual(suggestion.state, "in_progress")

    def test_overdue(self):
        suggestion = self.log()
        answered = self.log()
        answered.response = "شكراً لك."
        answered.action_answer()
        Suggestion = self.Suggestion.with_user(self.officer)
        self.assertFalse(suggestion.is_overdue)
        with freeze_time(fields.Date.today() + timedelta(days=6)):
            (suggestion | answered).invalidate_recordset(["is_overdue"])
            self.assertTrue(suggestion.is_overdue)
            self.assertFalse(answered.is_overdue)
            overdue = Suggestion.search([("is_overdue", "=", True)])
            self.assertIn(suggestion, overdue)
            self.assertNotIn(answered, overdue)
            self.assertIn(answered, Suggestion.search([("is_overdue", "=", False)]))
        with self.assertRaises(UserError):
            Suggestion.search([("is_overdue", "in", [True])])

    def test_access(self):
        """The sender reads their own on the portal; other roles as allowed."""
        own = self.log(partner_id=self.portal_user.partner_id.id)
        other = self.log()
        Suggestion = self.Suggestion.with_user(self.portal_user)
        self.assertEqual(Suggestion.search([]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.portal_user).read(["description"])
        with self.assertRaises(AccessError):
            Suggestion.create(
                {"name": "x", "description": "x", "partner_id": self.portal_user.partner_id.id}
            )
        with self.assertRaises(AccessError):
            own.with_user(self.portal_user).write({"response": "x"})
        # Nobody deletes them: the association accounts for every suggestion and complaint.
        with self.assertRaises(AccessError):
            other.with_user(self.officer).unlink()
        with self.assertRaisesText(UserError, "kept"):
            other.with_user(self.manager).unlink()
        self.assertTrue(other.exists())
        # Another association's staff do not see them.
        self.assertFalse(self.Suggestion.with_user(self.officer_b).search([("id", "=", own.id)]))
        # Categories are configured by managers only.
        with self.assertRaises(AccessError):
            self.category_staff.with_user(self.officer).write({"name": "x"})
