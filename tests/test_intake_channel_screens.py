from odoo import fields
from odoo.addons.beneficiary_relations.models.beneficiary_workflow_fields import trusted_write
from odoo.tests import Form, tagged

from .test_intake_channel import IntakeChannelCommon

AR = "ar_001"


@tagged("post_install", "-at_install", "intake_channel")
class TestIntakeChannelScreens(IntakeChannelCommon):
    """The signature wizard, the reach and satisfaction reports and the CRM intake show
    the association's own translatable channels, not the shared ``utm.medium`` names,
    and group by them per association (P2, P31)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(AR)
        cls.service_b = cls.env["beneficiary.service"].create(
            {"name": "Service B", "company_id": cls.company_b.id}
        )

    # ------------------------------------------------------------------ wizard
    def test_sign_wizard_shows_and_records_the_channel_in_arabic(self):
        beneficiary = self.create_beneficiary(declaration=False, consent=False)
        Sign = (
            self.env["beneficiary.beneficiary.sign"]
            .with_user(self.officer)
            .with_context(lang=AR, default_beneficiary_id=beneficiary.id)
        )
        with Form(Sign) as form:
            # The association's own channel for interviews comes first.
            self.assertEqual(form.intake_channel_id, self.kiosk)
            form.intake_channel_id = self.phone
            self.assertEqual(form.intake_channel_id.name, "اتصال هاتفي")
            self.assertEqual(form.channel_id, self.medium_phone, "the CRM medium follows")
            form.accept_declaration = True
            form.accept_consent = True
        form.record.action_confirm()
        declarations = beneficiary.declaration_ids.with_context(lang=AR)
        self.assertEqual(len(declarations), 2)
        self.assertEqual(declarations.intake_channel_id, self.phone)
        self.assertEqual(declarations.channel_id, self.medium_phone)
        self.assertEqual(set(declarations.mapped("intake_channel_id.name")), {"اتصال هاتفي"})

    def test_sign_wizard_keeps_a_shared_channel_picked_by_hand(self):
        beneficiary = self.create_beneficiary(declaration=False, consent=False)
        wizard = (
            self.env["beneficiary.beneficiary.sign"]
            .with_user(self.officer)
            .with_context(default_beneficiary_id=beneficiary.id)
            .create(
                {
                    "accept_declaration": True,
                    "accept_consent": True,
                    "signer_name": beneficiary.name,
                    "intake_channel_id": self.interview.id,
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(beneficiary.declaration_ids.intake_channel_id, self.interview)
        # An association's channel without a CRM medium is recorded as it is.
        fair = self.Channel.create({"name": "معرض التوظيف", "company_id": self.company.id})
        other = self.create_beneficiary(declaration=False, consent=False)
        (
            self.env["beneficiary.beneficiary.sign"]
            .with_user(self.officer)
            .with_context(default_beneficiary_id=other.id)
            .create(
                {
                    "accept_declaration": True,
                    "signer_name": other.name,
                    "intake_channel_id": fair.id,
                }
            )
            .action_confirm()
        )
        self.assertEqual(other.declaration_ids.intake_channel_id, fair)
        self.assertTrue(other.message_ids.filtered(lambda m: "معرض التوظيف" in str(m.body)))

    # ------------------------------------------------------------------- reach
    def test_reach_report_by_channel_in_arabic_and_per_association(self):
        Reach = self.env["beneficiary.reach"]
        own = Reach.with_user(self.officer).create(
            {"name": "مقابلات المجمع", "intake_channel_id": self.kiosk.id, "reach_count": 40}
        )
        self.assertEqual(own.channel_id, self.channel_interview, "the CRM medium follows")
        phone = Reach.with_user(self.officer).create(
            {"name": "حملة اتصال", "intake_channel_id": self.phone.id, "reach_count": 25}
        )
        self.assertEqual(phone.channel_id, self.medium_phone)
        # The second association's interviews (same CRM medium): its shared channel.
        other = Reach.with_user(self.officer_b).create(
            {
                "name": "مقابلات الفرع",
                "channel_id": self.channel_interview.id,
                "reach_count": 7,
                "company_id": self.company_b.id,
            }
        )
        self.assertEqual(other.intake_channel_id, self.interview)
        groups = (
            Reach.with_user(self.officer)
            .with_context(lang=AR)
            .read_group(
                [("id", "in", (own | phone | other).ids)],
                ["reach_count:sum"],
                ["intake_channel_id"],
            )
        )
        by_channel = {g["intake_channel_id"][1]: g["reach_count"] for g in groups}
        # The officer of the first association sees its own lines only.
        self.assertEqual(by_channel, {"كشك المجمع التجاري": 40, "اتصال هاتفي": 25})
        groups_b = (
            Reach.with_user(self.officer_b)
            .with_context(lang=AR)
            .read_group([("id", "in", other.ids)], ["reach_count:sum"], ["intake_channel_id"])
        )
        self.assertEqual(
            [(g["intake_channel_id"][1], g["reach_count"]) for g in groups_b], [("المقابلة", 7)]
        )

    # ------------------------------------------------------------ satisfaction
    def invited(self, beneficiary, service, user):
        request = self.create_request(beneficiary, service, user=user)
        with trusted_write():
            request.write(
                {"satisfaction_invite_date": fields.Datetime.now(), "satisfaction_state": "invited"}
            )
        return request

    def test_satisfaction_report_groups_by_channel_per_association(self):
        request_a = self.invited(self.create_beneficiary(), self.service, self.officer)
        file_b = self.create_beneficiary(user=self.officer_b, researcher_id=False)
        request_b = self.create_request(
            file_b, self.service_b, user=self.officer_b, officer_id=self.officer_b.id
        )
        with trusted_write():
            request_b.write(
                {"satisfaction_invite_date": fields.Datetime.now(), "satisfaction_state": "invited"}
            )
        self.assertEqual(request_a.intake_channel_id, self.kiosk)
        self.assertEqual(request_b.intake_channel_id, self.interview)
        self.env.flush_all()
        Report = self.env["beneficiary.satisfaction.report"].with_context(lang=AR)
        rows = Report.search([("service_id", "in", (self.service | self.service_b).ids)]).read(
            ["company_id", "intake_channel_id", "invited_count"]
        )
        seen = {(row["company_id"][0], row["intake_channel_id"][1]) for row in rows}
        self.assertEqual(
            seen,
            {(self.company.id, "كشك المجمع التجاري"), (self.company_b.id, "المقابلة")},
            "one channel per association, named in Arabic",
        )
        groups = Report.read_group(
            [("service_id", "in", (self.service | self.service_b).ids)],
            ["invited_count:sum"],
            ["intake_channel_id"],
        )
        self.assertEqual(
            sorted((g["intake_channel_id"][1], g["invited_count"]) for g in groups),
            [("المقابلة", 1), ("كشك المجمع التجاري", 1)],
        )

    # --------------------------------------------------------------------- CRM
    def lead(self, user=None, **values):
        return (
            self.env["crm.lead"]
            .with_user(user or self.officer)
            .create(
                {
                    "name": "طلب خدمة",
                    "type": "opportunity",
                    "requested_service_id": self.service.id,
                    "contact_name": "سارة أحمد عبدالله العتيبي",
                    "beneficiary_national_id": self.new_national_id(),
                    **values,
                }
            )
        )

    def test_crm_lead_shows_the_channel_in_arabic(self):
        lead = self.lead(medium_id=self.medium_phone.id)
        self.assertEqual(lead.beneficiary_intake_channel_id, self.phone)
        self.assertEqual(
            lead.with_context(lang=AR).beneficiary_intake_channel_id.name, "اتصال هاتفي"
        )
        # The intake screens group the leads by channel, in the user's language.
        groups = (
            self.env["crm.lead"]
            .with_user(self.officer)
            .with_context(lang=AR)
            .read_group([("id", "=", lead.id)], ["__count"], ["beneficiary_intake_channel_id"])
        )
        self.assertEqual(groups[0]["beneficiary_intake_channel_id"][1], "اتصال هاتفي")
        # The association's own channel for the interview medium.
        interview = self.lead(medium_id=self.channel_interview.id)
        self.assertEqual(interview.beneficiary_intake_channel_id, self.kiosk)

    def test_crm_channel_picked_by_hand_sets_the_medium_and_is_kept(self):
        lead = self.lead(beneficiary_intake_channel_id=self.social_media.id)
        self.assertEqual(lead.medium_id, self.medium_social_media)
        self.assertEqual(lead.beneficiary_intake_channel_id, self.social_media)
        # The shared interview channel picked by hand is not swapped for the kiosk.
        lead.beneficiary_intake_channel_id = self.interview
        self.assertEqual(lead.medium_id, self.channel_interview)
        self.assertEqual(lead.beneficiary_intake_channel_id, self.interview)
        action = lead.action_convert_to_beneficiary()
        request = self.env["beneficiary.support.request"].browse(action["res_id"])
        self.assertEqual(request.intake_channel_id, self.interview, "the converted lead's")
        self.assertEqual(request.channel_id, self.channel_interview)

    def test_crm_views_show_the_intake_channel_not_the_medium(self):
        for xmlid in (
            "beneficiary_relations.crm_lead_view_list_beneficiary_intake",
            "beneficiary_relations.crm_lead_view_pivot_beneficiary_intake",
            "beneficiary_relations.crm_lead_view_graph_beneficiary_intake",
            "beneficiary_relations.crm_lead_view_form_quick_create_beneficiary_intake",
        ):
            arch = self.env.ref(xmlid).arch
            self.assertIn('name="beneficiary_intake_channel_id"', arch, xmlid)
            self.assertNotIn('name="medium_id"', arch, xmlid)
