from odoo import Command

from .common import BeneficiaryCommon


class SupportRequestCommon(BeneficiaryCommon):
    """Services of the catalogue, support requests and the wizards of their workflow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["beneficiary.support.request"]
        cls.Service = cls.env["beneficiary.service"]
        cls.company.write(
            {
                "beneficiary_manager_id": cls.manager.id,
                "beneficiary_research_officer_id": cls.researcher.id,
                "beneficiary_working_days": False,
                "beneficiary_deadline_warning_days": 3,
            }
        )
        # Requests of the demo data stay out of the tests' way (cron, counts).
        cls.Request.search([]).write({"state": "cancelled"})
        # The full path: verification, social research, then the committee decides.
        cls.service = cls.create_service(name="Vocational Training")
        # Decided by staff right after verification.
        cls.service_direct = cls.create_service(
            name="Transport Voucher", requires_research=False, requires_committee=False
        )
        cls.referral_association = cls.env["res.partner"].create(
            {"name": "جمعية إنسان", "is_referral_association": True, "is_company": True}
        )
        cls.activity_research = cls.env.ref(
            "beneficiary_relations.mail_activity_type_social_research"
        )
        cls.activity_deadline = cls.env.ref("beneficiary_relations.mail_activity_type_deadline")

    # ------------------------------------------------------------------ helpers
    @classmethod
    def create_service(cls, **values):
        return cls.env["beneficiary.service"].create(
            {"name": "Service", "company_id": cls.company.id, **values}
        )

    @classmethod
    def create_request(cls, beneficiary=None, service=None, user=None, **values):
        """A draft request of ``beneficiary`` (default: a new complete file).

        A complete file still in draft is registered first, as staff do before a
        decision (P11): only registered files are approved and served.
        """
        env = cls.env(user=user) if user else cls.env
        if beneficiary is None:
            beneficiary = cls.create_beneficiary()
        if beneficiary.state == "draft" and not beneficiary._registration_problems():
            beneficiary.sudo().action_register()
        return env["beneficiary.support.request"].create(
            {
                "beneficiary_id": beneficiary.id,
                "service_id": (service or cls.service).id,
                "officer_id": cls.officer.id,
                **values,
            }
        )

    @classmethod
    def advance(cls, requests, state):
        """Take draft ``requests`` along the workflow up to ``state``."""
        path = ["submitted", "verification", "research", "committee"]
        for step in path[: path.index(state) + 1]:
            if step == "submitted":
                requests.action_submit()
            elif step == "verification":
                requests.write({"data_checked": True})
                requests.action_verify()
            elif step == "research":
                requests.action_send_to_research()
            else:
                requests.filtered(lambda r: r.state == "research").write(
                    {"research_report": "<p>زيارة منزلية: الحاجة قائمة</p>"}
                )
                requests.action_send_to_committee()
        return requests

    @staticmethod
    def open_wizard(requests, action_name, **values):
        """Click the request button ``action_name``; the wizard it opens, with ``values``."""
        action = getattr(requests, action_name)()
        return requests.env[action["res_model"]].with_context(**action["context"]).create(values)

    @classmethod
    def confirm_wizard(cls, requests, action_name, **values):
        """Click the request button ``action_name`` and confirm the wizard it opens."""
        return cls.open_wizard(requests, action_name, **values).action_confirm()

    def tracked_states(self, request):
        """``(new state label, author)`` of each state change in the chatter, oldest first."""
        self.flush_tracking()
        trackings = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", request._name),
                ("mail_message_id.res_id", "=", request.id),
                ("field_id.name", "=", "state"),
                ("field_id.model", "=", request._name),
            ],
            order="id",
        )
        return [(t.new_value_char, t.mail_message_id.author_id) for t in trackings]

    def activities(self, records, activity_type, user=None):
        domain = [
            ("res_model", "=", records._name),
            ("res_id", "in", records.ids),
            ("activity_type_id", "=", activity_type.id),
        ]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def add_members(self, beneficiary, *incomes):
        """Household members of ``beneficiary`` earning ``incomes``."""
        return self.env["beneficiary.family.member"].create(
            [
                {"beneficiary_id": beneficiary.id, "name": "فرد %s" % i, "monthly_income": income}
                for i, income in enumerate(incomes)
            ]
        )

    @staticmethod
    def set_categories(beneficiary, categories):
        beneficiary.write({"category_ids": [Command.set(categories.ids)]})
