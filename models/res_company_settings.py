from odoo import models
from odoo.exceptions import AccessError

MANAGER = "beneficiary_relations.group_beneficiary_manager"
# What an association's beneficiary relations manager configures without being an Odoo
# administrator (issue: managers configure their association).
MANAGER_SETTINGS = frozenset(
    {
        "beneficiary_review_months",
        "beneficiary_working_days",
        "beneficiary_deadline_warning_days",
        "beneficiary_manager_id",
        "beneficiary_research_officer_id",
        "beneficiary_research_officer_ids",
        "beneficiary_portal_officer_id",
        "beneficiary_survey_reminder_days",
        "beneficiary_satisfaction_threshold",
        "beneficiary_suggestion_response_days",
        "beneficiary_inquiry_response_days",
        "partner_priority_weight_impact",
        "partner_priority_weight_need",
        "partner_priority_weight_served",
        "partner_report_reminder_days",
        "beneficiary_anonymise_years",
        "beneficiary_draft_anonymise_days",
        "beneficiary_discreet_messages",
        "beneficiary_discreet_sender",
        "beneficiary_dpo_name",
        "beneficiary_dpo_email",
        "beneficiary_dpo_phone",
        "beneficiary_appeal_days",
        "beneficiary_fairness_min_group",
        "beneficiary_policy_aml_reading",
        "resource_calendar_id",
    }
)


class ResCompany(models.Model):
    """Beneficiary relations managers write their own association's settings, and
    nothing else of the company (its name, currency or users stay the administrators')."""

    _inherit = "res.company"

    def write(self, vals):
        user = self.env.user
        if (
            not self.env.su
            and not user.has_group("base.group_erp_manager")
            and user.has_group(MANAGER)
        ):
            other = set(vals) - MANAGER_SETTINGS
            if other:
                raise AccessError(
                    self.env._(
                        "Beneficiary relations managers change only the association's "
                        "beneficiary relations settings."
                    )
                )
            if self - user.company_ids:
                raise AccessError(self.env._("You may change only your own association."))
        return super().write(vals)

    def action_open_beneficiary_settings(self):
        """The current association's settings form (managers)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Association Settings"),
            "res_model": "res.company",
            "res_id": self.env.company.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("beneficiary_relations.res_company_view_form_beneficiary").id, "form")
            ],
            "target": "current",
        }
