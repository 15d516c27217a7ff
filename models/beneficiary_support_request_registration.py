from odoo import api, fields, models
from odoo.exceptions import UserError

REGISTERED_STATES = ("registered", "active")


class BeneficiarySupportRequest(models.Model):
    """Registration gates delivery (P11): a request is approved and its service started
    only for a registered file; until then the request says what registration lacks."""

    _inherit = "beneficiary.support.request"

    registration_missing = fields.Text(
        string="Missing for Registration", compute="_compute_registration_missing"
    )

    @api.depends("beneficiary_id.state")
    def _compute_registration_missing(self):
        for request in self:
            request.registration_missing = request._registration_missing_text()

    def _registration_missing_text(self):
        self.ensure_one()
        beneficiary = self.beneficiary_id
        if not beneficiary or beneficiary.state in REGISTERED_STATES:
            return False
        if beneficiary.state != "draft":
            return self.env._("The beneficiary's file is suspended or closed.")
        problems = beneficiary._registration_problems()
        if not problems:
            return self.env._("The file is complete: register it from the beneficiary's form.")
        return "\n".join("- %s" % problem for problem in problems)

    def _check_registered(self, action):
        problems = [
            self.env._(
                "%(ref)s cannot be %(action)s: the file %(file)s is not registered.\n%(missing)s",
                ref=request.ref,
                action=action,
                file=request.beneficiary_id.ref,
                missing=request._registration_missing_text(),
            )
            for request in self
            if request.beneficiary_id.state not in REGISTERED_STATES
        ]
        if problems:
            raise UserError("\n\n".join(problems))

    def action_approve(self):
        self._check_registered(self.env._("approved"))
        return super().action_approve()

    def _apply_decision(self, decision, reason=False):
        if decision == "approved":
            self._check_registered(self.env._("approved"))
        return super()._apply_decision(decision, reason=reason)

    def action_start_service(self):
        self._check_registered(self.env._("put in service"))
        return super().action_start_service()
