from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.addons.sms.models.sms_sms import SmsSms
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common_request import SupportRequestCommon

SURVEY = "beneficiary_relations.survey_beneficiary_satisfaction"
RATED = ("overall", "procedures", "decision_time", "courtesy", "clarity")


class SatisfactionCommon(SupportRequestCommon):
    """Requests delivered to beneficiaries who answer the default satisfaction survey."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref(SURVEY)
        cls.followup_type = cls.env.ref(
            "beneficiary_relations.mail_activity_type_satisfaction_followup"
        )
        cls.company.write(
            {
                "beneficiary_survey_reminder_days": 3,
                "beneficiary_satisfaction_threshold": 60.0,
            }
        )
        # Surveys of the demo data stay out of the counts.
        cls.Request.search([("satisfaction_state", "!=", "not_invited")]).write(
            {"satisfaction_state": "answered"}
        )

    @classmethod
    def question(cls, code):
        return cls.env.ref("%s_q_%s" % (SURVEY, code))

    @classmethod
    def answer_value(cls, code, score):
        return cls.env.ref("%s_q_%s_%s" % (SURVEY, code, score))

    @classmethod
    def new_beneficiary(cls, **values):
        values.setdefault("email", "ben%s@example.com" % cls.new_national_id()[-6:])
        values.setdefault("preferred_channel", "email")
        return cls.create_beneficiary(**values)

    @classmethod
    def deliver(cls, request):
        """Take a draft request of the direct service up to ``done``."""
        cls.advance(request, "verification")
        request.action_approve()
        request.action_start_service()
        with patch.object(SmsSms, "_send", autospec=True):
            request.action_done()
        return request

    @classmethod
    def delivered_request(cls, service=None, **beneficiary_values):
        request = cls.create_request(
            cls.new_beneficiary(**beneficiary_values), service=service or cls.service_direct
        )
        return cls.deliver(request)

    @classmethod
    def answer(cls, request, ratings, recommend="2", channel=1, comment="شكراً"):
        """The beneficiary's answers saved and submitted as the survey controller does."""
        answer = request.sudo().satisfaction_input_id
        for code, score in zip(RATED, ratings, strict=True):
            answer._save_lines(cls.question(code), str(cls.answer_value(code, score).id))
        answer._save_lines(
            cls.question("recommend"), str(cls.answer_value("recommend", recommend).id)
        )
        answer._save_lines(cls.question("channel"), str(cls.answer_value("channel", channel).id))
        answer._save_lines(cls.question("comment"), comment)
        answer._mark_done()
        return answer

    def invitation_mails(self, request):
        """Invitation and reminder mails sent to the beneficiary of ``request``."""
        token = request.sudo().satisfaction_input_id.access_token
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("recipient_ids", "in", request.partner_id.ids)])
            .filtered(lambda m: token and token in str(m.body_html))
        )


