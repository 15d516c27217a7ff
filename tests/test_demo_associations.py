import re

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, tagged

from ..tools.demo_associations import ASSOCIATIONS, DISCREET, ONLINE, PRIVACY

XMLID = "beneficiary_relations.%s"
LETTER = "beneficiary_relations.action_report_decision_letter"


@tagged("post_install", "-at_install", "beneficiary_demo")
class TestDemoAssociations(TransactionCase):
    """Issue 18: each of the five demo associations walks its main flow on its own demo
    data, as its own users (intake → eligibility with reasons → research → committee →
    decision letter → service → survey), so that the demo data cannot rot."""

    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("ar_001")

    # ------------------------------------------------------------------ helpers
    def association(self, code):
        data = ASSOCIATIONS[code]
        company = self.env.ref(
            data["company"] if "." in data["company"] else XMLID % data["company"]
        )
        users = self.env["res.company"]._beneficiary_demo_users(code)
        service = self.env.ref(XMLID % data["service"])
        return company, users, service

    def as_user(self, records, user):
        return records.with_user(user).with_context(lang="ar_001")

    def check_setup(self, code, company, users, service):
        """The association as a newcomer finds it: logo, policy, committee, demo states."""
        self.assertTrue(company.logo, "%s has no logo on its letters" % code)
        self.assertEqual(service.company_id, company)
        committee = service.committee_id
        self.assertEqual(committee.company_id, company)
        self.assertIn(users["committee"], committee.member_ids)
        policies = self.env["beneficiary.policy"].search([("company_id", "=", company.id)])
        self.assertTrue(policies, "%s has no policy version" % code)
        if code != "tuwaiq":
            # The staff toolkit its seed lists (P3), with real files.
            self.assertEqual(len(policies.document_ids), 4, code)
            self.assertTrue(all(policies.document_ids.mapped("file")))
        for role, user in users.items():
            self.assertIn(company, user.company_ids, "%s %s" % (code, role))
        requests = self.env["beneficiary.support.request"].search([("service_id", "=", service.id)])
        states = set(requests.mapped("state"))
        for state in ("draft", "submitted", "verification", "research", "rejected", "done"):
            self.assertIn(state, states, "%s: no demo request in state %s" % (code, state))
        meetings = self.env["beneficiary.committee.meeting"].search(
            [("committee_id", "=", committee.id), ("state", "=", "closed")]
        )
        self.assertTrue(meetings.minutes_attachment_id, "%s: no closed minutes" % code)
        served = requests.filtered(lambda r: r.state == "done")
        self.assertEqual(served.satisfaction_state, "answered")
        rejected = requests.filtered(lambda r: r.state == "rejected")
        self.assertFalse(rejected.eligibility_ok)
        self.assertTrue(rejected.eligibility_reasons, "%s: rejection without reasons" % code)
        self.assertTrue(rejected.appeal_ids, "%s: the rejection was not appealed" % code)

    def check_privacy(self, code, company, users):
        """Personal data as a newcomer finds it: the data protection officer's contact, a
        privacy notice (in force with the approved policy, else prepared with the policy
        being approved), a data-subject request on its clock."""
        self.assertTrue(company.beneficiary_dpo_name, code)
        self.assertTrue(company.beneficiary_dpo_email, code)
        notices = self.env["beneficiary.privacy.notice"].search([("company_id", "=", company.id)])
        self.assertEqual(len(notices), 1, code)
        approved = self.env["beneficiary.policy"].search(
            [("company_id", "=", company.id), ("state", "=", "approved")]
        )
        if approved:
            self.assertEqual(notices.state, "in_force", code)
            self.assertEqual(notices.policy_id, approved, code)
            self.assertEqual(notices.approved_by_id, users["manager"], code)
            self.assertEqual(notices._get_in_force(company), notices)
        else:
            self.assertEqual(notices.state, "draft", code)
            self.assertEqual(notices.policy_id.state, "draft", code)
        self.assertTrue(notices.line_ids.filtered(lambda line: not line.kind), code)
        requests = self.env["beneficiary.data.subject.request"].search(
            [("company_id", "=", company.id)]
        )
        # One answered by the officer; one on its 30-day clock.
        answered = requests.filtered(lambda r: r.state == "answered")
        self.assertEqual(len(answered), 1, code)
        self.assertEqual(answered.answered_by_id, users["officer"], code)
        requests -= answered
        self.assertEqual(len(requests), 1, code)
        self.assertEqual(requests.state, PRIVACY[code]["data_request"][2], code)
        self.assertFalse(requests.is_overdue)
        self.assertNotEqual(requests.name, "/", "%s: the request has its number" % code)
        if requests.state != "received":
            self.assertEqual(requests.identity_verified_by_id, users["officer"], code)
        self.assertEqual(
            company.beneficiary_discreet_messages, code in DISCREET, "%s: discreet messages" % code
        )

    def check_online(self, code, company, service):
        """The online application was made the way the portal makes it: by the applicant's
        portal account, signed in, through the application page's server methods."""
        website = self.env.ref(XMLID % "utm_medium_website")
        self.assertTrue(service.portal_published, "%s: service not open online" % code)
        requests = self.env["beneficiary.support.request"].search(
            [("service_id", "=", service.id), ("channel_id", "=", website.id)]
        )
        self.assertEqual(len(requests), 1, "%s: one online application" % code)
        login, description = ONLINE[code]
        beneficiary = requests.beneficiary_id
        user = beneficiary.partner_id.user_ids
        self.assertEqual(user.login, login, code)
        self.assertTrue(user._is_portal(), code)
        self.assertEqual(user.company_ids, company, code)
        # The request: made by the applicant's account, numbered, submitted, as typed.
        self.assertEqual(requests.create_uid, user, "%s: not made by the applicant" % code)
        self.assertEqual(requests.state, "submitted", code)
        self.assertTrue(requests.submit_date, code)
        self.assertNotEqual(requests.ref, "/", "%s: the request has its number" % code)
        self.assertEqual(requests.description, description, code)
        # What was typed, from where, is noted in the chatter (an online application).
        notes = requests.message_ids.mapped("body")
        self.assertTrue(any("203.0.113." in (body or "") for body in notes), code)
        # The acknowledgement sent to the applicant reads Arabic, as on a running server.
        self.assertFalse([body for body in notes if "Dear " in (body or "")], code)
        # The officer is asked to check the data and the documents.
        self.assertTrue(requests.activity_ids, "%s: no check asked of the officer" % code)
        # Declaration (P9) and consent (P12) signed online by the applicant, with evidence.
        signed = beneficiary.declaration_ids.filtered(lambda d: d.channel_id == website)
        self.assertEqual(sorted(signed.mapped("kind")), ["consent", "declaration"], code)
        self.assertEqual(signed.recorded_by_id, user, code)
        self.assertEqual(set(signed.mapped("signer_name")), {beneficiary.name}, code)
        self.assertTrue(all(signed.mapped("ip_address")), code)
        self.assertTrue(all(signed.mapped("user_agent")), code)
        # The documents the page asks for, uploaded by the applicant, waiting to be checked.
        uploaded = beneficiary.document_ids.filtered(lambda d: d.create_uid == user)
        self.assertEqual(
            uploaded.document_type_id,
            service._portal_document_types(service._portal_categories()),
            code,
        )
        self.assertEqual(set(uploaded.mapped("state")), {"pending"}, code)
        self.assertTrue(all(uploaded.mapped("file")), code)

    def walk(self, code):
        company, users, service = self.association(code)
        self.check_setup(code, company, users, service)
        self.check_privacy(code, company, users)
        self.check_online(code, company, service)
        Request = self.env["beneficiary.support.request"]
        # Intake: the application taken at the counter, still a draft, submitted by the officer.
        draft = Request.search([("service_id", "=", service.id), ("state", "=", "draft")])
        self.assertEqual(len(draft), 1)
        request = self.as_user(draft, users["officer"])
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        # Eligibility: every criterion of the service checked, with its reason.
        self.assertTrue(request.eligibility_line_ids)
        self.assertTrue(request.eligibility_ok, request.eligibility_reasons)
        request.write({"data_checked": True})
        request.action_verify()
        request.action_send_to_research()
        self.assertEqual(request.state, "research")
        self.assertEqual(request.researcher_id, users["researcher"])
        # Research by the association's researcher, who sends it to the committee.
        researched = self.as_user(draft, users["researcher"])
        researched.write({"research_report": "<p>زيارة منزلية: الحاجة قائمة.</p>"})
        researched.action_send_to_committee()
        self.assertEqual(request.state, "committee")
        # Committee: the manager (secretary) prepares the meeting, the members vote.
        committee = service.committee_id
        meeting = (
            self.env["beneficiary.committee.meeting"]
            .with_user(users["manager"])
            .create(
                {
                    "committee_id": committee.id,
                    "location": "قاعة الاجتماعات",
                    "attendee_ids": [Command.set(committee.member_ids.ids)],
                }
            )
        )
        meeting.action_load_agenda()
        self.assertEqual(meeting.decision_ids.request_id, draft)
        meeting.action_convene()
        meeting.decision_ids.write({"proposal": "approve", "reasons": "تنطبق الشروط."})
        for member in committee.member_ids:
            meeting.decision_ids.with_user(member).action_vote_for()
        meeting.action_close()
        self.assertEqual(meeting.state, "closed")
        self.assertTrue(meeting.minutes_attachment_id)
        self.assertEqual(request.state, "approved")
        # The decision letter carries the association's name and logo.
        html = (
            self.env["ir.actions.report"]
            .with_user(users["officer"])
            .with_context(lang="ar_001")
            ._render_qweb_html(LETTER, draft.ids)[0]
            .decode()
        )
        self.assertIn(company.name, html)
        self.assertIn(draft.beneficiary_id.name, html)
        self.assertIn("br_logo", html)
        # Service delivered by the officer; the beneficiary is invited to the survey.
        request.action_start_service()
        request.action_done()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.satisfaction_state, "invited")
        answer = draft.sudo().satisfaction_input_id
        question = self.env.ref(XMLID % "survey_beneficiary_satisfaction_q_overall")
        self.env["survey.user_input.line"].create(
            {
                "user_input_id": answer.id,
                "question_id": question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": self.env.ref(
                    XMLID % "survey_beneficiary_satisfaction_q_overall_5"
                ).id,
            }
        )
        answer._mark_done()
        self.assertEqual(request.satisfaction_state, "answered")
        self.assertEqual(request.satisfaction_score, 100)

    # ------------------------------------------------------------------ tests
    def test_banan(self):
        self.walk("banan")
        policy = self.env.ref(XMLID % "beneficiary_policy_v1_demo")
        self.assertEqual(str(policy.approval_date), "2024-12-29")
        self.assertEqual(policy.chair_name, "د. رويدة بنت مساعد الصفيان")

    def test_meras(self):
        self.walk("meras")

    def test_tuwaiq(self):
        self.walk("tuwaiq")
        company, _users, _service = self.association("tuwaiq")
        mous = self.env["beneficiary.mou"].search([("company_id", "=", company.id)])
        self.assertEqual(mous.state, "active")
        self.assertIn("accepted", mous.report_ids.mapped("state"))
        states = (
            self.env["beneficiary.partner.request"]
            .search([("company_id", "=", company.id)])
            .mapped("state")
        )
        self.assertIn("study", states)
        self.assertIn("declined", states)
        # Its policy (7-1) makes workers read the anti-money-laundering regulations too.
        self.assertTrue(company.beneficiary_policy_aml_reading)

    def test_aoun(self):
        self.walk("aoun")
        company, _users, _service = self.association("aoun")
        policy = self.env.ref(XMLID % "beneficiary_policy_aoun_demo")
        self.assertEqual(policy.board_meeting_number, "الرابع")
        self.assertEqual(policy.board_session, "لعام 2024م")
        self.assertFalse(policy.board_decision_number, "the seed gives no decision number")
        self.assertTrue(
            self.env["beneficiary.data.breach"].search([("company_id", "=", company.id)])
        )
        self.assertEqual(company.beneficiary_discreet_sender, DISCREET["aoun"])
        # Its messages to beneficiaries go out under the neutral sender name.
        self.assertEqual(company._beneficiary_discreet_sender(), "خدمة المواعيد")

    def test_manarat(self):
        self.walk("manarat")
        policy = self.env.ref(XMLID % "beneficiary_policy_manarat_demo")
        self.assertEqual(policy.state, "approved")
        self.assertEqual(policy.board_decision_number, "3-23/م")
        self.assertFalse(policy.board_meeting_number, "the seed names no meeting")
        self.assertEqual(str(policy.approval_date), "2023-02-21")
        # Approving asked every employee to acknowledge it: still pending (P26).
        self.assertGreater(policy.pending_count, 0)

    def test_one_user_two_associations(self):
        """The Meras researcher also works for Aoun: she switches between the two."""
        user = self.env.ref(XMLID % "user_meras_researcher_demo")
        self.assertEqual(
            user.company_ids,
            self.env.ref(XMLID % "company_meras_demo") | self.env.ref(XMLID % "company_aoun_demo"),
        )


