"""The access matrix (threat model, "How it is proven"): one declared table of what each
role may do with each model, and which fields no role may set by hand. One test is
generated per cell.

- ``ACL``: model → what each role may do: ``r``ead, ``c``reate, ``w``rite, ``u``nlink
  (``-``: nothing), in the order of ``ACL_ROLES``. Officers of another association have
  the officers' rights on their own association's records only (``test_security``); the
  partner association's portal user has the portal's.
- ``WORKFLOW_FIELDS``: model → fields moved only by the model's actions: every role,
  managers included, is refused a direct ``write`` and the record is unchanged.
- ``ACCESS_FIELDS``: model → fields that grant access, set only by managers.
- ``CONFIDENTIAL_FIELDS``: model → fields that only ``CONFIDENTIAL_READERS`` read (the
  file's assigned researcher and managers): everyone else gets an access error or an
  empty value, never the data.

Run the matrix alone: ``scripts/test.sh tests/test_access_matrix.py``.
"""

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GROUP_COMMITTEE as GROUP_COMMITTEE_XMLID
from .common import GROUP_MANAGER as GROUP_MANAGER_XMLID
from .common import BeneficiaryCommon

ACL_ROLES = (
    "user",
    "officer",
    "researcher",
    "committee",
    "partnerships",
    "manager",
    "portal",
    "public",
)
# Roles that take another role's column of ACL.
SAME_RIGHTS = {"officer_b": "officer", "partner_portal": "portal"}
ROLES = ACL_ROLES + tuple(SAME_RIGHTS)
OPERATIONS = {"r": "read", "c": "create", "w": "write", "u": "unlink"}