@tagged("post_install", "-at_install")
class TestSatisfaction(SatisfactionCommon):
    # ---------------------------------------------------------------- invitation
    def test_invitation_on_done(self):
        """Delivering the service invites the beneficiary once, with a personal link."""
        request = self.delivered_request()
        self.assertEqual(request.satisfaction_state, "invited")
        self.assertTrue(request.satisfaction_invite_date)
        answer = request.sudo().satisfaction_input_id
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.partner_id, request.partner_id)
        self.assertEqual(answer.support_request_id, request)
        self.assertEqual(answer.state, "new")
        mail = self.invitation_mails(request)
        self.assertEqual(len(mail), 1)
        self.assertIn(request.partner_id, mail.recipient_ids)
        self.assertIn(answer.access_token, str(mail.body_html))
        # The personal link is not posted in the chatter, where staff read (P28).
        self.flush_tracking()
        bodies = " ".join(str(b) for b in request.message_ids.mapped("body"))
        self.assertNotIn(answer.access_token, bodies)
        self.assertIn("Satisfaction survey invitation sent", bodies)

    def test_officer_delivers(self):
        """The officer who marks the service delivered needs no survey rights."""
        beneficiary = self.create_beneficiary(
            email="officer.flow@example.com", preferred_channel="sms"
        )
        request = self.create_request(beneficiary, service=self.service_direct)
        self.advance(request, "verification")
        request.action_approve()
        request.action_start_service()
        self.assertFalse(self.officer.has_group("survey.group_survey_user"))
        with patch.object(SmsSms, "_send", autospec=True):
            request.with_user(self.officer).action_done()
        self.assertEqual(request.satisfaction_state, "invited")
        token = request.sudo().satisfaction_input_id.access_token
        self.assertEqual(len(self.invitation_mails(request)), 1)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", request.partner_id.id)])
        self.assertTrue(sms.filtered(lambda s: token in s.body))

    def test_never_invited_twice(self):
        request = self.delivered_request()
        first = request.sudo().satisfaction_input_id
        self.assertFalse(request._satisfaction_invite())
        self.env["beneficiary.support.request"]._cron_satisfaction()
        inputs = (
            self.env["survey.user_input"].sudo().search([("support_request_id", "=", request.id)])
        )
        self.assertEqual(inputs, first)
        self.assertEqual(len(self.invitation_mails(request)), 1)

    def test_service_survey(self):
        """A service may point to its own survey."""
        own = self.survey.copy({"title": "استبانة رضا المتدربين"})
        service = self.create_service(
            name="Training Course",
            requires_research=False,
            requires_committee=False,
            survey_id=own.id,
        )
        request = self.delivered_request(service=service)
        self.assertEqual(request.sudo().satisfaction_input_id.survey_id, own)

    def test_invitation_by_sms(self):
        """Without email, the link goes by SMS in the beneficiary's language."""
        request = self.create_request(
            self.create_beneficiary(preferred_channel="sms"), service=self.service_direct
        )
        self.deliver(request)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", request.partner_id.id)])
        token = request.sudo().satisfaction_input_id.access_token
        self.assertTrue(sms.filtered(lambda s: token in s.body))
        self.assertEqual(request.satisfaction_state, "invited")

    def test_unreachable(self):
        request = self.create_request(self.create_beneficiary(), service=self.service_direct)
        # Registered with a mobile (P11), the beneficiary later asked to remove it.
        request.beneficiary_id.mobile = False
        self.deliver(request)
        self.assertEqual(request.satisfaction_state, "unreachable")

    # ---------------------------------------------------------------- programmes
    def test_programme_invites_after_last_session(self):
        service = self.create_service(
            name="Qualification Programme",
            requires_research=False,
            requires_committee=False,
            is_programme=True,
            session_count=2,
        )
        request = self.create_request(self.new_beneficiary(), service=service)
        self.advance(request, "verification")
        request.action_approve()
        request.action_start_service()
        request.action_record_session()
        self.assertEqual(request.sessions_attended, 1)
        self.assertEqual(request.satisfaction_state, "not_invited")
        request.action_record_session()
        self.assertEqual(request.satisfaction_state, "invited")
        with self.assertRaisesText(UserError, "already recorded"):
            request.action_record_session()
        request.action_done()
        self.assertEqual(len(self.invitation_mails(request)), 1)

    def test_programme_end_date_cron(self):
        service = self.create_service(
            name="Summer Programme",
            requires_research=False,
            requires_committee=False,
            is_programme=True,
            session_count=10,
        )
        request = self.create_request(self.new_beneficiary(), service=service)
        self.advance(request, "verification")
        request.action_approve()
        request.action_start_service()
        request.programme_end_date = self.today + timedelta(days=2)
        Request = self.env["beneficiary.support.request"]
        Request._cron_satisfaction()
        self.assertEqual(request.satisfaction_state, "not_invited")
        with freeze_time(fields.Datetime.now() + timedelta(days=3)):
            Request._cron_satisfaction()
        self.assertEqual(request.satisfaction_state, "invited")

    # ----------------------------------------------------------------- reminder
    def test_reminder_cron(self):
        """One reminder, N days after the invitation, to those who did not answer."""
        late, recent, answered = (self.delivered_request() for _i in range(3))
        self.answer(answered, (5, 5, 5, 5, 5))
        old = fields.Datetime.now() - timedelta(days=4)
        (late | answered).sudo().write({"satisfaction_invite_date": old})
        Request = self.env["beneficiary.support.request"]
        Request._cron_satisfaction()
        self.assertEqual(late.satisfaction_state, "reminded")
        self.assertTrue(late.satisfaction_reminder_date)
        self.assertEqual(recent.satisfaction_state, "invited")
        self.assertEqual(answered.satisfaction_state, "answered")
        self.assertEqual(len(self.invitation_mails(late)), 2)
        self.assertEqual(len(self.invitation_mails(recent)), 1)
        # Never a second reminder.
        with freeze_time(fields.Datetime.now() + timedelta(days=10)):
            Request._cron_satisfaction()
        self.assertEqual(len(self.invitation_mails(late)), 2)
        self.assertEqual(len(self.invitation_mails(recent)), 2)

    def test_reminder_disabled(self):
        request = self.delivered_request()
        request.sudo().satisfaction_invite_date = fields.Datetime.now() - timedelta(days=30)
        self.company.beneficiary_survey_reminder_days = 0
        self.env["beneficiary.support.request"]._cron_satisfaction()
        self.assertEqual(request.satisfaction_state, "invited")

    def test_reminder_cron_batches(self):
        requests = self.Request.browse([self.delivered_request().id for _i in range(3)])
        requests.sudo().write(
            {"satisfaction_invite_date": fields.Datetime.now() - timedelta(days=5)}
        )
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as progress:
            remaining = self.env["beneficiary.support.request"]._cron_satisfaction(batch_size=2)
        self.assertEqual(remaining, 1)
        progress.assert_called_once_with(done=2, remaining=1)
        self.env["beneficiary.support.request"]._cron_satisfaction(batch_size=2)
        self.assertEqual(set(requests.mapped("satisfaction_state")), {"reminded"})

    # ------------------------------------------------------------------- answers
    def test_score_from_answers(self):
        """The score is the mean of the rated answers, 0–100; channel and comment do not count."""
        request = self.delivered_request()
        answer = self.answer(request, (5, 4, 3, 5, 4), recommend="2", channel=3)
        self.assertEqual(answer.state, "done")
        # 100, 75, 50, 100, 75 and "yes" 100 → 500 / 6
        self.assertAlmostEqual(request.sudo().satisfaction_score, 83.3)
        self.assertEqual(request.satisfaction_state, "answered")
        self.assertTrue(request.satisfaction_answer_date)
        self.assertFalse(
            request.activity_ids.filtered(lambda a: a.activity_type_id == self.followup_type)
        )

    def test_low_score_followup(self):
        """Below the threshold, the manager gets a follow-up activity (P14)."""
        request = self.delivered_request()
        self.answer(request, (2, 1, 1, 2, 1), recommend="0")
        # 25, 0, 0, 25, 0 and "no" 0 → 50 / 6
        self.assertAlmostEqual(request.sudo().satisfaction_score, 8.3)
        activity = request.activity_ids.filtered(lambda a: a.activity_type_id == self.followup_type)
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn("8%", activity.summary)

    def test_threshold_configurable(self):
        self.company.beneficiary_satisfaction_threshold = 90.0
        request = self.delivered_request()
        self.answer(request, (5, 4, 3, 5, 4))
        self.assertTrue(
            request.activity_ids.filtered(lambda a: a.activity_type_id == self.followup_type)
        )

    def test_test_entry_ignored(self):
        request = self.delivered_request()
        test_answer = self.survey.sudo()._create_answer(
            user=self.env.user, test_entry=True, support_request_id=request.id
        )
        test_answer._mark_done()
        self.assertEqual(request.satisfaction_state, "invited")

    # -------------------------------------------------------------------- access
    def test_individual_answers_managers_only(self):
        """Officers, even survey users, never read a beneficiary's answers (P28)."""
        request = self.delivered_request()
        answer = self.answer(request, (1, 1, 1, 1, 1), recommend="0")
        self.officer.groups_id = [Command.link(self.env.ref("survey.group_survey_user").id)]
        UserInput = self.env["survey.user_input"].with_user(self.officer)
        self.assertFalse(UserInput.search([("id", "=", answer.id)]))
        with self.assertRaises(AccessError):
            UserInput.browse(answer.id).read(["partner_id"])
        Line = self.env["survey.user_input.line"].with_user(self.officer)
        self.assertFalse(Line.search([("user_input_id", "=", answer.id)]))
        with self.assertRaises(AccessError):
            request.with_user(self.officer).read(["satisfaction_score"])
        # The officer still sees the workflow state of the survey.
        self.assertEqual(
            request.with_user(self.officer).read(["satisfaction_state"])[0]["satisfaction_state"],
            "answered",
        )
        # Managers read them.
        self.assertEqual(UserInput.with_user(self.manager).search([("id", "=", answer.id)]), answer)
        self.assertEqual(
            len(Line.with_user(self.manager).search([("user_input_id", "=", answer.id)])), 8
        )
        self.assertAlmostEqual(request.with_user(self.manager).satisfaction_score, 0.0)

    def test_report_aggregates(self):
        """Staff read averages and response rates by service, not individual answers."""
        service = self.create_service(
            name="Food Basket", requires_research=False, requires_committee=False
        )
        first, second, silent = (self.delivered_request(service=service) for _i in range(3))
        self.answer(first, (5, 5, 5, 5, 5))  # 100
        self.answer(second, (3, 3, 3, 3, 3), recommend="1")  # 50
        Report = self.env["beneficiary.satisfaction.report"].with_user(self.manager)
        [[score, rate, invited, answered]] = Report._read_group(
            [("service_id", "=", service.id)],
            [],
            [
                "satisfaction_score:avg",
                "response_rate:avg",
                "invited_count:sum",
                "answered_count:sum",
            ],
        )
        self.assertAlmostEqual(score, 75.0)
        self.assertAlmostEqual(float(rate), 66.7)
        self.assertEqual((invited, answered), (3, 2))
        # Officers read the counts and rates, not an average of fewer than five answers.
        [[score, rate, answered]] = Report.with_user(self.officer)._read_group(
            [("service_id", "=", service.id)],
            [],
            ["satisfaction_score:avg", "response_rate:avg", "answered_count:sum"],
        )
        self.assertFalse(score)
        self.assertEqual((float(rate), answered), (66.7, 2))
        self.assertNotIn("officer_id", Report._fields)
        with self.assertRaises(AccessError):
            Report.with_user(self.portal_user).search([])
