from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..models.beneficiary_review import RESULTS
from ..models.beneficiary_workflow_fields import workflow_action


class BeneficiaryReviewRecord(models.TransientModel):
    """Record the outcome of a periodic review (P19)."""

    _name = "beneficiary.review.record"
    _description = "Record a Periodic Review"

    beneficiary_ids = fields.Many2many("beneficiary.beneficiary", required=True)
    result = fields.Selection(RESULTS, required=True, default="eligible")
    notes = fields.Text()
    reason = fields.Text(string="Reason for Suspension")
    ask_beneficiary = fields.Boolean(
        string="Ask the Beneficiary to Confirm Their Data",
        help="The beneficiary is asked to confirm or update their data and documents on "
        "the portal by the date given.",
    )
    confirm_by = fields.Date()

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        # Records the files the user may change (access rules checked on the write).
        self.beneficiary_ids.check_access("write")
        if not self.env.user.has_group("beneficiary_relations.group_beneficiary_officer"):
            raise AccessError(self.env._("Only beneficiary relations staff record reviews."))
        if self.ask_beneficiary and not self.confirm_by:
            raise UserError(self.env._("Give the date by which the beneficiary confirms."))
        self.beneficiary_ids._record_review(
            self.result,
            notes=self.notes,
            reason=self.reason,
            confirm_by=self.ask_beneficiary and self.confirm_by,
        )
        return {"type": "ir.actions.act_window_close"}
