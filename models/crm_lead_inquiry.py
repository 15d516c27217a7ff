from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import deadline
from ..tools.contact import message_channels


class CrmLead(models.Model):
    """Inquiries are answered for real (P4): within a deadline, by e-mail or SMS to the
    contact data the applicant left, even without a contact record."""

    _inherit = "crm.lead"

    inquiry_deadline = fields.Date(
        string="Answer Due",
        compute="_compute_inquiry_deadline",
        store=True,
        index="btree_not_null",
    )
    inquiry_answered_on = fields.Datetime(string="Answered On", readonly=True, copy=False)
    inquiry_answer_channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS"), ("none", "Not Sent")],
        string="Answered By",
        readonly=True,
        copy=False,
    )
    inquiry_overdue = fields.Boolean(
        string="Answer Overdue",
        compute="_compute_inquiry_overdue",
        search="_search_inquiry_overdue",
    )

    @api.depends("is_inquiry", "create_date", "company_id")
    def _compute_inquiry_deadline(self):
        today = fields.Date.context_today(self)
        for lead in self:
            if not lead.is_inquiry:
                lead.inquiry_deadline = False
                continue
            company = lead.company_id or self.env.company
            start = fields.Date.context_today(self, lead.create_date) if lead.create_date else today
            lead.inquiry_deadline = deadline.add_days(
                start,
                company.beneficiary_inquiry_response_days,
                working_days=company.beneficiary_working_days,
            )

    @api.depends("inquiry_deadline", "inquiry_answered_on", "active")
    def _compute_inquiry_overdue(self):
        today = fields.Date.context_today(self)
        for lead in self:
            lead.inquiry_overdue = bool(
                lead.is_inquiry
                and lead.active
                and not lead.inquiry_answered_on
                and lead.inquiry_deadline
                and lead.inquiry_deadline < today
            )

    def _search_inquiry_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the overdue flag."))
        domain = [
            ("is_inquiry", "=", True),
            ("inquiry_answered_on", "=", False),
            ("inquiry_deadline", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _send_inquiry_answer(self, answer):
        """Send ``answer`` to the applicant: e-mail to the lead's contact or address,
        else SMS to its mobile or phone. :return: the channel used ("none" if neither)."""
        self.ensure_one()
        email = self.partner_id.email or self.email_from
        channels = message_channels(
            email,
            self.partner_id.mobile or self.mobile or self.partner_id.phone or self.phone,
            # P33: never a number marked "do not contact"
            no_contact_number=self.beneficiary_id.no_contact_number,
        )
        subject = self.env._(
            "%(company)s: the answer to your inquiry",
            company=(self.company_id or self.env.company).name,
        )
        if channels["email"]:
            body = Markup("<p>%s</p>") % answer
            if self.partner_id.email:
                self.message_post(
                    body=body,
                    subject=subject,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=self.partner_id.ids,
                )
            else:
                # No contact record: the answer goes to the address the applicant left.
                # sudo: the lead is readable and written by the wizard; to its own address
                self.env["mail.mail"].sudo().create(
                    {
                        "subject": subject,
                        "body_html": body,
                        "email_to": email,
                        "model": self._name,
                        "res_id": self.id,
                        "auto_delete": False,
                    }
                )
                self.message_post(
                    body=Markup("%s<br/>%s")
                    % (self.env._("Answer sent by e-mail to %(email)s:", email=email), answer),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            return "email"
        if channels["sms"]:
            self._message_sms(answer, sms_numbers=[channels["sms"]])
            return "sms"
        return "none"
