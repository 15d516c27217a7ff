from odoo import api, fields, models
from odoo.exceptions import AccessError

from .beneficiary_workflow_fields import workflow_action

MANAGER = "beneficiary_relations.group_beneficiary_manager"
RESEARCHER = "beneficiary_relations.group_beneficiary_researcher"


class BeneficiaryBeneficiary(models.Model):
    """Who follows the file (threat model, principle 3).

    The social researcher reads the file's confidential data: a manager assigns them
    (``_access_fields`` on the file); an officer proposes one, and the manager assigns
    the proposal with one button. Every change is posted in the chatter.
    """

    _inherit = "beneficiary.beneficiary"

    proposed_researcher_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(RESEARCHER).id)],
        help="An officer proposes; a manager assigns the researcher, who then reads the "
        "confidential file.",
    )
    user_is_beneficiary_manager = fields.Boolean(compute="_compute_user_is_beneficiary_manager")

    @api.depends_context("uid")
    def _compute_user_is_beneficiary_manager(self):
        self.user_is_beneficiary_manager = self.env.user.has_group(MANAGER)

    def _access_field_allowed(self, name, vals, creating):
        # A new file gets its own new contact, or the contact of an intake or an
        # online application; relinking an existing file is a manager's decision.
        if name == "partner_id" and creating:
            return True
        return super()._access_field_allowed(name, vals, creating)

    @workflow_action
    def action_assign_proposed_researcher(self):
        """A manager assigns the researcher an officer proposed."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only a manager assigns the social researcher."))
        for beneficiary in self.filtered("proposed_researcher_id"):
            beneficiary.write(
                {
                    "researcher_id": beneficiary.proposed_researcher_id.id,
                    "proposed_researcher_id": False,
                }
            )