ACL = {
    "beneficiary.appeal": ("-", "rcw", "rcw", "rw", "-", "rcwu", "r", "-"),
    "beneficiary.appeal.decide": ("-", "-", "-", "rcwu", "-", "rcwu", "-", "-"),
    "beneficiary.accessibility.need": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.beneficiary": ("-", "rcwu", "rcwu", "r", "-", "rcwu", "r", "-"),
    "beneficiary.beneficiary.anonymise": ("-", "-", "-", "-", "-", "rcwu", "-", "-"),
    "beneficiary.beneficiary.sign": ("-", "rcwu", "rcwu", "-", "-", "rcwu", "-", "-"),
    "beneficiary.beneficiary.transition": ("-", "rcwu", "rcwu", "-", "-", "rcwu", "-", "-"),
    "beneficiary.branch": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.category": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.committee": ("r", "r", "r", "r", "r", "rcwu", "-", "-"),
    "beneficiary.committee.decision": ("-", "r", "r", "rcwu", "-", "rcwu", "-", "-"),
    "beneficiary.committee.meeting": ("-", "r", "r", "rcw", "-", "rcwu", "-", "-"),
    "beneficiary.committee.vote": ("-", "r", "r", "rc", "-", "rcwu", "-", "-"),
    "beneficiary.data.breach": ("rcw", "rcw", "rcw", "rcw", "rcw", "rcwu", "-", "-"),
    "beneficiary.data.subject.request": ("-", "rcw", "rcw", "-", "-", "rcw", "r", "-"),
    "beneficiary.data.subject.request.evidence": ("-", "r", "r", "-", "-", "r", "-", "-"),
    "beneficiary.declaration": ("-", "rc", "rc", "-", "-", "rc", "r", "-"),
    "beneficiary.document": ("-", "rcwu", "rcwu", "-", "-", "rcwu", "r", "-"),
    "beneficiary.document.type": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.education.level": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.eligibility.line": ("-", "r", "r", "r", "-", "rcwu", "r", "-"),
    "beneficiary.employment.status": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.evidence.pack": ("-", "-", "-", "-", "-", "rcwu", "-", "-"),
    "beneficiary.fairness.report": ("-", "-", "-", "-", "-", "rcwu", "-", "-"),
    "beneficiary.fairness.report.line": ("-", "-", "-", "-", "-", "rcwu", "-", "-"),
    "beneficiary.family.member": ("-", "rcwu", "rcwu", "-", "-", "rcwu", "r", "-"),
    "beneficiary.headline.report": ("-", "-", "-", "-", "-", "rcwu", "-", "-"),
    "beneficiary.intake.channel": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.interest.declaration": ("-", "rcw", "rcw", "rcw", "rcw", "rcwu", "-", "-"),
    "beneficiary.mou": ("-", "-", "-", "-", "rcwu", "rcwu", "r", "-"),
    "beneficiary.mou.evaluation.line": ("-", "-", "-", "-", "rcwu", "rcwu", "-", "-"),
    "beneficiary.mou.report": ("-", "-", "-", "-", "rcwu", "rcwu", "r", "-"),
    "beneficiary.mou.report.line": ("-", "-", "-", "-", "rcwu", "rcwu", "r", "-"),
    "beneficiary.mou.responsibility": ("-", "-", "-", "-", "rcwu", "rcwu", "r", "-"),
    "beneficiary.mou.target": ("-", "-", "-", "-", "rcwu", "rcwu", "r", "-"),
    "beneficiary.outreach": ("-", "rcw", "rcw", "-", "-", "rcwu", "-", "-"),
    "beneficiary.outreach.line": ("-", "rc", "rc", "-", "-", "rcu", "-", "-"),
    "beneficiary.partner.request": ("-", "-", "-", "-", "rcwu", "rcwu", "r", "-"),
    "beneficiary.partner.request.decline": ("-", "-", "-", "-", "rcwu", "rcwu", "-", "-"),
    "beneficiary.partner.study.criterion": ("-", "-", "-", "-", "r", "rcwu", "-", "-"),
    "beneficiary.partner.study.line": ("-", "-", "-", "-", "rcwu", "rcwu", "-", "-"),
    "beneficiary.policy": ("r", "r", "r", "r", "r", "rcwu", "-", "-"),
    "beneficiary.policy.acknowledgement": ("r", "r", "r", "r", "r", "rcwu", "-", "-"),
    "beneficiary.policy.signed.acknowledgement": ("-", "-", "-", "-", "-", "rcw", "-", "-"),
    "beneficiary.policy.document": ("r", "r", "r", "r", "r", "rcwu", "-", "-"),
    "beneficiary.privacy.notice": ("r", "r", "r", "r", "r", "rcwu", "-", "-"),
    "beneficiary.privacy.notice.line": ("r", "r", "r", "r", "r", "rcwu", "-", "-"),
    "beneficiary.retention.rule": ("r", "r", "r", "r", "r", "rw", "-", "-"),
    "beneficiary.public.submission": ("-", "-", "-", "-", "-", "r", "-", "-"),
    "beneficiary.reach": ("-", "rcw", "rcw", "-", "-", "rcwu", "-", "-"),
    "beneficiary.region": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.review": ("-", "rc", "rc", "-", "-", "rcw", "-", "-"),
    "beneficiary.review.record": ("-", "rcwu", "rcwu", "-", "-", "rcwu", "-", "-"),
    "beneficiary.satisfaction.report": ("-", "r", "r", "-", "-", "r", "-", "-"),
    "beneficiary.sensitive.access.log": ("-", "-", "-", "-", "-", "r", "-", "-"),
    "beneficiary.sensitive.file": ("-", "-", "rcw", "-", "-", "rcwu", "-", "-"),
    "beneficiary.service": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.service.outcome": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.suggestion": ("-", "rcw", "rcw", "r", "rc", "rcwu", "r", "-"),
    "beneficiary.suggestion.category": ("r", "r", "r", "r", "r", "rcwu", "r", "-"),
    "beneficiary.support.request": ("-", "rcwu", "rcwu", "r", "-", "rcwu", "r", "-"),
    "beneficiary.support.request.done": ("-", "rcwu", "rcwu", "-", "-", "rcwu", "-", "-"),
    "beneficiary.support.request.pause": ("-", "rcw", "rcw", "-", "-", "rcwu", "r", "-"),
    "beneficiary.support.request.reason": ("-", "rcwu", "rcwu", "rcwu", "-", "rcwu", "-", "-"),
    "beneficiary.support.request.refer": ("-", "rcwu", "rcwu", "-", "-", "rcwu", "-", "-"),
    "crm.lead": ("-", "rcw", "rcw", "-", "-", "rcw", "-", "-"),
    "crm.lead.answer": ("-", "rcwu", "rcwu", "-", "-", "rcwu", "-", "-"),
    "ir.sequence": ("r", "r", "r", "r", "r", "r", "-", "-"),
    "res.company": ("r", "r", "r", "r", "r", "rw", "r", "r"),
    "res.config.settings": ("-", "-", "-", "-", "-", "-", "-", "-"),
    "res.partner": ("r", "rcwu", "rcwu", "r", "r", "rcwu", "r", "r"),
    "survey.user_input": ("-", "-", "-", "-", "-", "r", "-", "-"),
}

