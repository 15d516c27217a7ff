"""Demo flows of the five associations (issue 18), called from
demo/beneficiary_associations_flows_demo.xml.

Every record reaches its state through the buttons and wizards of the workflow, each run by
the association's demo user whose role it is (officer, researcher, committee member,
manager), in Arabic: the numbers, the history and the chatter are those a real association
would have. Only dates are moved back (registration, last review), as an association that
has been working for months would show.
"""

import base64
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from ..tools import saudi
from ..tools.demo_associations import ASSOCIATIONS, BANAN_USERS, DEMO_PASSWORD_HASHES, STEPS
from .beneficiary_workflow_fields import trusted_write

XMLID = "beneficiary_relations.%s"
SURVEY_ANSWERS = (("overall", 5), ("procedures", 4), ("decision_time", 4), ("courtesy", 5))


def demo_pdf(title):
    """A small valid one-page PDF saying ``title`` (ASCII), for demo documents."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 18 Tf 72 760 Td (" + text + b") Tj ET\n"
    stream += b"BT /F1 11 Tf 72 735 Td (Demo document - not a real record) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return base64.b64encode(out)


class ResCompany(models.Model):
    _inherit = "res.company"

    # ------------------------------------------------------------------ helpers
    @api.model
    def _beneficiary_demo_passwords(self):
        """Password = login for the associations' demo users (hashed at build time)."""
        Users = self.env["res.users"]
        for user in Users.search([("login", "in", list(DEMO_PASSWORD_HASHES))]):
            Users._set_encrypted_password(user.id, DEMO_PASSWORD_HASHES[user.login])
        return True

    @api.model
    def _beneficiary_demo_users(self, code):
        """``{role: res.users}`` of the association ``code``."""
        if code == "banan":
            names = BANAN_USERS
        else:
            names = {role: "user_%s_%s_demo" % (code, role) for role in BANAN_USERS}
        return {role: self.env.ref(XMLID % name) for role, name in names.items()}

    def _beneficiary_demo_env(self, user):
        """The environment of ``user`` working for this association, in Arabic."""
        context = dict(self.env.context, lang="ar_001", allowed_company_ids=[self.id])
        return self.env(user=user, context=context)

    def _beneficiary_demo_values(self, code, index, person, service, users):
        """Values of the file of applicant ``index`` of association ``code``."""
        data = ASSOCIATIONS[code]
        first, father, grandfather, family, gender, age, income = person
        today = fields.Date.context_today(self)
        serial = data["number"] * 100 + index
        level = "education_level_diploma" if code == "tuwaiq" else "education_level_secondary"
        return {
            "first_name": first,
            "father_name": father,
            "grandfather_name": grandfather,
            "family_name": family,
            "kind": "direct",
            "national_id": saudi.national_id_check_digit("1%08d" % (40000000 + serial)),
            "nationality_id": self.env.ref("base.sa").id,
            "birth_date": today - relativedelta(years=age, days=40 + index * 17),
            "gender": gender,
            "education_level_id": self.env.ref(XMLID % level).id,
            "employment_status_id": self.env.ref(XMLID % "employment_status_unemployed").id,
            "monthly_income": income,
            "mobile": "+9665%d%07d" % (data["number"], 3000000 + serial),
            "building_number": "%04d" % (2100 + serial),
            "street": data["street"],
            "district": data["district"],
            "city": data["city"],
            "zip": data["zip"],
            "additional_number": "%04d" % (5100 + serial),
            "short_address": "%s%04d" % (data["short"], 2100 + serial),
            "country_id": self.env.ref("base.sa").id,
            "lang": "ar_001",
            "tz": "Asia/Riyadh",
            "category_ids": [Command.set(service.category_ids.ids)],
            "officer_id": users["officer"].id,
        }

    def _beneficiary_demo_files(self, code, service, users):
        """Registered files: data, documents uploaded then verified, signatures."""
        officer_env = self._beneficiary_demo_env(users["officer"])
        today = fields.Date.context_today(self)
        beneficiaries = officer_env["beneficiary.beneficiary"].create(
            [
                self._beneficiary_demo_values(code, index, person, service, users)
                for index, person in enumerate(ASSOCIATIONS[code]["people"])
            ]
        )
        # The manager assigns the social researcher (an access-granting field).
        beneficiaries.with_env(self._beneficiary_demo_env(users["manager"])).write(
            {"researcher_id": users["researcher"].id}
        )
        doc_types = service.category_ids.document_type_ids | service.document_type_ids
        documents = officer_env["beneficiary.document"].create(
            [
                {
                    "beneficiary_id": beneficiary.id,
                    "document_type_id": doc_type.id,
                    "file": demo_pdf("%s - %s" % (doc_type.code or "document", code.title())),
                    "file_name": "%s.pdf" % (doc_type.code or "document"),
                    "issue_date": today - timedelta(days=30),
                    "expiry_date": today + timedelta(days=700) if doc_type.has_expiry else False,
                }
                for beneficiary in beneficiaries
                for doc_type in doc_types
            ]
        )
        documents.with_env(self._beneficiary_demo_env(users["researcher"])).action_verify()
        interview = self.env.ref(XMLID % "utm_medium_interview").id
        for beneficiary in beneficiaries:
            officer_env["beneficiary.beneficiary.sign"].with_context(
                default_beneficiary_id=beneficiary.id
            ).create(
                {
                    "accept_declaration": True,
                    "accept_consent": True,
                    "signer_name": beneficiary.name,
                    "channel_id": interview,
                }
            ).action_confirm()
        beneficiaries.action_register()
        return beneficiaries

    # ------------------------------------------------------------------ flows
    def _beneficiary_demo_association(self, code):
        """Files, requests in every state, a closed committee meeting, a served request
        with its survey answered, an appeal, an inquiry and a complaint for ``code``."""
        self.ensure_one()
        data = ASSOCIATIONS[code]
        users = self._beneficiary_demo_users(code)
        self.partner_id.lang = "ar_001"
        service = self.env.ref(XMLID % data["service"])
        envs = {role: self._beneficiary_demo_env(user) for role, user in users.items()}
        Request = envs["officer"]["beneficiary.support.request"]
        files = dict(zip(STEPS, self._beneficiary_demo_files(code, service, users), strict=True))
        at_counter = [step for step in STEPS if step != "online"]
        created = Request.create(
            [
                {
                    "beneficiary_id": files[step].id,
                    "service_id": service.id,
                    "officer_id": users["officer"].id,
                    "channel_id": self.env.ref(XMLID % "utm_medium_interview").id,
                }
                for step in at_counter
            ]
        )
        requests = dict(zip(at_counter, created, strict=True))
        # The online application is sent from the portal by its applicant, signed in, and
        # waits for the officer's check (models/res_company_demo_online.py).
        requests["online"] = Request.browse(
            self._beneficiary_demo_apply_online(code, files["online"], service, users).ids
        )
        # Intake: the counter application stays a draft; the others are submitted.
        checked = Request.browse(
            [r.id for s, r in requests.items() if s not in ("counter", "online")]
        )
        checked.action_submit()
        checked.write({"data_checked": True})
        checked.action_verify()
        researched = checked - requests["verification"]
        researched.action_send_to_research()
        to_committee = requests["served"] | requests["rejected"]
        for request in to_committee:
            request.with_env(envs["researcher"]).write(
                {"research_report": "<p>%s</p>" % data["research"]}
            )
        to_committee.with_env(envs["researcher"]).action_send_to_committee()
        self._beneficiary_demo_meeting(code, envs, requests, data)
        self._beneficiary_demo_service(envs, requests["served"])
        self._beneficiary_demo_after(code, envs, files, requests, data)
        # Open work beside finished work, for the lists' default filters.
        self._beneficiary_demo_worklists(code, data, envs, files)
        return True

    def _beneficiary_demo_meeting(self, code, envs, requests, data):
        """The committee meets: agenda, attendance, proposal, votes, closed minutes."""
        committee = self.env.ref(XMLID % data["committee"])
        manager, member = envs["manager"], envs["committee"]
        meeting = manager["beneficiary.committee.meeting"].create(
            {
                "committee_id": committee.id,
                "location": "قاعة الاجتماعات - %s" % self.city,
                "date": fields.Datetime.now() - timedelta(hours=3),
                "attendee_ids": [Command.set(committee.member_ids.ids)],
                "minutes": "<p>افتتح رئيس اللجنة الاجتماع، واستعرضت اللجنة الطلبات المدرجة "
                "وتقارير البحث الاجتماعي ونتائج مطابقة شروط الاستحقاق.</p>",
            }
        )
        meeting.action_load_agenda()
        meeting.action_convene()
        for decision in meeting.decision_ids:
            rejected = decision.request_id == requests["rejected"]
            decision.write(
                {
                    "proposal": "reject" if rejected else "approve",
                    "reasons": data["rejected_reason"]
                    if rejected
                    else "استوفى المتقدم شروط الخدمة وأوصى البحث الاجتماعي بقبوله.",
                }
            )
            # The members present carry the proposal (to serve, or to reject with reasons).
            for env in (member, manager):
                decision.with_env(env).action_vote_for()
        meeting.action_close()
        return meeting

    def _beneficiary_demo_service(self, envs, request):
        """The approved request is served, then its beneficiary answers the survey."""
        officer_request = request.with_env(envs["officer"])
        officer_request.action_start_service()
        officer_request.write(
            {"delivery_note": "حضر المستفيد جلسة الاستقبال وسُلّم جدول الخدمة ومواعيدها."}
        )
        result = officer_request.action_done()
        if isinstance(result, dict) and result.get("res_model"):
            outcome = request.service_id.outcome_ids[:1]
            officer_request._deliver_with_outcome(outcome)
        # sudo: demo data loading only (private method); the demo request's answer
        answer = request.sudo().satisfaction_input_id
        if not answer:
            return
        lines = [
            {
                "user_input_id": answer.id,
                "question_id": self.env.ref(
                    XMLID % ("survey_beneficiary_satisfaction_q_%s" % question)
                ).id,
                "answer_type": "suggestion",
                "suggested_answer_id": self.env.ref(
                    XMLID % ("survey_beneficiary_satisfaction_q_%s_%s" % (question, score))
                ).id,
            }
            for question, score in SURVEY_ANSWERS
        ]
        lines.append(
            {
                "user_input_id": answer.id,
                "question_id": self.env.ref(XMLID % "survey_beneficiary_satisfaction_q_comment").id,
                "answer_type": "text_box",
                "value_text_box": "الخدمة واضحة والتعامل راقٍ، وأتمنى تقصير مدة الانتظار.",
            }
        )
        # sudo: demo data loading only (private method); the demo request's answer lines
        self.env["survey.user_input.line"].sudo().create(lines)
        answer._mark_done()

    def _beneficiary_demo_appeal_decided(self, appeal):
        """Banan's appeal is decided: both committee members took the first decision, so
        the administrator (a manager who did not) is named examiner, examines it and
        upholds the rejection with reasons (P29)."""
        admin = self._beneficiary_demo_env(self.env.ref("base.user_admin"))
        appeal = admin["beneficiary.appeal"].browse(appeal.id)
        appeal.examiner_id = admin.user
        appeal.action_start_review()
        admin["beneficiary.appeal.decide"].create(
            {
                "appeal_id": appeal.id,
                "outcome": "upheld",
                "reason": "راجع الفاحص المستندات المرفقة بالتظلم؛ لم تتغير الأسباب التي بُني "
                "عليها القرار، فيبقى كما هو، ويحق للمستفيد التقدم من جديد إذا تغيّرت حاله.",
            }
        ).action_confirm()
        return appeal

    def _beneficiary_demo_after(self, code, envs, files, requests, data):
        """Appeal of the rejection, an inquiry answered, a complaint, a review due."""
        officer = envs["officer"]
        appeal = officer["beneficiary.appeal"].create(
            {
                "request_id": requests["rejected"].id,
                "reasons": "أطلب إعادة النظر في القرار؛ حالتي الصحية والمادية تستدعي الخدمة، "
                "وأرفقت ما يثبت ذلك.",
            }
        )
        if code == "banan":
            self._beneficiary_demo_appeal_decided(appeal)
        subject, question = data["inquiry"]
        officer["crm.lead"].create(
            {
                "name": subject,
                "type": "opportunity",
                "is_inquiry": True,
                "team_id": self.env.ref(XMLID % "crm_team_beneficiary_intake").id,
                "user_id": officer.uid,
                "contact_name": files["counter"].name,
                "mobile": files["counter"].mobile,
                "medium_id": self.env.ref(XMLID % "utm_medium_phone").id,
                "description": "<p>%s</p>" % question,
                "company_id": self.id,
            }
        )
        subject, description = data["complaint"]
        officer["beneficiary.suggestion"].create(
            {
                "name": subject,
                "kind": "complaint",
                "description": description,
                "channel_id": self.env.ref(XMLID % "utm_medium_interview").id,
                "partner_id": files["served"].partner_id.id,
            }
        )
        # An association working for months: the served file registered long ago, its
        # periodic review due (P19).
        months = self.beneficiary_review_months or 6
        with trusted_write():
            files["served"].write(
                {
                    "registration_date": fields.Date.context_today(self)
                    - relativedelta(months=months + 2),
                    "last_review_date": fields.Date.context_today(self)
                    - relativedelta(months=months, days=5),
                }
            )
