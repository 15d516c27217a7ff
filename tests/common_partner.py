from datetime import date, datetime

from odoo import Command

from .common import TINY_PDF, BeneficiaryCommon


class PartnerCommon(BeneficiaryCommon):
    """Two partner associations in regions of different need, each with a portal user
    (password = login), a service and known priority weights (P21–P25)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "partner_priority_weight_impact": 50,
                "partner_priority_weight_need": 30,
                "partner_priority_weight_served": 20,
                "partner_report_reminder_days": 7,
            }
        )
        Region = cls.env["beneficiary.region"]
        cls.region_low = Region.create({"name": "منطقة اختبار منخفضة", "need_level": "1"})
        cls.region_high = Region.create({"name": "منطقة اختبار عالية", "need_level": "5"})
        cls.service = cls.env["beneficiary.service"].create(
            {
                "name": "تأهيل كوادر الجمعيات",
                "requires_research": False,
                "requires_committee": False,
            }
        )
        Partner = cls.env["res.partner"]
        cls.assoc_a = Partner.create(
            {
                "name": "جمعية الاختبار أ",
                "is_company": True,
                "is_partner_association": True,
                "association_licence_number": "1001",
                "association_region_id": cls.region_low.id,
                "email": "a@example.com",
            }
        )
        cls.assoc_b = Partner.create(
            {
                "name": "جمعية الاختبار ب",
                "is_company": True,
                "is_partner_association": True,
                "association_licence_number": "2002",
                "association_region_id": cls.region_high.id,
                "email": "b@example.com",
            }
        )
        cls.portal_a = cls._portal_user("br_assoc_a", cls.assoc_a, "منسق الجمعية أ")
        cls.portal_b = cls._portal_user("br_assoc_b", cls.assoc_b, "منسق الجمعية ب")
        cls.contact_a = cls.portal_a.partner_id
        cls.contact_b = cls.portal_b.partner_id
        cls.study_criteria = cls.env["beneficiary.partner.study.criterion"].search(
            [("usage", "=", "study"), ("company_id", "in", (False, cls.company.id))]
        )
        cls.evaluation_criteria = cls.env["beneficiary.partner.study.criterion"].search(
            [("usage", "=", "evaluation"), ("company_id", "in", (False, cls.company.id))]
        )

    @classmethod
    def _portal_user(cls, login, association, name):
        user = cls.env["res.users"].create(
            {
                "name": name,
                "login": login,
                "password": login,
                "email": "%s@example.com" % login,
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        user.partner_id.parent_id = association
        return user

    # ------------------------------------------------------------------ helpers
    @classmethod
    def new_request(cls, association, user=None, **values):
        env = cls.env(user=user) if user else cls.env
        contact = cls.contact_a if association == cls.assoc_a else cls.contact_b
        return env["beneficiary.partner.request"].create(
            {
                "partner_id": association.id,
                "contact_id": contact.id if association in (cls.assoc_a, cls.assoc_b) else False,
                "service_id": cls.service.id,
                "expected_beneficiaries": 100,
                "objectives": "تأهيل منسوبي الجمعية",
                **values,
            }
        )

    @staticmethod
    def study(request, scores, weights=None):
        """Run the needs study with ``scores`` (one per criterion, in order)."""
        request.action_start_study()
        lines = request.study_line_ids.sorted(lambda line: (line.sequence, line.id))
        for index, line in enumerate(lines):
            values = {"score": str(scores[index % len(scores)])}
            if weights:
                values["weight"] = weights[index % len(weights)]
            line.write(values)
        request.action_prioritise()
        return request

    @classmethod
    def mou_values(cls, request=None, partner=None, **values):
        partner = partner or request.partner_id
        return {
            "request_id": request.id if request else False,
            "partner_id": partner.id,
            "service_id": cls.service.id,
            "date_start": date(2026, 1, 1),
            "date_end": date(2026, 12, 31),
            "report_frequency": "quarterly",
            "report_grace_days": 10,
            "company_signatory_name": "عبدالله الدوسري",
            "company_signatory_title": "رئيس مجلس الإدارة",
            "partner_signatory_id": (cls.contact_a if partner == cls.assoc_a else cls.contact_b).id,
            "signed_file": TINY_PDF,
            "signed_filename": "signed.pdf",
            "responsibility_ids": [
                Command.create({"party": "company", "name": "توفير المدربين والحقائب"}),
                Command.create({"party": "partner", "name": "ترشيح المتدربين وتوفير القاعة"}),
            ],
            "target_ids": [
                Command.create({"name": "المستفيدون المدربون", "target_value": 120}),
                Command.create({"name": "المتدربون الموظفون", "target_value": 40}),
            ],
            **values,
        }

    @classmethod
    def active_mou(cls, request=None, partner=None, **values):
        """A signed MOU in effect (its report schedule generated)."""
        env = request.env if request else cls.env
        mou = env["beneficiary.mou"].create(cls.mou_values(request, partner, **values))
        if request and request.state == "approved":
            request.state = "mou"
        mou.action_sign()
        mou.action_activate()
        return mou

    @staticmethod
    def at(day):
        """A datetime at noon, for submission dates."""
        return datetime.combine(day, datetime.min.time()).replace(hour=9)