WORKFLOW_FIELDS = {
    "beneficiary.appeal": (
        "channel",
        "days_to_decide",
        "decided_by_id",
        "decided_in_time",
        "decision_date",
        "decision_deadline",
        "filed_by_id",
        "filed_date",
        "first_decided_by_id",
        "first_decision_date",
        "first_rejection_reason",
        "outcome_reason",
        "ref",
        "state",
        "withdrawn_date",
    ),
    "beneficiary.beneficiary": (
        "anonymised_by_id",
        "anonymised_on",
        "closed_on",
        "consent_date",
        "consent_version",
        "declaration_date",
        "declaration_version",
        "documents_complete",
        "household_income",
        "household_size",
        "id_type",
        "income_per_capita",
        "is_saudi",
        "next_review_date",
        "ref",
        "registration_date",
        "review_requested_date",
        "state",
    ),
    "beneficiary.committee.decision": (
        "applied",
        "casting_vote_used",
        "outcome",
        "votes_abstain",
        "votes_against",
        "votes_for",
    ),
    "beneficiary.committee.meeting": (
        "closed_date",
        "decision_count",
        "minutes_attachment_id",
        "name",
        "state",
    ),
    "beneficiary.data.breach": (
        "affected_count",
        "closed_on",
        "contained_on",
        "is_sdaia_overdue",
        "name",
        "sdaia_deadline",
        "sdaia_reminder_sent",
        "state",
    ),
    "beneficiary.data.subject.request": (
        "answered_by_id",
        "answered_on",
        "channel",
        "due_date",
        "identity_code_attempts",
        "identity_code_expiry",
        "identity_erased",
        "identity_verified_by_id",
        "identity_verified_on",
        "is_overdue",
        "name",
        "received_date",
        "requester_partner_id",
        "requester_relation",
        "state",
        "warning_sent",
    ),
    "beneficiary.data.subject.request.evidence": (
        "attachment_id",
        "date",
        "description",
        "holds_confidential",
        "kind",
        "request_id",
        "user_id",
    ),
    "beneficiary.declaration": (
        "channel_id",
        "date",
        "intake_channel_id",
        "ip_address",
        "kind",
        "policy_id",
        "privacy_notice_id",
        "recorded_by_id",
        "signature",
        "signer_name",
        "signer_relation",
        "text",
        "user_agent",
        "version",
    ),
    "beneficiary.document": (
        "is_expired",
        "state",
        "verified_by_id",
        "verified_date",
    ),
    "beneficiary.mou": (
        "evaluated_by_id",
        "evaluation_date",
        "evaluation_score",
        "name",
        "state",
    ),
    "beneficiary.mou.report": (
        "due_notice_sent",
        "name",
        "reminder_sent",
        "state",
        "submitted_by_id",
        "submitted_on",
    ),
    "beneficiary.outreach": ("sent_by_id", "sent_on", "state"),
    "beneficiary.outreach.line": ("beneficiary_id", "channel", "outreach_id"),
    "beneficiary.partner.request": (
        "impact_part",
        "name",
        "need_part",
        "priority_score",
        "served_before",
        "served_count",
        "served_part",
        "state",
        "study_date",
        "study_score",
        "study_user_id",
        "submit_date",
    ),
    "beneficiary.privacy.notice": (
        "approved_by_id",
        "approved_on",
        "state",
        "superseded_on",
    ),
    "beneficiary.policy": (
        "approved_by_id",
        "next_review_date",
        "state",
        "superseded_date",
    ),
    "beneficiary.policy.acknowledgement": (
        "aml_read_date",
        "date",
        "is_pending",
        "reminder_count",
        "requested_date",
        "state",
    ),
    "beneficiary.interest.declaration": (
        "date",
        "state",
        "withdrawn_date",
    ),
    "beneficiary.review": (
        "beneficiary_id",
        "confirm_by",
        "confirmed_on",
        "date",
        "eligibility_summary",
        "notes",
        "result",
        "reviewer_id",
    ),
    "beneficiary.suggestion": (
        "answer_date",
        "answer_days",
        "answered_by_id",
        "ref",
        "state",
    ),
    "beneficiary.support.request": (
        "approval_rate",
        "cancel_reason",
        "clock_paused",
        "deadline_warned",
        "decided_by_id",
        "decided_in_time",
        "decision",
        "decision_date",
        "decision_days_taken",
        "decision_deadline",
        "decision_eligible",
        "delivered_by_id",
        "delivery_date",
        "eligibility_date",
        "eligibility_line_ids",
        "eligibility_ok",
        "eligibility_reasons",
        "fairness_age_band",
        "fairness_branch_id",
        "fairness_category_ids",
        "fairness_city",
        "fairness_disability",
        "fairness_gender",
        "fairness_intake_channel_id",
        "fairness_is_saudi",
        "fairness_region_id",
        "fairness_snapshot_date",
        "in_time_rate",
        "is_overdue",
        "outcome_id",
        "override_reason",
        "paused_days",
        "ref",
        "referral_note",
        "referral_partner_id",
        "rejection_reason",
        "satisfaction_answer_date",
        "satisfaction_input_id",
        "satisfaction_invite_date",
        "satisfaction_reminder_date",
        "satisfaction_score",
        "satisfaction_state",
        "service_start_date",
        "stage_committee_days",
        "stage_entered_date",
        "stage_research_days",
        "stage_service_start_days",
        "stage_verification_days",
        "state",
        "submit_date",
    ),
}

