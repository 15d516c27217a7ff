"""Personal data in the five demo associations (issue 16), called from
demo/beneficiary_associations_flows_demo.xml through the workflow's actions: the data
protection officer's contact, a privacy notice (in force with the approved policy, else a
draft prepared with the policy being approved), a data-subject request the officer is
handling, and Aoun's discreet messages."""

from odoo import models

from ..tools.demo_associations import ASSOCIATIONS, DISCREET, PRIVACY


class ResCompany(models.Model):
    # The model is split by concern (see the project's style guide).
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _beneficiary_demo_privacy(self, code):
        self.ensure_one()
        data = PRIVACY[code]
        users = self._beneficiary_demo_users(code)
        name, email, phone = data["dpo"]
        values = {
            "beneficiary_dpo_name": name,
            "beneficiary_dpo_email": email,
            "beneficiary_dpo_phone": phone,
        }
        if code in DISCREET:
            values.update(
                beneficiary_discreet_messages=True, beneficiary_discreet_sender=DISCREET[code]
            )
        self.write(values)
        self._beneficiary_demo_notice(users)
        self._beneficiary_demo_data_request(code, users, data["data_request"])
        return True

    def _beneficiary_demo_notice(self, users):
        """The manager prepares the notice with the policy: approved with it when the
        board approved the policy, else it goes in force when the policy is approved."""
        env = self._beneficiary_demo_env(users["manager"])
        Policy = env["beneficiary.policy"]
        company = [("company_id", "=", self.id)]
        policy = Policy.search([*company, ("state", "=", "approved")], limit=1) or Policy.search(
            [*company, ("state", "=", "draft")], order="id desc", limit=1
        )
        notice = env["beneficiary.privacy.notice"].create(
            {"version": "1.0", "company_id": self.id, "policy_id": policy.id}
        )
        if policy.state == "approved":
            notice.action_approve()
        return notice

    def _beneficiary_demo_counter_data_request(self, env, beneficiary, kind, details):
        """A person's rights request taken at the counter, the ID seen by the officer."""
        return env["beneficiary.data.subject.request"].create(
            {
                "kind": kind,
                "details": details,
                "company_id": self.id,
                "requester_name": beneficiary.name,
                "requester_mobile": beneficiary.mobile,
                "beneficiary_id": beneficiary.id,
                "identity_method": "counter",
                "identity_note": "اطلع الموظف على الهوية الوطنية الأصلية في مكتب الاستقبال.",
            }
        )

    def _beneficiary_demo_data_request(self, code, users, spec):
        """A served beneficiary asks at the counter; the officer checks the ID and, for
        some, starts gathering the data: the 30-day clock is running."""
        kind, details, step = spec
        env = self._beneficiary_demo_env(users["officer"])
        service = self.env.ref("beneficiary_relations.%s" % ASSOCIATIONS[code]["service"])
        beneficiary = (
            env["beneficiary.support.request"]
            .search([("service_id", "=", service.id), ("state", "=", "done")], limit=1)
            .beneficiary_id
        )
        request = self._beneficiary_demo_counter_data_request(env, beneficiary, kind, details)
        if step in ("verified", "in_progress"):
            request.action_verify_identity()
        if step == "in_progress":
            request.action_start()
        return request