@tagged("post_install", "-at_install", "beneficiary_demo")
class TestDemoFirstScreens(HttpCase):
    """What a newcomer sees first looks finished (issue 18)."""

    def test_portal_home_card_icons(self):
        """The demo beneficiary's /my cards show their pictograms at 48 px, and every
        pictogram exists (none of another app's missing files)."""
        self.authenticate("beneficiary", "beneficiary")
        html = self.url_open("/my").text
        icons = re.findall(r'<div class="o_portal_icon flex-shrink-0">\s*<img ([^>]*)>', html)
        self.assertGreaterEqual(len(icons), 3, "no card pictogram shown on /my")
        for attributes in icons:
            self.assertIn('width="48"', attributes)
            self.assertIn('height="48"', attributes)
            src = re.search(r'src="([^"]+)"', attributes).group(1)
            self.assertEqual(self.url_open(src).status_code, 200, src)
        self.assertIn("/beneficiary_relations/static/img/portal/requests.svg", html)

    def test_online_applicants_follow_their_request(self):
        """Each association's online applicant logs in (password = login) and finds the
        request they sent on /my/requests."""
        website = self.env.ref(XMLID % "utm_medium_website")
        for code, (login, _description) in ONLINE.items():
            user = self.env["res.users"].search([("login", "=", login)])
            request = self.env["beneficiary.support.request"].search(
                [("create_uid", "=", user.id), ("channel_id", "=", website.id)]
            )
            self.assertEqual(len(request), 1, code)
            self.authenticate(login, login)
            page = self.url_open("/my/requests")
            self.assertEqual(page.status_code, 200, code)
            self.assertIn(request.ref, page.text, code)

    def test_requests_menu_opens_on_open_requests(self):
        action = self.env.ref("beneficiary_relations.beneficiary_support_request_action")
        self.assertIn("search_default_open", action.context)

    def test_every_association_has_its_logo(self):
        companies = self.env["res.company"].search([])
        self.assertGreaterEqual(len(companies), 5)
        self.assertTrue(all(companies.mapped("logo")))