ACCESS_FIELDS = {
    "beneficiary.appeal": ("examiner_id",),
    "beneficiary.beneficiary": (
        "partner_id",
        "researcher_id",
    ),
    "beneficiary.committee": (
        "chair_id",
        "member_ids",
        "secretary_id",
    ),
    "beneficiary.committee.meeting": ("attendee_ids",),
    "beneficiary.interest.declaration": ("declarant_id",),
    "beneficiary.suggestion": ("user_id",),
    "beneficiary.support.request": ("researcher_id",),
}

CONFIDENTIAL_FIELDS = {
    "beneficiary.beneficiary": (
        "health_condition",
        "disability_type",
        "disability_details",
        "treatment_details",
        "research_notes",
    ),
    "beneficiary.sensitive.file": (
        "health_condition",
        "disability_type",
        "disability_details",
        "treatment_details",
        "research_notes",
    ),
    "beneficiary.support.request": ("research_report",),
    "beneficiary.document": ("file", "note"),
}
CONFIDENTIAL_READERS = ("researcher", "manager")

TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


@tagged("post_install", "-at_install")
class TestAccessMatrix(BeneficiaryCommon):
    """Each generated test is one cell of the tables above."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_user = cls.env["res.users"].create(
            {
                "name": "موظف بلا دور",
                "login": "br_matrix_user",
                "groups_id": [Command.set([cls.env.ref("base.group_user").id])],
            }
        )
        association = cls.env["res.partner"].create(
            {"name": "جمعية شريكة", "is_company": True, "is_partner_association": True}
        )
        cls.partner_portal = cls.env["res.users"].create(
            {
                "name": "ممثل الجمعية الشريكة",
                "login": "br_matrix_association",
                "partner_id": cls.env["res.partner"]
                .create({"name": "ممثل الجمعية الشريكة", "parent_id": association.id})
                .id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        cls.users = {
            "user": cls.internal_user,
            "officer": cls.officer,
            "researcher": cls.researcher,
            "committee": cls.committee,
            "partnerships": cls.partnerships,
            "manager": cls.manager,
            "portal": cls.portal_user,
            "public": cls.env.ref("base.public_user"),
            "officer_b": cls.officer_b,
            "partner_portal": cls.partner_portal,
        }
        cls.manager_b = cls.env["res.users"].create(
            {
                "name": "مدير آخر",
                "login": "br_matrix_manager_b",
                "groups_id": [Command.set([cls.env.ref(GROUP_MANAGER_XMLID).id])],
            }
        )
        cls.records = cls._matrix_records()
        cls.confidential = cls._confidential_records()

    @classmethod
    def _matrix_records(cls):
        """One record of each model of the field tables, in the first association."""
        env = cls.env
        records = {}
        for model in set(WORKFLOW_FIELDS) | set(ACCESS_FIELDS):
            records[model] = env[model].search(
                [("company_id", "=", cls.company.id)] if "company_id" in env[model] else [],
                order="id desc",
                limit=1,
            )
        # Committees have no demo data: a committee, a convened meeting, an agenda item
        # and a vote, made as the superuser.
        committee = env["beneficiary.committee"].create(
            {
                "name": "لجنة البحث",
                "member_ids": [Command.set((cls.committee | cls.manager).ids)],
                "chair_id": cls.manager.id,
                "quorum": 1,
            }
        )
        meeting = env["beneficiary.committee.meeting"].create(
            {
                "committee_id": committee.id,
                "state": "convened",
                "attendee_ids": [Command.set(cls.manager.ids)],
            }
        )
        request = records["beneficiary.support.request"]
        decision = env["beneficiary.committee.decision"].create(
            {"meeting_id": meeting.id, "request_id": request.id, "proposal": "approve"}
        )
        vote = env["beneficiary.committee.vote"].create(
            {"decision_id": decision.id, "member_id": cls.manager.id, "vote": "for"}
        )
        review = env["beneficiary.review"].create(
            {"beneficiary_id": records["beneficiary.beneficiary"].id, "result": "changed"}
        )
        outreach, __ = env["beneficiary.outreach"].create(
            [{"name": "دعوة", "service_id": request.service_id.id}] * 2
        )
        outreach_line = env["beneficiary.outreach.line"].create(
            {
                "outreach_id": outreach.id,
                "beneficiary_id": records["beneficiary.beneficiary"].id,
                "channel": "sms",
            }
        )
        # An appeal of a request refused today (P29), filed at the counter.
        refused = env["beneficiary.support.request"].create(
            {"beneficiary_id": request.beneficiary_id.id, "service_id": request.service_id.id}
        )
        refused.write(
            {
                "state": "rejected",
                "decision": "rejected",
                "decision_date": fields.Datetime.now(),
                "rejection_reason": "الدخل يتجاوز الحد",
            }
        )
        appeal = env["beneficiary.appeal"].create({"request_id": refused.id, "reasons": "تظلم"})
        declaration = env["beneficiary.interest.declaration"].create(
            {
                "declarant_id": cls.committee.id,
                "beneficiary_id": records["beneficiary.beneficiary"].id,
                "relation": "friend",
            }
        )
        # PDPL: a data-subject request with its evidence, a draft privacy notice.
        data_request = env["beneficiary.data.subject.request"].create(
            {"kind": "access", "requester_name": "طالب البيانات", "company_id": cls.company.id}
        )
        evidence = env["beneficiary.data.subject.request.evidence"].create(
            {
                "request_id": data_request.id,
                "kind": "sent",
                "description": "أُرسلت نسخة",
                "user_id": cls.officer.id,
            }
        )
        notice = env["beneficiary.privacy.notice"].create(
            {"version": "matrix", "company_id": cls.company.id}
        )
        records.update(
            {
                "beneficiary.data.subject.request": data_request,
                "beneficiary.data.subject.request.evidence": evidence,
                "beneficiary.privacy.notice": notice,
                "beneficiary.outreach": outreach,
                "beneficiary.outreach.line": outreach_line,
                "beneficiary.review": review,
                "beneficiary.appeal": appeal,
                "beneficiary.interest.declaration": declaration,
                "beneficiary.committee": committee,
                "beneficiary.committee.meeting": meeting,
                "beneficiary.committee.decision": decision,
                "beneficiary.committee.vote": vote,
            }
        )
        return records

    @classmethod
    def _confidential_records(cls):
        """A file assigned to the researcher role, with its health data, a research
        report and a disability report (a sensitive document type)."""
        beneficiary = cls.create_beneficiary(
            categories=cls.category_disability,
            researcher_id=cls.researcher.id,
            health_condition="شلل نصفي بعد حادث",
            disability_type="physical",
            disability_details="يستخدم كرسيًا متحركًا",
            treatment_details="علاج طبيعي أسبوعي",
            research_notes="<p>زيارة منزلية</p>",
        )
        service = cls.env["beneficiary.service"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        request = cls.env["beneficiary.support.request"].create(
            {"beneficiary_id": beneficiary.id, "service_id": service.id}
        )
        request.write({"research_report": "<p>الأسرة بحاجة إلى دعم عاجل</p>"})
        document = beneficiary.document_ids.filtered(
            lambda d: d.document_type_id == cls.doc_disability_report
        )
        document.write({"note": "تقرير اللجنة الطبية"})
        return {
            "beneficiary.beneficiary": beneficiary,
            "beneficiary.sensitive.file": cls.env["beneficiary.sensitive.file"].search(
                [("beneficiary_id", "=", beneficiary.id)]
            ),
            "beneficiary.support.request": request,
            "beneficiary.document": document,
        }

    # ------------------------------------------------------------------ values
    def other_value(self, record, name):
        """A value of ``name`` different from the record's, in write format."""
        field = record._fields[name]
        current = record[name]
        kind = field.type
        if kind == "selection":
            options = [key for key, _label in field._description_selection(self.env)]
            return next(key for key in options if key != current)
        if kind == "boolean":
            return not current
        if kind in ("integer", "float", "monetary"):
            return (current or 0) + 7
        if kind in ("char", "text", "html"):
            return "قيمة مزورة %s" % (current or "")
        if kind == "date":
            return fields.Date.to_string(fields.Date.from_string("2020-01-01"))
        if kind == "datetime":
            return "2020-01-01 08:00:00"
        if kind == "many2one":
            comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
            return comodel.search([("id", "not in", current.ids)], limit=1).id
        if kind in ("one2many", "many2many"):
            if current:
                return [Command.clear()]
            comodel = self.env[field.comodel_name].sudo()
            return [Command.link(comodel.search([], limit=1).id)]
        if kind in ("binary", "image"):
            return TINY_PNG
        raise AssertionError("no value for %s of type %s" % (name, kind))

    # ------------------------------------------------------------------- cells
    def check_acl(self, model, role, operation):
        column = SAME_RIGHTS.get(role, role)
        expected = operation in ACL[model][ACL_ROLES.index(column)]
        allowed = (
            self.env["ir.model.access"]
            .with_user(self.users[role])
            .check(model, OPERATIONS[operation], raise_exception=False)
        )
        self.assertEqual(
            allowed,
            expected,
            "%s %s %s: %s expected" % (role, OPERATIONS[operation], model, expected),
        )

    def check_workflow_write(self, model, name, role):
        record = self.records[model]
        self.assertTrue(record, "no record of %s to attack" % model)
        value = self.other_value(record, name)
        before = record[name]
        attacker = record.with_user(self.users[role]).with_context(
            tracking_disable=True, **{"default_%s" % name: value}
        )
        with self.assertRaises(AccessError):
            attacker.write({name: value})
        record.invalidate_recordset()
        self.assertEqual(record[name], before, "%s changed %s of %s" % (role, name, model))

    def check_workflow_create(self, model, name, role):
        record = self.records[model]
        value = self.other_value(record, name)
        field = record._fields[name]
        if field.type == "boolean":
            value = True
        elif field.type == "selection":
            default = field.default(record) if field.default else False
            options = [key for key, _label in field._description_selection(self.env)]
            value = next(key for key in options if key != default)
        Model = self.env[model].with_user(self.users[role])
        count = Model.sudo().search_count([])
        with self.assertRaises(AccessError):
            Model.create({name: value})
        self.assertEqual(Model.sudo().search_count([]), count)

    def check_access_field(self, model, name, role):
        record = self.records[model]
        self.assertTrue(record, "no record of %s to attack" % model)
        field = record._fields[name]
        if name == "attendee_ids":
            value = [Command.link(self.committee.id)]
        elif field.type == "many2many":
            # A new member (the field shows members of the Committee Member group only).
            member = self.env["res.users"].create(
                {
                    "name": "عضو جديد",
                    "login": "br_matrix_new_member",
                    "groups_id": [Command.link(self.env.ref(GROUP_COMMITTEE_XMLID).id)],
                }
            )
            value = [Command.link(member.id)]
        elif name in ("chair_id", "secretary_id"):
            # Chair and secretary are members of the committee.
            value = self.committee.id if record[name] != self.committee else self.manager.id
        elif name == "partner_id":
            value = self.env["res.partner"].create({"name": "جهة اتصال أخرى"}).id
        elif name == "examiner_id":
            # An appeal is examined by a manager who did not decide (P29).
            value = self.manager.id if record[name] != self.manager else self.manager_b.id
        elif field.comodel_name == "res.users":
            value = self.researcher2.id if record[name] != self.researcher2 else self.researcher.id
        else:
            value = self.other_value(record, name)
        before = record[name]
        # The keys a client would send to keep the change out of the chatter.
        attacker = record.with_user(self.users[role]).with_context(
            tracking_disable=True, mail_notrack=True
        )
        if role != "manager":
            with self.assertRaises(AccessError):
                attacker.write({name: value})
            record.invalidate_recordset()
            self.assertEqual(record[name], before)
            return
        notes = record.message_ids
        attacker.write({name: value})
        record.invalidate_recordset()
        self.assertNotEqual(record[name], before)
        logged = record.message_ids - notes
        self.assertTrue(logged, "the change of %s was not logged" % name)
        self.assertIn(field._description_string(self.env), logged[0].body)


