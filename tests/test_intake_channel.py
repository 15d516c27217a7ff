from odoo.addons.beneficiary_relations.tools import saudi
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common_apply import PortalApplyCommon
from .common_request import SupportRequestCommon
from .common_rpc import JsonRpcMixin


class IntakeChannelCommon(SupportRequestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.Channel = cls.env["beneficiary.intake.channel"]
        cls.medium_phone = ref("beneficiary_relations.utm_medium_phone")
        cls.medium_website = ref("beneficiary_relations.utm_medium_website")
        cls.medium_social_media = ref("beneficiary_relations.utm_medium_social_media")
        cls.phone = ref("beneficiary_relations.intake_channel_phone")
        cls.interview = ref("beneficiary_relations.intake_channel_interview")
        cls.website = ref("beneficiary_relations.intake_channel_website")
        cls.social_media = ref("beneficiary_relations.intake_channel_social_media")
        # The first association's own channel: its interviews are held at a mall kiosk.
        cls.kiosk = cls.Channel.create(
            {
                "name": "كشك المجمع التجاري",
                "company_id": cls.company.id,
                "medium_id": cls.channel_interview.id,
            }
        )


@tagged("post_install", "-at_install")
class TestIntakeChannel(IntakeChannelCommon):
    """Intake channels in the staff's language and per association (P2, P31)."""

    def test_ten_channels_of_the_seeds_shared_and_linked_to_crm(self):
        shared = self.Channel.search([("company_id", "=", False)])
        self.assertEqual(len(shared), 10)
        self.assertTrue(all(shared.mapped("medium_id")), "each one is a CRM medium")
        self.assertEqual(self.phone.medium_id, self.medium_phone)

    def test_request_channel_shown_in_arabic(self):
        request = self.create_request(user=self.officer, channel_id=self.medium_phone.id)
        self.assertEqual(request.intake_channel_id, self.phone)
        arabic = request.with_user(self.officer).with_context(lang="ar_001")
        self.assertEqual(arabic.intake_channel_id.name, "اتصال هاتفي")
        self.assertEqual(request.with_context(lang="en_US").intake_channel_id.name, "Phone Call")
        # The CRM medium itself has one name for everybody: why the channel exists.
        self.assertEqual(arabic.channel_id.name, "Phone Call")
        # The list screen reads it in Arabic too.
        [row] = arabic.read(["intake_channel_id"])
        self.assertEqual(row["intake_channel_id"], (self.phone.id, "اتصال هاتفي"))

    def test_channel_follows_medium_at_the_counter(self):
        other = self.create_request(
            user=self.officer, service=self.service_direct, channel_id=self.medium_phone.id
        )
        self.assertEqual(other.intake_channel_id, self.phone)
        # Changing the medium (as an import or the CRM would) changes the channel.
        other.with_user(self.officer).channel_id = self.medium_website
        self.assertEqual(other.intake_channel_id, self.website)

    def test_association_own_channel_comes_first(self):
        # Interviews of the first association are shown as its own kiosk channel.
        request = self.create_request(user=self.officer)
        self.assertEqual(request.channel_id, self.channel_interview)
        self.assertEqual(request.intake_channel_id, self.kiosk)
        # The second association does not have it: the shared channel.
        service_b = self.env["beneficiary.service"].create(
            {"name": "Service B", "company_id": self.company_b.id}
        )
        file_b = self.create_beneficiary(user=self.officer_b, researcher_id=False)
        request_b = self.create_request(
            file_b, service_b, user=self.officer_b, officer_id=self.officer_b.id
        )
        self.assertEqual(request_b.company_id, self.company_b)
        self.assertEqual(request_b.channel_id, self.channel_interview)
        self.assertEqual(request_b.intake_channel_id, self.interview)

    def test_channel_picked_by_hand_sets_the_medium(self):
        request = self.create_request(user=self.officer, channel_id=self.medium_phone.id)
        request.with_user(self.officer).intake_channel_id = self.social_media
        self.assertEqual(request.channel_id, self.medium_social_media)
        self.assertEqual(request.intake_channel_id, self.social_media)
        # Created from the form, which sends the channel only.
        beneficiary = self.create_beneficiary()
        created = (
            self.env["beneficiary.support.request"]
            .with_user(self.officer)
            .create(
                {
                    "beneficiary_id": beneficiary.id,
                    "service_id": self.service.id,
                    "intake_channel_id": self.website.id,
                }
            )
        )
        self.assertEqual(created.channel_id, self.medium_website)
        self.assertEqual(created.intake_channel_id, self.website)
        # The shared interview channel picked by hand is kept, not swapped for the
        # association's own kiosk channel of the same medium.
        created.with_user(self.officer).intake_channel_id = self.interview
        self.assertEqual(created.channel_id, self.channel_interview)
        self.assertEqual(created.intake_channel_id, self.interview)

    def test_crm_conversion_keeps_the_lead_channel(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.officer)
            .create(
                {
                    "name": "طلب خدمة",
                    "type": "opportunity",
                    "requested_service_id": self.service.id,
                    "contact_name": "سارة أحمد عبدالله العتيبي",
                    "beneficiary_national_id": self.new_national_id(),
                    "medium_id": self.medium_website.id,
                }
            )
        )
        action = lead.action_convert_to_beneficiary()
        request = self.env["beneficiary.support.request"].browse(action["res_id"])
        self.assertEqual(request.channel_id, self.medium_website)
        self.assertEqual(request.intake_channel_id, self.website)

    def test_declaration_and_suggestion_channels(self):
        beneficiary = self.create_beneficiary()
        self.assertEqual(beneficiary.declaration_ids.intake_channel_id, self.kiosk)
        suggestion = (
            self.env["beneficiary.suggestion"]
            .with_user(self.officer)
            .create(
                {
                    "name": "تمديد ساعات الاستقبال",
                    "description": "أقترح فتح مكتب الاستقبال مساء يوم الخميس.",
                    "partner_id": beneficiary.partner_id.id,
                    "channel_id": self.medium_phone.id,
                }
            )
        )
        self.assertEqual(suggestion.intake_channel_id, self.phone)
        suggestion.with_user(self.officer).intake_channel_id = self.social_media
        self.assertEqual(suggestion.channel_id, self.medium_social_media)

    def test_declaration_channel_not_set_by_hand(self):
        declaration = self.create_beneficiary().declaration_ids[:1]
        with self.assertRaises(AccessError):
            declaration.with_user(self.manager).write({"intake_channel_id": self.website.id})
        self.assertEqual(declaration.intake_channel_id, self.kiosk)

    def test_own_channel_invisible_to_another_association(self):
        Channel = self.Channel.with_user(self.officer_b)
        self.assertNotIn(self.kiosk, Channel.search([]))
        self.assertIn(self.interview, Channel.search([]))
        with self.assertRaises(AccessError):
            self.kiosk.with_user(self.officer_b).read(["name"])
        self.assertIn(self.kiosk, self.Channel.with_user(self.officer).search([]))

    def test_managers_edit_channels_officers_do_not(self):
        Channel = self.Channel.with_user(self.manager)
        own = Channel.create({"name": "معرض التوظيف", "medium_id": self.medium_phone.id})
        self.assertEqual(own.company_id, self.env["res.company"], "shared unless said")
        self.kiosk.with_user(self.manager).write({"name": "كشك مجمع النخيل"})
        self.assertEqual(self.kiosk.name, "كشك مجمع النخيل")
        self.kiosk.with_user(self.manager).active = False
        self.assertFalse(self.kiosk.active)
        with self.assertRaises(AccessError):
            self.phone.with_user(self.officer).write({"name": "هاتف"})
        with self.assertRaises(AccessError):
            self.Channel.with_user(self.officer).create({"name": "قناة"})
        with self.assertRaises(AccessError):
            self.phone.with_user(self.officer).unlink()

    def test_archived_own_channel_gives_way_to_the_shared_one(self):
        self.kiosk.active = False
        request = self.create_request(user=self.officer)
        self.assertEqual(request.intake_channel_id, self.interview)


