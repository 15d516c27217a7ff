from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.mail import formataddr

from ..tools.contact import NUMBER_CHANNELS, message_channels

# The activity planned for a channel staff carry out by hand (tools/contact.py).
STAFF_ACTIVITIES = {
    "phone": "mail.mail_activity_data_call",
    "whatsapp": "mail.mail_activity_data_todo",
}


class BeneficiaryBeneficiary(models.Model):
    """How the association may reach the person (P33): the do-not-contact flags, the
    preferred channel as every sender applies it, and discreet messages.

    Every sender of mail or SMS to a beneficiary (the request's notifications, the
    satisfaction survey, suggestions' acknowledgements, the online application's notice,
    outreach invitations, breach notices, the periodic review's confirmation request)
    asks ``_br_message_channels`` which channels it may use (the rule itself lives in
    ``tools/contact.py``, which senders to people without a file call directly), and
    ``_br_discreet`` whether to send the neutral notice instead of its own text
    (``_br_send_discreet``, or ``_br_own_text_channels`` which does both).
    """

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.beneficiary"  # pylint: disable=consider-merging-classes-inherited

    no_contact_number = fields.Boolean(
        string="Do Not Contact on This Number",
        tracking=True,
        help="No SMS, WhatsApp message or call to the mobile or phone on file (e.g. a shared "
        "or family phone): messages go by email or the portal only (P33).",
    )
    no_contact_home = fields.Boolean(
        string="Do Not Contact at Home",
        tracking=True,
        help="No home visit and no letter sent to the address on file (P33).",
    )

    @api.constrains("no_contact_number", "no_contact_home", "preferred_channel")
    def _check_no_contact(self):
        for beneficiary in self:
            if beneficiary.no_contact_number and beneficiary.preferred_channel in NUMBER_CHANNELS:
                raise ValidationError(
                    self.env._(
                        "File %(ref)s must not be contacted on its number: choose email or "
                        "the portal as its preferred channel.",
                        ref=beneficiary.ref,
                    )
                )
            if beneficiary.no_contact_home and beneficiary.preferred_channel == "visit":
                raise ValidationError(
                    self.env._(
                        "File %(ref)s must not be contacted at home: a home visit cannot be "
                        "its preferred channel.",
                        ref=beneficiary.ref,
                    )
                )

    # ------------------------------------------------------------------ channels
    def _br_discreet(self):
        """Whether the association sends only neutral notices (P33)."""
        self.ensure_one()
        return self.company_id.beneficiary_discreet_messages

    def _br_number_allowed(self, partner):
        """The number of ``partner`` may be used: not the file's own number when the file
        says "do not contact on this number" (a guardian's number may)."""
        self.ensure_one()
        return not (self.no_contact_number and partner == self.partner_id)

    def _br_message_channels(self, partner, **options):
        """How to reach ``partner`` (the person or their guardian) about this file; on an
        empty recordset, a person without a file (no preference, no flag).

        :param options: those of ``tools.contact.message_channels`` (``staff``,
            ``visit``, ``single``)
        :return: dict ``email`` (bool), ``sms`` (the number or False), ``staff`` (the
            preferred channel carried out by staff: ``phone`` or ``whatsapp``, or False)
        """
        number = partner.mobile or partner.phone
        if not self:
            return message_channels(partner.email, number, **options)
        self.ensure_one()
        return message_channels(
            partner.email,
            number,
            preferred=self.preferred_channel,
            no_contact_number=not self._br_number_allowed(partner),
            **options,
        )

    def _br_staff_contact(self, record, channel, officer):
        """Plan the call (or the WhatsApp message) for ``officer`` on ``record``, with a
        neutral script: the addon sends nothing in its place."""
        self.ensure_one()
        _ = self.env._
        script = _(
            "Confirm first that you are speaking to the beneficiary (name and ID number). "
            "Do not name the association, the service, a document or a reason before "
            "that; then tell them the news of their file and that the details are on "
            "their portal account."
        )
        if channel == "whatsapp":
            summary = _("Send the beneficiary a WhatsApp message")
            note = Markup("<p>%s</p><p>%s</p>") % (
                _("Text to send: “You have a new message; please sign in to your account.”"),
                script,
            )
        else:
            summary = _("Call the beneficiary")
            note = Markup("<p>%s</p>") % script
        record.activity_schedule(
            STAFF_ACTIVITIES[channel], summary=summary, note=note, user_id=officer.id
        )

    # ------------------------------------------------------------------ discreet
    def _br_discreet_sender(self):
        self.ensure_one()
        return self.company_id._beneficiary_discreet_sender()

    def _br_discreet_from(self):
        """``"Neutral name <address>"``: the outgoing server's default address (or the
        association's email), under the neutral name."""
        self.ensure_one()
        address = (
            # sudo: only the outgoing server's default address, for the neutral sender
            self.env["ir.mail_server"].sudo()._get_default_from_address()
            or self.company_id.email
            or ""
        )
        return formataddr((self._br_discreet_sender(), address))

    def _br_send_discreet(self, partner, link, email=True, sms=False):
        """The neutral notice to ``partner``: no association, service, document or reason;
        a link to sign in and read. Not posted in a chatter (followers would be mailed):
        the caller notes that a message was sent."""
        self.ensure_one()
        file = self.with_context(lang=partner.lang or "ar_001")
        env = file.env
        sender = file._br_discreet_sender()
        text = env._("You have a new message. Sign in to your account to read it:")
        if email:
            from_address = file._br_discreet_from()
            # sudo: a neutral notice (no content) to the file's own recorded contact, after the
            # caller's checks
            env["mail.mail"].sudo().create(
                {
                    "subject": env._("You have a new message"),
                    "body_html": Markup('<p>%s</p><p><a href="%s">%s</a></p><p>%s</p>')
                    % (text, link, link, sender),
                    "email_from": from_address,
                    "reply_to": from_address,
                    "author_id": False,
                    "recipient_ids": [Command.link(partner.id)],
                    "model": False,
                    "res_id": False,
                    "auto_delete": True,
                }
            )
        if sms:
            # sudo: a neutral notice (no content) to the file's own recorded number, after the
            # caller's checks
            env["sms.sms"].sudo().create(
                {
                    "number": sms,
                    "partner_id": partner.id,
                    "body": "%s %s\n%s" % (text, link, sender),
                    "state": "outgoing",
                }
            )

    def _br_portal_link(self, record=None):
        """Where the person signs in to read: the record's portal page (no access token:
        whoever reads the phone over their shoulder cannot open it), else /my."""
        self.ensure_one()
        base = self.get_base_url()
        path = (record.access_url if record and "access_url" in record else "") or "/my"
        return base + path

    # ------------------------------------------------------------------ senders
    def _br_own_text_channels(self, record, partner, officer=None, link=None):
        """For the senders with texts of their own (``self`` may be empty: no file).

        A preferred call or WhatsApp message becomes the staff activity on ``record``; an
        association in discreet mode sends the neutral notice with ``link`` (default: the
        record's portal page).
        :return: None when that was done (send nothing else then), else the channels
            (``_br_message_channels``) for the sender's own texts
        """
        channels = self._br_message_channels(partner)
        if not self:
            return channels
        if channels["staff"]:
            self._br_staff_contact(record, channels["staff"], officer or self.env.user)
            return None
        if self._br_discreet() and (channels["email"] or channels["sms"]):
            self._br_send_discreet(
                partner,
                link or self._br_portal_link(record),
                email=channels["email"],
                sms=channels["sms"],
            )
            return None
        return channels
