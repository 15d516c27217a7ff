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
# Their SMS name reasons or documents: a neutral SMS instead when a sensitive (health)
# category is involved (P33).
SENSITIVE_SMS_EVENTS = ("rejected", "missing_documents")


class BeneficiarySupportRequest(models.Model):
    """Telling the beneficiary, in their language, through their channels."""

    _inherit = "beneficiary.support.request"

    def _notify_beneficiary(self, event):
        """Send the event's email and/or SMS; each is posted in the request's chatter.

        The file decides the channels (``_br_message_channels``): a preferred phone call
        or WhatsApp message becomes an activity for the officer, with a neutral script;
        a number marked "do not contact" is never used. An association in discreet mode
        sends only the neutral notice (P33), and a refusal's reasons never go by SMS when
        the file or the service has a sensitive category.
        """
        assert event in EVENTS, event
        mail_template = self.env.ref(
            "beneficiary_relations.mail_template_request_%s" % event, raise_if_not_found=False
        )
        sms_template = self.env.ref(
            "beneficiary_relations.sms_template_request_%s" % event, raise_if_not_found=False
        )
        _ = self.env._
        for request in self:
            file = request.beneficiary_id
            # The person, or their guardian when the file says so (P32).
            partner = request._message_recipient()
            officer = request.officer_id or self.env.user
            channels = file._br_message_channels(partner)
            if channels["staff"]:
                file._br_staff_contact(request, channels["staff"], officer)
                request.message_post(
                    body=_(
                        "The beneficiary prefers to be contacted by staff: an activity "
                        "was planned for %(officer)s, no message was sent.",
                        officer=officer.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            email = bool(mail_template and channels["email"])
            number = sms_template and channels["sms"]
            discreet = file._br_discreet()
            if discreet and (email or number):
                file._br_send_discreet(
                    partner, file._br_portal_link(request), email=email, sms=number
                )
                request.message_post(
                    body=_(
                        "A discreet notice was sent (%(channels)s): the beneficiary reads "
                        "the news on their portal account.",
                        channels=", ".join(
                            filter(None, [email and _("email"), number and _("SMS")])
                        ),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            if email:
                request.message_post_with_source(
                    mail_template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
            if number and event in SENSITIVE_SMS_EVENTS and request._br_sensitive():
                # The reasons and document names stay on the portal and in the email (P33).
                file._br_send_discreet(
                    partner, file._br_portal_link(request), email=False, sms=number
                )
            elif number:
                # Queued: the SMS gateway is called by its cron, never during the user's click.
                request._message_sms_with_template(
                    template=sms_template, partner_ids=partner.ids, put_in_queue=True
                )
            if not (email or number):
                request._br_unreachable(file, officer)

    def _br_unreachable(self, file, officer):
        _ = self.env._
        self.message_post(
            body=_(
                "The beneficiary could not be told (no email or mobile): "
                "contact them by another channel."
            ),
            subtype_xmlid="mail.mt_note",
        )
        if file.no_contact_number:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Tell the beneficiary about their request (not on the number on file)"),
                user_id=officer.id,
            )
        else:
            self.activity_schedule(
                "mail.mail_activity_data_call",
                summary=_("Tell the beneficiary about their request"),
                user_id=officer.id,
            )

    def _br_sensitive(self):
        """The file or the service has a sensitive (health) category."""
        self.ensure_one()
        categories = self.beneficiary_id.category_ids | self.service_id.category_ids
        # sudo: only whether a category is sensitive, to send a neutral message
        return any(categories.sudo().mapped("is_sensitive"))

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