def check_confidential_read(self, model, name, role):
    record = self.confidential[model]
    self.assertEqual(len(record), 1, "no %s to read" % model)
    expected = record.sudo().read([name])[0][name]
    self.assertTrue(expected)
    self.env.invalidate_all()
    try:
        value = record.with_user(self.users[role]).read([name])[0][name]
    except AccessError:
        value = None
    if role in CONFIDENTIAL_READERS:
        self.assertEqual(value, expected, "%s cannot read %s of %s" % (role, name, model))
    else:
        self.assertFalse(value, "%s reads %s of %s" % (role, name, model))


TestAccessMatrix.check_confidential_read = check_confidential_read


def _cell(method, *args):
    def test(self):
        getattr(self, method)(*args)

    return test


def _slug(text):
    return text.replace(".", "_")


for _model in ACL:
    for _role in ROLES:
        for _operation in OPERATIONS:
            setattr(
                TestAccessMatrix,
                "test_acl__%s__%s__%s" % (_slug(_model), _role, OPERATIONS[_operation]),
                _cell("check_acl", _model, _role, _operation),
            )
for _model, _names in WORKFLOW_FIELDS.items():
    for _name in _names:
        for _role in ROLES:
            setattr(
                TestAccessMatrix,
                "test_workflow_write__%s__%s__%s" % (_slug(_model), _name, _role),
                _cell("check_workflow_write", _model, _name, _role),
            )
            setattr(
                TestAccessMatrix,
                "test_workflow_create__%s__%s__%s" % (_slug(_model), _name, _role),
                _cell("check_workflow_create", _model, _name, _role),
            )
for _model, _names in ACCESS_FIELDS.items():
    for _name in _names:
        for _role in ROLES:
            setattr(
                TestAccessMatrix,
                "test_access_field__%s__%s__%s" % (_slug(_model), _name, _role),
                _cell("check_access_field", _model, _name, _role),
            )
for _model, _names in CONFIDENTIAL_FIELDS.items():
    for _name in _names:
        for _role in ROLES:
            setattr(
                TestAccessMatrix,
                "test_confidential_read__%s__%s__%s" % (_slug(_model), _name, _role),
                _cell("check_confidential_read", _model, _name, _role),
            )
