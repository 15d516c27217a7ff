import base64
import itertools
from contextlib import contextmanager
from datetime import date, timedelta

from odoo import Command, fields
from odoo.addons.beneficiary_relations.models.beneficiary_workflow_fields import trusted_write
from odoo.addons.beneficiary_relations.tools import saudi
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.tests import TransactionCase

# The smallest file ``guess_mimetype`` recognises as a PDF.
TINY_PDF = base64.b64encode(
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

GROUP_OFFICER = "beneficiary_relations.group_beneficiary_officer"
GROUP_RESEARCHER = "beneficiary_relations.group_beneficiary_researcher"
GROUP_COMMITTEE = "beneficiary_relations.group_beneficiary_committee"
GROUP_PARTNERSHIPS = "beneficiary_relations.group_beneficiary_partnerships"
GROUP_MANAGER = "beneficiary_relations.group_beneficiary_manager"

# Numbers handed out by the helpers: far from the demo data's and from the fixed numbers
# the tests use (1000000008, 2000000006).
_SEQUENCE = itertools.count(1)


class BeneficiaryCommon(TransactionCase):
    """Users of every role, a second association and a complete beneficiary file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["beneficiary.beneficiary"])
        cls.company = cls.env.ref("base.main_company")
        cls.company_b = cls.env["res.company"].create(
            {"name": "جمعية الاختبار الثانية", "country_id": cls.env.ref("base.sa").id}
        )
        cls.saudi_arabia = cls.env.ref("base.sa")
        cls.egypt = cls.env.ref("base.eg")

        def user(login, groups, **kwargs):
            return mail_new_test_user(
                cls.env,
                login=login,
                groups=groups,
                name=kwargs.pop("name", login),
                email=f"{login}@example.com",
                company_id=kwargs.pop("company_id", cls.company.id),
                company_ids=kwargs.pop("company_ids", [Command.set(cls.company.ids)]),
                **kwargs,
            )

        cls.officer = user("br_officer", GROUP_OFFICER, name="موظف الاستقبال")
        cls.researcher = user("br_researcher", GROUP_RESEARCHER, name="الباحثة سارة")
        cls.researcher2 = user("br_researcher2", GROUP_RESEARCHER, name="الباحث خالد")
        cls.committee = user("br_committee", GROUP_COMMITTEE, name="عضو اللجنة")
        cls.partnerships = user("br_partnerships", GROUP_PARTNERSHIPS, name="الشراكات")
        cls.manager = user("br_manager", GROUP_MANAGER, name="مدير العلاقات")
        cls.portal_user = user("br_portal", "base.group_portal", name="مستفيد البوابة")
        cls.officer_b = user(
            "br_officer_b",
            GROUP_OFFICER,
            name="موظف الجمعية الثانية",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

        # Configuration from the addon's data files.
        ref = cls.env.ref
        cls.category_disability = ref("beneficiary_relations.category_disability")
        cls.category_orphan = ref("beneficiary_relations.category_orphan")
        cls.category_social_security = ref("beneficiary_relations.category_social_security")
        cls.category_job_seeker = ref("beneficiary_relations.category_job_seeker")
        cls.category_patient = ref("beneficiary_relations.category_patient")
        cls.category_recovery = ref("beneficiary_relations.category_recovery")
        cls.doc_national_id = ref("beneficiary_relations.document_type_national_id")
        cls.doc_national_address = ref("beneficiary_relations.document_type_national_address")
        cls.doc_cv = ref("beneficiary_relations.document_type_cv")
        cls.doc_qualification = ref("beneficiary_relations.document_type_qualification")
        cls.doc_disability_report = ref("beneficiary_relations.document_type_disability_report")
        cls.channel_interview = ref("beneficiary_relations.utm_medium_interview")
        cls.review_activity_type = ref(
            "beneficiary_relations.mail_activity_type_beneficiary_review"
        )

    # ------------------------------------------------------------------ helpers
    @classmethod
    def new_national_id(cls, prefix="1"):
        """A valid, unused national ID (prefix 1) or Iqama number (prefix 2)."""
        return saudi.national_id_check_digit("%s7%07d" % (prefix, next(_SEQUENCE)))

    @classmethod
    def beneficiary_values(cls, **values):
        """Every field a direct beneficiary needs to be registered, with unique ID/mobile."""
        number = next(_SEQUENCE)
        return {
            "first_name": "محمد",
            "father_name": "عبدالله",
            "grandfather_name": "سعد",
            "family_name": "القحطاني",
            "national_id": cls.new_national_id(),
            "birth_date": date(1985, 1, 1) + timedelta(days=number),
            "gender": "male",
            "mobile": "+966 59 %03d %04d" % (number // 10000, number % 10000),
            "building_number": "2929",
            "street": "طريق الملك فهد",
            "district": "العليا",
            "city": "الرياض",
            "zip": "12244",
            "additional_number": "7788",
            "short_address": "RRRD2929",
            **values,
        }

    @classmethod
    def create_beneficiary(
        cls,
        user=None,
        categories=None,
        documents=True,
        declaration=True,
        consent=True,
        **values,
    ):
        """A draft file ready to be registered: data, verified documents, signatures.

        :param user: creates the file (and its documents and signatures) as this user
        :param categories: ``beneficiary.category`` records (default: job seekers)
        :param documents: add a verified document for each required document type
        :param declaration: record the signed declaration of correct data (P9)
        :param consent: record the consent to the service terms (P12)
        """
        env = cls.env(user=user) if user else cls.env
        if categories is None:
            categories = cls.category_job_seeker
        values.setdefault("category_ids", [Command.set(categories.ids)])
        # The fixture stands for the registration steps (a manager assigning the
        # researcher, an officer verifying documents): it writes what those actions write.
        values.setdefault("researcher_id", cls.researcher.id)
        with trusted_write():
            return cls._create_beneficiary(env, values, documents, declaration, consent)

    @classmethod
    def _create_beneficiary(cls, env, values, documents, declaration, consent):
        beneficiary = env["beneficiary.beneficiary"].create(cls.beneficiary_values(**values))
        if documents:
            doc_types = beneficiary.category_ids.document_type_ids
            env["beneficiary.document"].create(
                [
                    {
                        "beneficiary_id": beneficiary.id,
                        "document_type_id": doc_type.id,
                        "file": TINY_PDF,
                        "file_name": "%s.pdf" % doc_type.code,
                        "expiry_date": cls.today + timedelta(days=700)
                        if doc_type.has_expiry
                        else False,
                        "state": "verified",
                    }
                    for doc_type in doc_types
                ]
            )
        if declaration or consent:
            cls.sign(beneficiary, declaration=declaration, consent=consent)
        return beneficiary

    @classmethod
    def sign(cls, beneficiary, declaration=True, consent=True):
        """Record the declaration and/or consent through the signature wizard."""
        wizard = (
            beneficiary.env["beneficiary.beneficiary.sign"]
            .with_context(default_beneficiary_id=beneficiary.id)
            .create(
                {
                    "accept_declaration": declaration,
                    "accept_consent": consent,
                    "signer_name": beneficiary.name,
                    "channel_id": cls.channel_interview.id,
                }
            )
        )
        return wizard.action_confirm()

    @staticmethod
    def transition(beneficiaries, action, reason):
        """Run the suspend/close wizard opened by ``action`` with ``reason``."""
        result = getattr(beneficiaries, action)()
        wizard = (
            beneficiaries.env[result["res_model"]]
            .with_context(**result["context"])
            .create({"reason": reason})
        )
        return wizard.action_confirm()

    @contextmanager
    def assertRaisesText(self, exception, pattern):
        """``assertRaises`` (rolled back to a savepoint) that also checks the message."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    def flush_tracking(self):
        """Create the tracking values, as the end of the transaction does."""
        self.env.flush_all()
        self.env.cr.flush()

    def tracked_values(self, record, field_name):
        """New values of ``field_name`` tracked in the chatter of ``record``, oldest first."""
        self.flush_tracking()
        trackings = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", record._name),
                ("mail_message_id.res_id", "=", record.id),
                ("field_id.name", "=", field_name),
                ("field_id.model", "=", record._name),
            ],
            order="id",
        )
        return [t.new_value_char or t.new_value_text for t in trackings]
