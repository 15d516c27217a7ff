from odoo import fields, models

# Events on which the beneficiary is told (P4, P10, P18): mail and SMS templates share
# the suffix, e.g. mail_template_request_received / sms_template_request_received.
EVENTS = (
    "received",
    "missing_documents",
    "approved",
    "rejected",
    "referred",
    "done",
    # The decision on an appeal (P29): beneficiary_support_request_appeal.py
    "appeal_upheld",
    "appeal_overturned",
)
SMS_CHANNELS = ("sms", "whatsapp", "phone")


class BeneficiarySupportRequest(models.Model):
    """Telling the beneficiary, in their language, through their channels."""

    _inherit = "beneficiary.support.request"

    def _notify_beneficiary(self, event):
        """Send the event's email and/or SMS; each is posted in the request's chatter."""
        assert event in EVENTS, event
        mail_template = self.env.ref(
            "beneficiary_relations.mail_template_request_%s" % event, raise_if_not_found=False
        )
        sms_template = self.env.ref(
            "beneficiary_relations.sms_template_request_%s" % event, raise_if_not_found=False
        )
        for request in self:
            # The person, or their guardian when the file says so (P32).
            partner = request._message_recipient()
            sent = False
            if mail_template and partner.email:
                request.message_post_with_source(
                    mail_template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
                sent = True
            number = partner.mobile or partner.phone
            wants_sms = request.beneficiary_id.preferred_channel in SMS_CHANNELS
            if sms_template and number and (wants_sms or not sent):
                # Queued: the SMS gateway is called by its cron, never during the user's click.
                request._message_sms_with_template(
                    template=sms_template, partner_ids=partner.ids, put_in_queue=True
                )
                sent = True
            if not sent:
                request.message_post(
                    body=self.env._(
                        "The beneficiary could not be told (no email or mobile): "
                        "contact them by another channel."
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                request.activity_schedule(
                    "mail.mail_activity_data_call",
                    summary=self.env._("Tell the beneficiary about their request"),
                    user_id=(request.officer_id or self.env.user).id,
                )

    # ------------------------------------------------- helpers for templates and letters
    def _message_recipient(self):
        """Who the messages about the request go to: the beneficiary, or their guardian
        when the file says so (P32)."""
        self.ensure_one()
        return self.beneficiary_id._message_recipient() if self.beneficiary_id else self.partner_id

    def _print_lang(self):
        """Language of the beneficiary's messages and letters (Arabic by default)."""
        self.ensure_one()
        return self.partner_id.lang or "ar_001"

    def _letter_date(self):
        """Date of the decision or referral letter: the day of the decision (so that a
        letter printed again reads the same), today before any decision."""
        self.ensure_one()
        return self._dual_date(self.decision_date or fields.Date.context_today(self))

    def _rejection_reasons(self):
        """The reasons of a refusal, one per line as the decision recorded them (P18)."""
        self.ensure_one()
        return [line.strip() for line in (self.rejection_reason or "").splitlines() if line.strip()]

    def _referral_contact(self):
        """How to reach the association the request was referred to (phone, email)."""
        self.ensure_one()
        partner = self.referral_partner_id
        return " / ".join(filter(None, [partner.phone or partner.mobile, partner.email]))
