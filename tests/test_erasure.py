import base64
import re
from unittest.mock import patch

from odoo import Command
from odoo.addons.beneficiary_relations.models.beneficiary_workflow_fields import trusted_write
from odoo.addons.beneficiary_relations.tools import saudi
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.sms.models.sms_sms import SmsSms
from odoo.tests import tagged
from odoo.tools import SQL

from .common import GROUP_COMMITTEE
from .common_apply import PDF, PortalApplyCommon

FIRST, FATHER, GRANDFATHER, FAMILY = "رتيل", "مشعل", "زبن", "الهزاني"
FULL_NAME = " ".join((FIRST, FATHER, GRANDFATHER, FAMILY))
EMAIL = "ratil.hz@example.com"
MOBILE_LOCAL = "0557771234"
MOBILE_INTL = "+966557771234"
MOBILE_SPACED = "+966 55 777 1234"  # as the file stores it
NATIONAL_ID = saudi.national_id_check_digit("108642975")
NEEDLES = (FULL_NAME, "%s %s" % (FIRST, FAMILY), NATIONAL_ID, MOBILE_LOCAL, MOBILE_INTL)
NEEDLES += (MOBILE_SPACED, EMAIL)
SURVEY = "beneficiary_relations.survey_beneficiary_satisfaction"
SUGGESTION_LIMIT = "beneficiary_relations.suggestion_limit_per_hour"
# Columns that legitimately hold what the needles match. None: every column is searched.
EXCLUDED_COLUMNS = set()


