"""What the working lists of the demo open on (issue 18): each menu opens on a default
filter showing what needs work, so each association's demo holds records of both kinds,
made through the workflow's buttons and wizards by its own users: the committee's next
meeting planned beside the closed one, a periodic review done and one waiting for the
beneficiary's confirmation on the portal, a conflict-of-interest declaration in force and
one withdrawn, a data-subject request answered (beside the one on its clock,
models/res_company_demo_privacy.py), the policy acknowledged by the researcher while the
other staff are still asked.
"""

from datetime import timedelta

from odoo import Command, fields, models

from ..tools import saudi

XMLID = "beneficiary_relations.%s"


class ResCompany(models.Model):
    # The model is split by concern (see the project's style guide).
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _beneficiary_demo_worklists(self, code, data, envs, files):
        """Open work beside finished work in the association's lists."""
        self.ensure_one()
        self._beneficiary_demo_next_meeting(data, envs)
        self._beneficiary_demo_reviews(envs, files)
        self._beneficiary_demo_interests(data, envs)
        self._beneficiary_demo_answered_data_request(envs, files)
        self._beneficiary_demo_acknowledgement(envs)

    def _beneficiary_demo_acknowledgement(self, envs):
        """The researcher acknowledges the policy in force, with the anti-money-laundering
        reading where the association requires it (P36); the others are still asked."""
        researcher = envs["researcher"]
        acks = researcher["beneficiary.policy.acknowledgement"].search(
            [
                ("user_id", "=", researcher.uid),
                ("company_id", "=", self.id),
                ("policy_id.state", "=", "approved"),
                ("state", "!=", "acknowledged"),
            ]
        )
        acks.action_acknowledge(aml_read=self.beneficiary_policy_aml_reading)
        return acks

    def _beneficiary_demo_next_meeting(self, data, envs):
        """The secretary plans the committee's next meeting, in a week's time."""
        committee = self.env.ref(XMLID % data["committee"])
        return envs["manager"]["beneficiary.committee.meeting"].create(
            {
                "committee_id": committee.id,
                "location": "قاعة الاجتماعات - %s" % self.city,
                "date": fields.Datetime.now().replace(hour=7, minute=0, second=0)
                + timedelta(days=7),
                "attendee_ids": [Command.set(committee.member_ids.ids)],
            }
        )

    def _beneficiary_demo_reviews(self, envs, files):
        """The researcher reviews two registered files (P19): one still eligible, closed;
        the online applicant asked to confirm their data on the portal within two weeks."""
        Review = envs["researcher"]["beneficiary.review.record"]
        Review.create(
            {
                "beneficiary_ids": [Command.set(files["verification"].ids)],
                "result": "eligible",
                "notes": "مراجعة دورية: البيانات والمستندات سارية، ولم تتغير ظروف الأسرة.",
            }
        ).action_confirm()
        Review.create(
            {
                "beneficiary_ids": [Command.set(files["online"].ids)],
                "result": "eligible",
                "notes": "مراجعة دورية: يُطلب من المستفيد تأكيد بياناته عبر البوابة.",
                "ask_beneficiary": True,
                "confirm_by": fields.Date.context_today(self) + timedelta(days=14),
            }
        ).action_confirm()

    def _beneficiary_demo_interests(self, data, envs):
        """A committee member declares a neighbour who may apply (in force, P35), and
        withdraws an earlier declaration that no longer holds."""
        Declaration = envs["committee"]["beneficiary.interest.declaration"]
        serial = data["number"] * 100
        active, withdrawn = Declaration.create(
            [
                {
                    "national_id": saudi.national_id_check_digit("1%08d" % (50000000 + serial)),
                    "person_name": "عبدالله سالم الغامدي",
                    "relation": "neighbour",
                    "note": "جار في الحي نفسه، وقد يتقدم بطلب إلى الجمعية.",
                },
                {
                    "national_id": saudi.national_id_check_digit("1%08d" % (50000000 + serial + 1)),
                    "person_name": "خالد فهد الدوسري",
                    "relation": "work",
                    "note": "زميل في جهة العمل السابقة؛ انتهت العلاقة.",
                },
            ]
        )
        withdrawn.action_withdraw()
        return active

    def _beneficiary_demo_answered_data_request(self, envs, files):
        """An applicant asked at the counter which of their data the association keeps;
        the officer checked the ID and answered within the 30 days (PDPL)."""
        beneficiary = files["research"]
        request = self._beneficiary_demo_counter_data_request(
            envs["officer"],
            beneficiary,
            "access",
            "أرغب في معرفة البيانات المسجلة في ملفي لدى الجمعية.",
        )
        request.action_verify_identity()
        request.action_start()
        request.write(
            {
                "answer": "سُلّم المستفيد بيانًا بما في ملفه: الهوية والتواصل والعنوان الوطني "
                "والفئات والمستندات المرفقة والطلبات وحالتها."
            }
        )
        request.action_answer()
        return request
