from markupsafe import Markup

from odoo import models

from .beneficiary_workflow_fields import workflow_action

RESEARCH_ACTIVITY = "beneficiary_relations.mail_activity_type_social_research"


class BeneficiarySupportRequest(models.Model):
    """The social research of a file marked "do not contact at home" (P33): the
    researcher's activity says that the interview is not a home visit."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    @workflow_action
    def action_send_to_research(self):
        res = super().action_send_to_research()
        not_home = self.filtered("beneficiary_id.no_contact_home")
        if not_home:
            activities = self.env["mail.activity"].search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", not_home.ids),
                    ("activity_type_id", "=", self.env.ref(RESEARCH_ACTIVITY).id),
                ]
            )
            activities.write(
                {
                    "note": Markup("<p>%s</p>")
                    % self.env._(
                        "Do not contact at home: no home visit. Meet the beneficiary at "
                        "the association, or by video."
                    )
                }
            )
        return res