@tagged("post_install", "-at_install")
class TestIntakeChannelRpc(JsonRpcMixin, IntakeChannelCommon, HttpCase):
    """The limits of the channel list over JSON-RPC, as the web client sends them."""

    def test_officer_cannot_edit_channels_over_rpc(self):
        self.refused(
            "br_officer", "beneficiary.intake.channel", "write", [self.phone.ids, {"name": "x"}]
        )
        self.refused("br_officer", "beneficiary.intake.channel", "create", [{"name": "x"}])
        self.assertEqual(self.phone.with_context(lang="en_US").name, "Phone Call")

    def test_other_association_cannot_read_own_channel_over_rpc(self):
        self.refused("br_officer_b", "beneficiary.intake.channel", "read", [self.kiosk.ids])
        found = self.call(
            "br_officer_b", "beneficiary.intake.channel", "search_read", [[]], {"fields": ["id"]}
        )
        self.assertNotIn(self.kiosk.id, [row["id"] for row in found])

    def test_manager_adds_a_channel_over_rpc(self):
        new_id = self.call(
            "br_manager",
            "beneficiary.intake.channel",
            "create",
            [{"name": "منصة إحسان", "company_id": self.company.id}],
        )
        self.assertEqual(self.Channel.browse(new_id).company_id, self.company)


@tagged("post_install", "-at_install")
class TestIntakeChannelOnline(PortalApplyCommon):
    """An online application is received through the association's website channel."""

    def test_online_application_channel(self):
        form = self.open_form(lang="ar")
        data = self.form_data(form)
        response = self.submit(form, data, self.files(), lang="ar")
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        number = saudi.national_id_check_digit("105555123")
        beneficiary = self.Beneficiary.search([("national_id", "=", number)])
        website = self.env.ref("beneficiary_relations.intake_channel_website")
        request = self.Request.search([("beneficiary_id", "=", beneficiary.id)])
        self.assertEqual(request.intake_channel_id, website)
        self.assertEqual(beneficiary.declaration_ids.intake_channel_id, website)
        self.assertEqual(request.with_context(lang="ar_001").intake_channel_id.name, "موقع الجمعية")