@tagged("post_install", "-at_install", "beneficiary_erasure")
class TestErasureLeavesNothing(PortalApplyCommon):
    """PDPL erasure (issue 16): once a file is anonymised, no column of the database, no
    attachment's index and no text attachment holds the person's name, ID number, mobile
    (05… and +9665…) or email."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(SUGGESTION_LIMIT, 0)
        members = cls.env["res.users"]
        for index in range(1, 4):
            members |= mail_new_test_user(
                cls.env,
                login="br_erase_member%s" % index,
                groups=GROUP_COMMITTEE,
                name="عضو لجنة المحو %s" % index,
                email="br_erase_member%s@example.com" % index,
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
        cls.members = members
        cls.committee = cls.env["beneficiary.committee"].create(
            {
                "name": "لجنة الدراسة",
                "code": "ER",
                "company_id": cls.company.id,
                "member_ids": [Command.set(members.ids)],
                "chair_id": members[0].id,
                "secretary_id": cls.officer.id,
                "quorum": 2,
            }
        )
        cls.researcher = mail_new_test_user(
            cls.env,
            login="br_erase_researcher",
            groups="beneficiary_relations.group_beneficiary_researcher",
            name="الباحثة الاجتماعية",
            email="br_erase_researcher@example.com",
        )
        cls.service.write(
            {
                "requires_research": True,
                "requires_committee": True,
                "committee_id": cls.committee.id,
            }
        )
        cls.referral_association = cls.env["res.partner"].create(
            {"name": "جمعية الإحالة", "is_referral_association": True, "is_company": True}
        )

    # ------------------------------------------------------------------ search
    def hits(self, first_attachment_id):
        """``(table, column, needle)`` for every text column holding a needle, and
        ``(attachment, name, needle)`` for every attachment's content holding one."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """SELECT c.table_name, c.column_name
                 FROM information_schema.columns c
                 JOIN information_schema.tables t
                   ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('text', 'character varying', 'jsonb', 'character')"""
        )
        patterns = ["%%%s%%" % needle for needle in NEEDLES]
        found = []
        for table, column in cr.fetchall():
            if (table, column) in EXCLUDED_COLUMNS:
                continue
            cr.execute(
                SQL(
                    "SELECT %s::text FROM %s WHERE %s::text ILIKE ANY(%s)",
                    SQL.identifier(column),
                    SQL.identifier(table),
                    SQL.identifier(column),
                    patterns,
                )
            )
            for (value,) in cr.fetchall():
                found += [(table, column, n) for n in NEEDLES if n.lower() in value.lower()]
        # The content of every file stored since the test began (reports render as HTML
        # in tests, so the letters and minutes are searched too), whatever its type.
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", ">=", first_attachment_id)])
        )
        for attachment in attachments:
            content = (attachment.raw or b"").decode("utf-8", "ignore")
            found += [
                ("ir_attachment", attachment.name, n)
                for n in NEEDLES
                if n.lower() in content.lower()
            ]
        return sorted(set(found))

    # ------------------------------------------------------------------ history
    def apply_online(self):
        form = self.open_form(lang="ar")
        data = self.form_data(
            form,
            first_name=FIRST,
            father_name=FATHER,
            grandfather_name=GRANDFATHER,
            family_name=FAMILY,
            national_id=NATIONAL_ID,
            mobile=MOBILE_LOCAL,
            email=EMAIL,
            description="أنا %s، جوالي %s" % (FULL_NAME, MOBILE_LOCAL),
        )
        response = self.submit(form, data, self.files(), lang="ar")
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        file = self.Beneficiary.search([("national_id", "=", NATIONAL_ID)])
        self.assertEqual(len(file), 1)
        return file

    def complain_online(self):
        page = self.url_open("/suggestions")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/suggestions",
            data={
                "contact_name": FULL_NAME,
                "email": EMAIL,
                "phone": MOBILE_LOCAL,
                "kind": "complaint",
                "name": "تأخر الرد على طلبي",
                "description": "رقم هويتي %s ولم يصلني رد" % NATIONAL_ID,
                "csrf_token": csrf,
            },
        )
        self.assertEqual(response.status_code, 200)

    def through_committee(self, request):
        request.write({"data_checked": True})
        request.beneficiary_id.document_ids.sudo().write({"state": "verified"})
        request.action_verify()
        request.write({"researcher_id": self.researcher.id})
        request.action_send_to_research()
        request.write(
            {
                "research_report": "<p>زارت الباحثة %s في منزلها، هويتها %s، جوالها %s</p>"
                % (FULL_NAME, NATIONAL_ID, MOBILE_SPACED)
            }
        )
        request.action_send_to_committee()
        meeting = (
            self.env["beneficiary.committee.meeting"]
            .with_user(self.officer)
            .create(
                {
                    "committee_id": self.committee.id,
                    "location": "قاعة الاجتماعات",
                    "attendee_ids": [Command.set(self.members.ids)],
                }
            )
        )
        meeting.action_load_agenda()
        meeting.action_convene()
        meeting.write(
            {"minutes": "<p>ناقشت اللجنة طلب %s (جوال %s)</p>" % (FULL_NAME, MOBILE_INTL)}
        )
        decision = meeting.decision_ids.filtered(lambda d: d.request_id == request)
        decision.with_user(self.officer).write(
            {"proposal": "reject", "reasons": "دخل %s يتجاوز الحد" % FULL_NAME}
        )
        for member in self.members:
            decision.with_user(member).action_vote_for()
        with patch.object(SmsSms, "_send", autospec=True):
            meeting.action_close()
        self.assertEqual(request.state, "rejected")
        return meeting

    def build_history(self):
        file = self.apply_online()
        request = self.Request.search([("beneficiary_id", "=", file.id)])
        self.assertEqual(len(request), 1)
        file.message_post(body="اتصلت %s من %s" % (FULL_NAME, MOBILE_INTL))
        # A guardian (another person, who keeps their contact) and a read of the
        # confidential file by the assigned researcher (the access log names the file).
        self.guardian = self.env["res.partner"].create(
            {"name": "ولي الأمر مشعل", "email": "guardian.hz@example.com"}
        )
        with trusted_write():
            file.sudo().write(
                {
                    "guardian_partner_id": self.guardian.id,
                    "guardian_relation": "father",
                    "guardian_proof_file": base64.b64encode(PDF),
                    "guardian_proof_file_name": "proof.pdf",
                    "researcher_id": self.researcher.id,
                    "health_condition": "تتابع العلاج في المستشفى",
                }
            )
        file.with_user(self.researcher).read(["health_condition"])
        self.assertTrue(
            self.env["beneficiary.sensitive.access.log"].search([("beneficiary_id", "=", file.id)])
        )
        request.message_post(
            body="المتقدمة %s تطلب التواصل على %s أو %s" % (FULL_NAME, MOBILE_LOCAL, EMAIL),
            subtype_xmlid="mail.mt_note",
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "استفسار %s" % FULL_NAME,
                "contact_name": FULL_NAME,
                "email_from": EMAIL,
                "phone": MOBILE_INTL,
                "beneficiary_national_id": NATIONAL_ID,
                "description": "<p>اتصلت %s تسأل عن الرعاية المنزلية</p>" % FULL_NAME,
            }
        )
        lead.message_post(body="ردّ على %s على الرقم %s" % (FULL_NAME, MOBILE_LOCAL))
        request.sudo().lead_id = lead
        meeting = self.through_committee(request)
        # The decision letter printed and kept with the request.
        letter = self.env.ref("beneficiary_relations.action_report_decision_letter")
        content, _type = letter._render_qweb_pdf(letter.report_name, res_ids=request.ids)
        self.env["ir.attachment"].create(
            {
                "name": "خطاب %s.pdf" % FULL_NAME,
                "raw": content,
                "res_model": request._name,
                "res_id": request.id,
            }
        )
        # The satisfaction survey answered with a comment naming the person.
        with patch.object(SmsSms, "_send", autospec=True):
            request.sudo()._satisfaction_invite()
        answer = request.sudo().satisfaction_input_id
        self.assertTrue(answer)
        answer._save_lines(
            self.env.ref("%s_q_comment" % SURVEY), "شكراً، %s %s" % (FULL_NAME, MOBILE_LOCAL)
        )
        answer._mark_done()
        # A second request, referred elsewhere, with the officer's notes.
        second = self.Request.create(
            {
                "beneficiary_id": file.id,
                "service_id": self.service_hidden.id,
                "description": "طلب %s عبر الهاتف %s" % (FULL_NAME, MOBILE_LOCAL),
                "delivery_note": "سُلّم إلى %s" % FULL_NAME,
            }
        )
        action = second.action_refer()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create(
                {
                    "partner_id": self.referral_association.id,
                    "note": "نحيل إليكم %s، هوية %s" % (FULL_NAME, NATIONAL_ID),
                }
            )
        )
        with patch.object(SmsSms, "_send", autospec=True):
            wizard.action_confirm()
        self.complain_online()
        # Mail and SMS still in the queue.
        self.env["mail.mail"].create(
            {
                "email_to": EMAIL,
                "subject": "إلى %s" % FULL_NAME,
                "body_html": "<p>عزيزتي %s</p>" % FULL_NAME,
            }
        )
        request._message_sms(
            "عزيزتي %s" % FULL_NAME, partner_ids=file.partner_id.ids, put_in_queue=True
        )
        return file, request, meeting

    # ------------------------------------------------------------------ test
    def test_anonymised_file_leaves_nothing(self):
        self.env.cr.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM ir_attachment")
        first_attachment_id = self.env.cr.fetchone()[0]
        file, request, meeting = self.build_history()
        before = self.hits(first_attachment_id)
        tables = {table for table, _column, _needle in before}
        # The search sees the copies the issue lists (the test proves something).
        for table in (
            "mail_message",
            "mail_tracking_value",
            "beneficiary_support_request",
            "beneficiary_committee_meeting",
            "crm_lead",
            "beneficiary_suggestion",
            "mail_mail",
            "sms_sms",
            "survey_user_input_line",
            "res_partner",
            "res_users",
            "ir_attachment",
        ):
            self.assertIn(table, tables)

        with trusted_write():
            file.sudo()._apply_transition("close", "طلب الإتلاف")
        action = file.with_user(self.officer).action_anonymise()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer)
            .with_context(**action["context"])
            .create({"reason": "طلبت المستفيدة إتلاف بياناتها"})
        )
        wizard.action_confirm()

        self.assertEqual(self.hits(first_attachment_id), [])
        # The guardian's link goes, the guardian's own contact stays.
        self.assertFalse(file.guardian_partner_id)
        self.assertEqual(self.guardian.name, "ولي الأمر مشعل")
        self.assertTrue(self.guardian.active)
        # The portal account cannot sign in with the person's email any more.
        self.assertFalse(
            self.env["res.users"].with_context(active_test=False).search([("login", "=", EMAIL)])
        )
        # What the statistics and the association's accounts need stays.
        self.assertEqual(request.state, "rejected")
        self.assertTrue(request.rejection_reason)
        self.assertEqual(meeting.state, "closed")
        self.assertIn("ناقشت اللجنة", meeting.minutes)
        self.assertTrue(meeting.minutes_attachment_id.exists())
        self.assertTrue(request.sudo().satisfaction_input_id.exists())
        self.assertEqual(request.sudo().satisfaction_input_id.state, "done")
