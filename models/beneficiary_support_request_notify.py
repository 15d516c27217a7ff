from odoo import models

# Events on which the beneficiary is told (P4, P10, P18): mail and SMS templates share
# the suffix, e.g. mail_template_request_received / sms_template_request_received.
EVENTS = ("received", "missing_documents", "approved", "rejected", "referred", "done")
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
            partner = request.partner_id
            sent = False
            if mail_template and partner.email:
                request.message_post_with_source(
                    mail_template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
                sent = True
            number = partner.mobile or partner.phone
            wants_sms = request.beneficiary_id.preferred_channel in SMS_CHANNELS
            if sms_template and number and (wants_sms or not sent):
                request._message_sms_with_template(template=sms_template, partner_ids=partner.ids)
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
