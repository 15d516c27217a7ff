import base64
from datetime import datetime, time, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.addons.beneficiary_relations.models.beneficiary_workflow_fields import trusted_write
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.sms.models.sms_sms import SmsSms

from .common import GROUP_MANAGER, GROUP_OFFICER
from .common_request import SupportRequestCommon

SIGNED_COPY = b"%PDF-1.4 signed by the board"


class DashboardCommon(SupportRequestCommon):
    """A third association of its own (the demo data stays out of the figures) with a
    small, hand-counted history of requests, appeals, complaints, inquiries, policy
    acknowledgements and breaches. The expected figures are worked out by hand in the
    tests, from the list below, not with the code's formulas.

    Requests (days before today: submitted → decided):
      r1 submitted, branch North, submitted 20 days ago (10-day clock: overdue)
      r2 research, branch North, submitted 2 days ago (not overdue)
      r3 approved, branch South, 30 → 20: 10 days; survey answered, 50 %
      r4 rejected, 10 → 5: 5 days (appeal still open)
      r5 done, 60 → 30: 30 days; survey answered, 80 %; delivered 10 days ago
      r6 in service, no branch, 50 → 48: 2 days; survey sent, not answered
      r7 referred, 15 → 12: 3 days
      r8 rejected, 8 → 4: 4 days (appeal upheld)
      r9 rejected, 9 → 3: 6 days (appeal overturned)
      r10 draft, r11 cancelled

    Data-subject requests (days before today they were received; 30-day clock), each
    moved by its workflow's buttons:
      d1 received 40 days ago, identity not checked yet (open, overdue)
      d2 received 5 days ago, identity verified (open)
      d3 received 35 days ago, in progress (open, overdue)
      d4 received 40 days ago, answered today (late)
      d5 received 50 days ago, refused 45 days ago
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_c = cls.env["res.company"].create(
            {"name": "جمعية لوحة المؤشرات", "country_id": cls.saudi_arabia.id}
        )
        cls.company_c.write(
            {
                "beneficiary_working_days": False,
                "beneficiary_appeal_days": 30,
                "beneficiary_inquiry_response_days": 3,
            }
        )
        company_values = {
            "company_id": cls.company_c.id,
            "company_ids": [Command.set(cls.company_c.ids)],
        }
        cls.manager_c = mail_new_test_user(
            cls.env,
            login="br_dash_manager",
            groups=GROUP_MANAGER,
            name="مديرة الجمعية الثالثة",
            email="br_dash_manager@example.com",
            **company_values,
        )
        cls.officer_c = mail_new_test_user(
            cls.env,
            login="br_dash_officer",
            groups=GROUP_OFFICER,
            name="موظف الجمعية الثالثة",
            email="br_dash_officer@example.com",
            **company_values,
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company_c.ids))
        cls.service_c = cls.env["beneficiary.service"].create(
            {"name": "خدمة الإرشاد", "company_id": cls.company_c.id, "decision_days": 10}
        )
        Branch = cls.env["beneficiary.branch"]
        cls.north = Branch.create({"name": "فرع الشمال", "company_id": cls.company_c.id})
        cls.south = Branch.create({"name": "فرع الجنوب", "company_id": cls.company_c.id})
        cls.outcome_good = cls.env["beneficiary.service.outcome"].create(
            {"name": "حصل على عمل", "service_id": cls.service_c.id, "is_positive": True}
        )
        cls.outcome_bad = cls.env["beneficiary.service.outcome"].create(
            {"name": "لم يكمل البرنامج", "service_id": cls.service_c.id, "is_positive": False}
        )
        spec = {
            "r1": ("submitted", cls.north, 20, None, None),
            "r2": ("research", cls.north, 2, None, None),
            "r3": ("approved", cls.south, 30, 20, "approved"),
            "r4": ("rejected", False, 10, 5, "rejected"),
            "r5": ("done", False, 60, 30, "approved"),
            "r6": ("in_service", False, 50, 48, "approved"),
            "r7": ("referred", False, 15, 12, "referred"),
            "r8": ("rejected", False, 8, 4, "rejected"),
            "r9": ("rejected", False, 9, 3, "rejected"),
            "r10": ("draft", False, None, None, None),
            "r11": ("cancelled", False, 40, None, None),
        }
        cls.files = {}
        cls.requests = {}
        for key, (state, branch, submitted, decided, decision) in spec.items():
            cls.files[key] = cls.create_beneficiary(company_id=cls.company_c.id)
            cls.requests[key] = cls.make_request(
                cls.files[key], state, branch, submitted, decided, decision
            )
        with trusted_write():
            for key, score in (("r3", 50.0), ("r5", 80.0), ("r6", None)):
                cls.requests[key].write(
                    {
                        "satisfaction_invite_date": cls.at(5),
                        "satisfaction_state": "answered" if score is not None else "invited",
                        "satisfaction_score": score,
                        "satisfaction_answer_date": cls.at(4) if score is not None else False,
                    }
                )
            cls.requests["r5"].write(
                {
                    "service_start_date": cls.today - timedelta(days=25),
                    "delivery_date": cls.today - timedelta(days=10),
                    "outcome_id": cls.outcome_good.id,
                }
            )
            cls.requests["r6"].write({"service_start_date": cls.today - timedelta(days=40)})
        cls.make_appeals()
        cls.make_suggestions()
        cls.make_inquiries()
        cls.make_policy()
        cls.make_breaches()
        cls.make_data_requests()
        # Two files due for their periodic review, one of them without a request.
        for key in ("r1", "r2"):
            cls.files[key].write({"last_review_date": cls.today - timedelta(days=400)})
        cls.age_inquiries()

    # ------------------------------------------------------------------ helpers
    @classmethod
    def at(cls, days_ago):
        return datetime.combine(cls.today - timedelta(days=days_ago), time(9, 0))

    @classmethod
    def make_request(cls, beneficiary, state, branch, submitted, decided, decision):
        request = cls.create_request(beneficiary=beneficiary, service=cls.service_c)
        values = {"state": state, "branch_id": branch.id if branch else False}
        if submitted is not None:
            values["submit_date"] = cls.at(submitted)
        if decided is not None:
            values.update(decision_date=cls.at(decided), decision=decision)
        with trusted_write():
            request.write(values)
        return request

    @classmethod
    def make_appeals(cls):
        Appeal = cls.env["beneficiary.appeal"]
        cls.appeals = {}
        for key, state in (("r4", "submitted"), ("r8", "upheld"), ("r9", "overturned")):
            appeal = Appeal.create(
                {"request_id": cls.requests[key].id, "reasons": "تغيّر دخل الأسرة بعد القرار."}
            )
            if state != "submitted":
                with trusted_write():
                    appeal.write({"state": state, "decision_date": cls.at(1)})
            cls.appeals[key] = appeal

    @classmethod
    def make_suggestions(cls):
        sender = cls.files["r1"].partner_id
        cls.suggestions = cls.env["beneficiary.suggestion"]
        with patch.object(SmsSms, "_send", autospec=True):
            for kind, state in (
                ("complaint", "new"),
                ("complaint", "in_progress"),
                ("complaint", "answered"),
                ("suggestion", "new"),
            ):
                suggestion = cls.env["beneficiary.suggestion"].create(
                    {
                        "name": "مدة الانتظار",
                        "description": "طال انتظاري في مكتب الاستقبال.",
                        "kind": kind,
                        "partner_id": sender.id,
                        "company_id": cls.company_c.id,
                    }
                )
                if suggestion.state != state:
                    with trusted_write():
                        values = {"state": state}
                        if state == "answered":
                            values.update(response="نعتذر، أضفنا موظفاً.", answer_date=cls.at(1))
                        suggestion.write(values)
                cls.suggestions |= suggestion

    @classmethod
    def make_inquiries(cls):
        Lead = cls.env["crm.lead"]
        leads = Lead.create(
            [
                {
                    "name": "استفسار %s" % name,
                    "is_inquiry": True,
                    "company_id": cls.company_c.id,
                    "email_from": "q%s@example.com" % name,
                    "user_id": False,
                    "team_id": False,
                }
                for name in ("late", "answered", "recent", "archived")
            ]
        )
        _late, answered, _recent, archived = leads
        answered.write({"inquiry_answered_on": cls.at(1)})
        archived.write({"active": False})
        cls.leads = leads

    @classmethod
    def age_inquiries(cls):
        """Received five days ago with a three-day deadline (all but the recent one)."""
        late, answered, _recent, archived = cls.leads
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE crm_lead SET inquiry_deadline = %s WHERE id IN %s",
            (cls.today - timedelta(days=2), (late.id, answered.id, archived.id)),
        )
        cls.env.invalidate_all()

    @classmethod
    def make_policy(cls):
        Policy = cls.env["beneficiary.policy"]
        values = {"company_id": cls.company_c.id, "body": "<p>نص السياسة</p>"}
        old = Policy.create({**values, "name": "السياسة", "version": "1.0"})
        current = Policy.create(
            {
                **values,
                "name": "سياسة تنظيم العلاقة مع المستفيدين",
                "version": "2.0",
                "board_meeting_number": "14",
                "board_session": "الثالثة",
                "approval_date": cls.today - timedelta(days=100),
                "chair_name": "د. هند العتيبي",
                "signed_file": base64.b64encode(SIGNED_COPY),
                "signed_file_name": "policy-signed.pdf",
            }
        )
        with trusted_write():
            old.write({"state": "superseded"})
            current.write({"state": "approved"})
        cls.policy_c = current
        users = cls.env["res.users"].create(
            [
                {"name": name, "login": "br_dash_staff_%s" % i, **cls._company_c_values()}
                for i, name in enumerate(("متطوع", "متعاقد", "موظفة", "عضو مجلس"))
            ]
        )
        Ack = cls.env["beneficiary.policy.acknowledgement"]
        with trusted_write():
            for user, state in zip(
                users, ("acknowledged", "acknowledged", "acknowledged", "pending"), strict=True
            ):
                Ack.create(
                    {
                        "policy_id": current.id,
                        "user_id": user.id,
                        "state": state,
                        "date": cls.at(50) if state == "acknowledged" else False,
                    }
                )
            Ack.create({"policy_id": old.id, "user_id": users[0].id, "state": "pending"})
        cls.staff_c = users

    @classmethod
    def _company_c_values(cls):
        return {"company_id": cls.company_c.id, "company_ids": [Command.set(cls.company_c.ids)]}

    @classmethod
    def make_breaches(cls):
        Breach = cls.env["beneficiary.data.breach"]
        cls.breaches = Breach
        for state in ("open", "contained", "closed"):
            breach = Breach.create(
                {
                    "title": "إرسال كشف إلى بريد خاطئ",
                    "description": "أُرسل كشف بأسماء المستفيدين إلى جهة غير معنية.",
                    "company_id": cls.company_c.id,
                    "discovered_on": cls.at(3),
                }
            )
            if state != "open":
                with trusted_write():
                    breach.write({"state": state})
            cls.breaches |= breach

    @classmethod
    def make_data_requests(cls):
        Request = cls.env["beneficiary.data.subject.request"]
        spec = {
            "d1": ("access", 40, "received"),
            "d2": ("copy", 5, "verified"),
            "d3": ("correction", 35, "in_progress"),
            "d4": ("access", 40, "answered"),
            "d5": ("objection", 50, "refused"),
        }
        cls.data_requests = {}
        for key, (kind, received, state) in spec.items():
            file = cls.files["r%s" % key[1:]]
            request = Request.create(
                {
                    "company_id": cls.company_c.id,
                    "kind": kind,
                    "requester_name": file.name,
                    "beneficiary_id": file.id,
                    "details": "أطلب الاطلاع على بياناتي.",
                }
            )
            with trusted_write():
                request.write({"received_date": cls.today - timedelta(days=received)})
            if state != "received":
                request.write({"identity_method": "counter", "identity_note": "هوية وطنية"})
                request.action_verify_identity()
            if state in ("in_progress", "answered"):
                request.action_start()
            if state == "answered":
                request.write({"answer": "أرسلنا إليك نسخة من بياناتك."})
                request.action_answer()
            if state == "refused":
                request.write({"refusal_reason": "الطلب متكرر خلال مدة قصيرة."})
                request.action_refuse()
                with trusted_write():
                    request.write({"answered_on": cls.at(45)})
            cls.data_requests[key] = request
