from odoo import models
from odoo.exceptions import UserError

from .beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequest(models.Model):
    """Conflict of interest (P35): who declared a relation to the applicant neither
    verifies nor decides the request (see beneficiary.interest.declaration)."""

    _inherit = "beneficiary.support.request"

    def _interested_users(self):
        """``{request id: set of user ids}`` with a declared interest in each request."""
        return self.env["beneficiary.interest.declaration"]._declarants_by_request(self)

    def _check_no_interest(self, action):
        if self.env.su:
            return
        uid = self.env.uid
        interested = self._interested_users()
        conflicted = [request for request in self if uid in interested.get(request.id, ())]
        if conflicted:
            raise UserError(
                self.env._(
                    "%(refs)s: you declared an interest in the applicant, so another member "
                    "of staff must %(action)s this request (conflict of interest).",
                    refs=", ".join(request.ref for request in conflicted),
                    action=action,
                )
            )

    @workflow_action
    def action_verify(self):
        self._check_no_interest(self.env._("verify"))
        return super().action_verify()

    def _check_decidable(self, label):
        self._check_no_interest(self.env._("decide"))
        return super()._check_decidable(label)
