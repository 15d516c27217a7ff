from datetime import timedelta

from werkzeug.datastructures import MultiDict

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.beneficiary_retention_rule import DEFAULT_RULES
from ..models.beneficiary_workflow_fields import trusted_write
from .common import BeneficiaryCommon
from .common_portal import PortalCommon


def make_policy(env, company, version):
    return env["beneficiary.policy"].create(
        {
            "version": version,
            "company_id": company.id,
            "board_meeting_number": "12",
            "approval_date": fields.Date.today(),
            "chair_name": "د. هند العتيبي",
            "body": "<p>نص السياسة %s</p>" % version,
        }
    )


@tagged("post_install", "-at_install", "pdpl")
class TestPrivacyNotice(BeneficiaryCommon):
    """The versioned privacy notice: approved with the policy, one in force, recorded
    with each consent; retention periods by default, off only by a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "beneficiary_dpo_name": "مسؤول حماية البيانات",
                "beneficiary_dpo_email": "dpo@example.org",
            }
        )
        cls.Notice = cls.env["beneficiary.privacy.notice"]
        cls.Rule = cls.env["beneficiary.retention.rule"]

    def draft_notice(self, version, policy=None):
        return self.Notice.with_user(self.manager).create(
            {"version": version, "company_id": self.company.id, "policy_id": policy and policy.id}
        )

    def test_approved_with_the_policy_one_in_force(self):
        policy = make_policy(self.env, self.company, "N-1")
        notice = self.draft_notice("P-1", policy)
        # The notice lists every retention period of the association.
        self.assertEqual(set(notice.line_ids.filtered("kind").mapped("kind")), set(DEFAULT_RULES))
        with self.assertRaisesText(UserError, "approve the policy first"):
            notice.with_user(self.manager).action_approve()
        with self.assertRaises(AccessError):
            notice.with_user(self.officer).action_approve()
        policy.with_user(self.manager).action_approve()
        self.assertEqual(notice.state, "in_force")
        self.assertEqual(notice.approved_by_id, self.manager)
        self.assertEqual(self.Notice._get_in_force(self.company), notice)
        with self.assertRaisesText(UserError, "read-only"):
            notice.with_user(self.manager).write({"purposes": "<p>غرض آخر</p>"})
        with self.assertRaises(UserError):
            notice.line_ids[0].with_user(self.manager).write({"months": 1})
        second = self.draft_notice("P-2", policy)
        second.with_user(self.manager).action_approve()
        self.assertEqual(notice.state, "superseded")
        self.assertEqual(self.Notice._get_in_force(self.company), second)
        self.assertEqual(
            self.Notice.search_count(
                [("company_id", "=", self.company.id), ("state", "=", "in_force")]
            ),
            1,
        )
        with self.assertRaises(AccessError):
            second.with_user(self.manager).write({"state": "draft"})

    def test_abandoned_applications_period_listed(self):
        """The period after which an unfinished application is anonymised (a company
        setting in days) is one of the notice's retention lines, as it is applied."""
        self.company.beneficiary_draft_anonymise_days = 45
        policy = make_policy(self.env, self.company, "N-3")
        notice = self.draft_notice("P-4", policy)

        def abandoned_line():
            line = notice.line_ids.filtered(lambda line: not line.kind)
            self.assertEqual(len(line), 1)
            return line

        line = abandoned_line()
        self.assertIn("unfinished", line.name)
        self.assertEqual(line.days, 45)
        self.assertEqual(line._period_label(), "45 days")
        self.assertIn("anonymised", line.action_description)
        # "Never" is said as such.
        self.company.beneficiary_draft_anonymise_days = 0
        notice.with_user(self.manager).action_load_retention()
        self.assertEqual(abandoned_line()._period_label(), "No limit set")
        # The period in force when the notice is approved is the one it shows.
        self.company.beneficiary_draft_anonymise_days = 60
        policy.with_user(self.manager).action_approve()
        self.assertEqual(notice.state, "in_force")
        self.assertEqual(abandoned_line().days, 60)
        self.company.beneficiary_draft_anonymise_days = 30
        self.assertEqual(abandoned_line().days, 60, "a notice in force does not change")

    def test_dpo_contact_needed(self):
        self.company_b.beneficiary_dpo_name = False
        policy = make_policy(self.env, self.company_b, "B-1")
        policy.action_approve()
        notice = self.Notice.create(
            {"version": "B", "company_id": self.company_b.id, "policy_id": policy.id}
        )
        with self.assertRaisesText(UserError, "data protection officer"):
            notice.action_approve()

    def test_consent_records_the_notice_version(self):
        policy = make_policy(self.env, self.company, "N-2")
        notice = self.draft_notice("P-3", policy)
        policy.with_user(self.manager).action_approve()
        beneficiary = self.create_beneficiary(user=self.officer)
        consents = beneficiary.declaration_ids
        self.assertTrue(consents)
        self.assertEqual(consents.privacy_notice_id, notice)
        self.assertEqual(consents[0].privacy_notice_version, "P-3")
        wizard = (
            self.env["beneficiary.beneficiary.sign"]
            .with_user(self.officer)
            .with_context(default_beneficiary_id=beneficiary.id)
            .new({})
        )
        self.assertEqual(wizard.privacy_notice_version, "P-3")
        self.assertIn("dpo@example.org", wizard.privacy_notice_html)
        # Neither the client nor staff choose the version recorded.
        with self.assertRaises(AccessError):
            consents[0].with_user(self.manager).write({"privacy_notice_id": False})

    # -------------------------------------------------------------- retention
    def test_defaults_on_every_association(self):
        company = self.env["res.company"].create({"name": "جمعية جديدة"})
        rules = self.Rule.search([("company_id", "=", company.id)])
        self.assertEqual({r.kind: r.months for r in rules}, DEFAULT_RULES)
        self.assertTrue(all(rules.mapped("enabled")))
        self.assertEqual(company.beneficiary_anonymise_years, DEFAULT_RULES["closed_file"] // 12)
        with self.assertRaises(AccessError):
            self.Rule.with_user(self.manager).create(
                {"company_id": company.id, "kind": "access_log", "months": 1}
            )

    def test_turned_off_only_by_a_manager_with_reason_recorded(self):
        rule = self.Rule.search([("company_id", "=", self.company.id), ("kind", "=", "access_log")])
        with self.assertRaises(AccessError):
            rule.with_user(self.officer).write({"enabled": False, "disabled_reason": "x"})
        with self.assertRaises(ValidationError):
            rule.with_user(self.manager).write({"enabled": False})
        rule.with_user(self.manager).write({"enabled": False, "disabled_reason": "تدقيق خارجي"})
        self.flush_tracking()
        message = rule.message_ids[0]
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertTrue(message.tracking_value_ids)
        # The association settings' "never" is the same explicit choice.
        self.company.with_user(self.manager).beneficiary_anonymise_years = 0
        closed = self.Rule._get_rule(self.company, "closed_file")
        self.assertFalse(closed)

    def test_jobs_apply_the_periods(self):
        file = self.create_beneficiary()
        Log = self.env["beneficiary.sensitive.access.log"].sudo()
        old_entry, new_entry = Log.create(
            [
                {
                    "date": fields.Datetime.now() - timedelta(days=800),
                    "user_id": self.researcher.id,
                    "beneficiary_id": file.id,
                    "company_id": self.company.id,
                    "kind": "viewed",
                    "channel": "file",
                },
                {
                    "user_id": self.researcher.id,
                    "beneficiary_id": file.id,
                    "company_id": self.company.id,
                    "kind": "viewed",
                    "channel": "file",
                },
            ]
        )
        suggestion = self.env["beneficiary.suggestion"].create(
            {
                "name": "شكوى عن الموعد",
                "description": "اسمي محمد وجوالي 0551234567",
                "kind": "complaint",
                "partner_id": self.env["res.partner"]
                .create({"name": "زائر", "mobile": "0551234567"})
                .id,
            }
        )
        dsr = self.env["beneficiary.data.subject.request"].create(
            {"kind": "access", "requester_name": "محمد", "requester_mobile": "0551234567"}
        )
        with trusted_write():
            suggestion.write(
                {"state": "answered", "answer_date": fields.Datetime.now() - timedelta(days=1200)}
            )
            dsr.write(
                {
                    "state": "refused",
                    "refusal_reason": "x",
                    "answered_on": fields.Datetime.now() - timedelta(days=1200),
                }
            )
        remaining = self.Rule._cron_apply_retention()
        self.assertEqual(remaining, 0)
        self.assertFalse(old_entry.exists())
        self.assertTrue(new_entry.exists())
        self.assertTrue(suggestion.retention_erased_on)
        self.assertNotIn("0551234567", suggestion.description)
        self.assertFalse(suggestion.partner_id.mobile)
        self.assertTrue(dsr.identity_erased)
        self.assertFalse(dsr.requester_mobile)
        self.assertNotEqual(dsr.requester_name, "محمد")


@tagged("post_install", "-at_install", "pdpl")
class TestPrivacyNoticePages(PortalCommon):
    """The notice is public at /privacy and shown before consent online."""

    def test_privacy_page_and_apply_form(self):
        self.company.write(
            {"beneficiary_dpo_name": "أ. ليلى", "beneficiary_dpo_email": "dpo@example.org"}
        )
        with trusted_write():  # the demo association's notice in force aside
            self.env["beneficiary.privacy.notice"].search(
                [("company_id", "=", self.company.id), ("state", "=", "in_force")]
            ).write({"state": "superseded"})
        response = self.url_open("/privacy/%s" % self.company.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("has not published", response.text)
        policy = make_policy(self.env, self.company, "W-1")
        notice = self.env["beneficiary.privacy.notice"].create(
            {"version": "7.2", "company_id": self.company.id, "policy_id": policy.id}
        )
        policy.action_approve()
        self.assertEqual(notice.state, "in_force")
        response = self.url_open("/privacy/%s" % self.company.id)
        self.assertIn("7.2", response.text)
        self.assertIn("dpo@example.org", response.text)
        self.assertIn("Applications left unfinished", response.text)
        self.assertIn("90 days", response.text)
        self.assertRegex(response.text, r"<title>[^<]*Privacy notice")
        self.assertIn('lang="', response.text)
        self.assertEqual(self.url_open("/privacy/999999").status_code, 404)
        service = self.env["beneficiary.service"].create(
            {"name": "خدمة إلكترونية", "company_id": self.company.id, "portal_published": True}
        )
        form = self.url_open("/beneficiary/apply/%s" % service.id)
        self.assertEqual(form.status_code, 200)
        self.assertIn('id="apply_privacy_notice"', form.text)
        self.assertIn('name="privacy_notice_version" value="7.2"', form.text)
        # A notice put in force after the form was shown is shown again before consent.
        Request = self.env["beneficiary.support.request"]
        for shown, refused in (("7.1", True), ("7.2", False)):
            post = MultiDict(
                {"accept_consent": "1", "accept_declaration": "1", "privacy_notice_version": shown}
            )
            __, errors = Request._portal_apply_check(service, post, {})
            self.assertEqual(
                "privacy notice has just changed" in (errors.get("accept_consent") or ""), refused
            )
