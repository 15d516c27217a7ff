from odoo import fields, models
from odoo.exceptions import UserError

from ..models.beneficiary_workflow_fields import workflow_action


class CrmLeadAnswer(models.TransientModel):
    """Answer an inquiry and close it with a reason (P4)."""

    _name = "crm.lead.answer"
    _description = "Answer an Inquiry"

    lead_id = fields.Many2one("crm.lead", required=True)
    answer = fields.Text(required=True)
    lost_reason_id = fields.Many2one(
        "crm.lost.reason",
        string="Closing Reason",
        required=True,
        default=lambda self: self.env.ref(
            "beneficiary_relations.crm_lost_reason_answered", raise_if_not_found=False
        ),
    )
    send_to_applicant = fields.Boolean(default=True)

    @workflow_action
    def action_confirm(self):
        self.ensure_one()
        lead = self.lead_id
        channel = "none"
        if self.send_to_applicant:
            channel = lead._send_inquiry_answer(self.answer)
            if channel == "none":
                raise UserError(
                    self.env._(
                        "The inquiry has no e-mail, mobile or phone to send the answer to: "
                        "add one, or untick sending and answer in person."
                    )
                )
        else:
            lead.message_post(
                body=self.env._("Answer given: %(answer)s", answer=self.answer),
                subtype_xmlid="mail.mt_note",
            )
        lead.write(
            {
                "inquiry_answer": self.answer,
                "inquiry_answered_on": fields.Datetime.now(),
                "inquiry_answer_channel": channel,
            }
        )
        lead.action_set_lost(lost_reason_id=self.lost_reason_id.id)
        return {"type": "ir.actions.act_window_close"}
