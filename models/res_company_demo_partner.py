"""Demo flows of Tuwaiq's partner associations and of a breach at Aoun (issue 18), called
from demo/beneficiary_associations_flows_demo.xml through the workflow's actions."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields, models

from .res_company_demo import XMLID, demo_pdf

# (name, city, region xml id, contact, expected beneficiaries, objectives, study scores)
PARTNERS = (
    (
        "جمعية البر الخيرية بالقطيف",
        "القطيف",
        "region_eastern",
        "منيرة علي آل سيف",
        90,
        "تأهيل 90 من الباحثين عن عمل من مستفيدي الجمعية في مهارات خدمة العملاء.",
        4,
    ),
    (
        "جمعية تنمية الشباب بالجوف",
        "سكاكا",
        "region_jawf",
        "عبدالله مطر الشراري",
        60,
        "رفع جاهزية الشباب في منطقة الجوف لسوق العمل عبر برامج تدريبية مكثفة.",
        5,
    ),
    (
        "جمعية الأيتام الأهلية بحفر الباطن",
        "حفر الباطن",
        "region_eastern",
        "سعود فهد العنزي",
        400,
        "تدريب جميع مستفيدي الجمعية من الأيتام.",
        2,
    ),
)


# The staff toolkit every seed but Tuwaiq's attaches to its policy (P3).
TOOLKIT = (
    ("bylaws", "اللائحة الأساسية للجمعية", "Bylaws"),
    ("research_guide", "دليل خدمات البحث الاجتماعي", "Social-Research Services Guide"),
    ("support_guide", "دليل سياسة الدعم للمستفيدين", "Beneficiary-Support Policy Guide"),
    ("request_form", "نموذج طلب دعم مستفيد", "Beneficiary Support Request Form"),
)


class ResCompany(models.Model):
    _inherit = "res.company"

    def _beneficiary_demo_toolkit(self, policy_xmlid):
        """Attach the staff toolkit (small generated PDFs) to a policy version (P3)."""
        policy = self.env.ref(XMLID % policy_xmlid)
        self.env["beneficiary.policy.document"].create(
            [
                {
                    "policy_id": policy.id,
                    "sequence": 10 * index,
                    "kind": kind,
                    "name": name,
                    "file": demo_pdf(title),
                    "file_name": "%s.pdf" % kind.replace("_", "-"),
                }
                for index, (kind, name, title) in enumerate(TOOLKIT, 1)
            ]
        )
        return True

    def _beneficiary_demo_partners(self):
        """Tuwaiq (P21-P25): an association served under an MOU with an impact report
        accepted, one whose request is being studied, one declined with its reason."""
        self.ensure_one()
        users = self._beneficiary_demo_users("tuwaiq")
        env = self._beneficiary_demo_env(users["manager"])
        service = self.env.ref(XMLID % "service_tuwaiq_partner_demo")
        requests = env["beneficiary.partner.request"]
        for name, city, region, contact, expected, objectives, _score in PARTNERS:
            region_rec = self.env.ref(XMLID % region, raise_if_not_found=False)
            partner = env["res.partner"].create(
                {
                    "name": name,
                    "is_company": True,
                    "is_partner_association": True,
                    "association_region_id": region_rec.id if region_rec else False,
                    "city": city,
                    "country_id": self.env.ref("base.sa").id,
                    "lang": "ar_001",
                    "child_ids": [Command.create({"name": contact, "function": "مدير البرامج"})],
                }
            )
            requests |= requests.create(
                {
                    "partner_id": partner.id,
                    "contact_id": partner.child_ids[:1].id,
                    "service_id": service.id,
                    "expected_beneficiaries": expected,
                    "objectives": objectives,
                    "user_id": users["manager"].id,
                }
            )
        served, studied, declined = requests
        (served | studied).action_start_study()
        for line in served.study_line_ids | studied.study_line_ids[:1]:
            line.score = str(PARTNERS[0 if line.request_id == served else 1][6])
        served.action_prioritise()
        served.action_approve()
        action = declined.action_decline()
        wizard = (
            env[action["res_model"]]
            .with_context(**action["context"])
            .create(
                {
                    "reason": "البرنامج موجه لكوادر الجمعيات وليس لجميع المستفيدين، والعدد المطلوب "
                    "يتجاوز الطاقة الاستيعابية؛ ننصح بالتقدم بدفعة أولى لا تتجاوز خمسين متدرباً."
                }
            )
        )
        wizard.action_confirm()
        self._beneficiary_demo_mou(served, users)
        return True

    def _beneficiary_demo_mou(self, request, users):
        """The MOU of ``request``: drafted, signed, in effect, its first report accepted."""
        start = fields.Date.context_today(self) + relativedelta(months=-4, day=1)
        request.write({"date_start": start, "date_end": start + relativedelta(years=1, days=-1)})
        action = request.action_create_mou()
        mou = request.env["beneficiary.mou"].browse(action["res_id"])
        mou.write(
            {
                "report_frequency": "quarterly",
                "company_signatory_name": "خالد بن أحمد العبيد",
                "company_signatory_title": "رئيس مجلس الإدارة",
                "partner_signatory_title": "مدير البرامج",
                "signed_file": demo_pdf("MOU - Tuwaiq"),
                "signed_filename": "mou-signed.pdf",
                "responsibility_ids": [
                    Command.create(
                        {
                            "party": "company",
                            "name": "تصميم البرنامج التدريبي وتوفير المدربين المعتمدين.",
                        }
                    ),
                    Command.create(
                        {
                            "party": "partner",
                            "name": "ترشيح المتدربين ورفع تقرير ربع سنوي عن الأثر المحقق.",
                        }
                    ),
                ],
            }
        )
        mou.action_sign()
        mou.action_activate()
        report = mou.report_ids.sorted("period_start")[:1]
        if report and report.period_end < fields.Date.context_today(self):
            report.write({"summary": "أتم 41 متدرباً الحقيبة الأولى، وحصل 12 منهم على وظائف."})
            report.line_ids.write({"achieved_value": 41})
            report.action_submit()
            report.action_accept()
        return mou

    def _beneficiary_demo_breach(self):
        """Aoun: a breach of health data discovered yesterday, on the SDAIA clock (PDPL)."""
        self.ensure_one()
        users = self._beneficiary_demo_users("aoun")
        env = self._beneficiary_demo_env(users["officer"])
        beneficiaries = env["beneficiary.beneficiary"].search(
            [("company_id", "=", self.id)], limit=2
        )
        env["beneficiary.data.breach"].create(
            {
                "title": "إرسال كشف المراجعين إلى مجموعة تواصل خاطئة",
                "discovered_on": fields.Datetime.now() - timedelta(hours=20),
                "cause": "wrong_recipient",
                "description": "أُرسل كشف مواعيد جلسات الإرشاد، وفيه أسماء المراجعين، إلى "
                "مجموعة تواصل لا تخص الجمعية، وحُذف بعد ساعة.",
                "data_identity": True,
                "data_health": True,
                "beneficiary_ids": [Command.set(beneficiaries.ids)],
                "estimated_count": 12,
                "risk_level": "high",
                "harm_likely": True,
            }
        )
        return True
