import datetime
import re
import unicodedata

from lxml import etree, html
from markupsafe import Markup

from odoo import fields, models

from ..tools import hijri

# Events on which the beneficiary is told (P4, P10, P18): mail and SMS templates share
# the suffix, e.g. mail_template_request_received / sms_template_request_received.
EVENTS = ("received", "missing_documents", "approved", "rejected", "referred", "done")
SMS_CHANNELS = ("sms", "whatsapp", "phone")
# Runs of text that wkhtmltopdf draws right (see _bidi_spans): right-to-left words
# (spaces between them, no punctuation), left-to-right text (Latin letters and digits,
# with spaces and punctuation between them), or what lies between runs.
BIDI_RUN = re.compile(r"R(?:S*R)*|L(?:[SN]*L)*|[SN]+")
BIDI_SKIPPED_TAGS = {"style", "script"}


def _bidi_class(char, previous):
    """``R`` (Arabic, Hebrew), ``L`` (Latin letters, any digits), ``S`` (spaces) or
    ``N`` (punctuation and other neutrals)."""
    bidi = unicodedata.bidirectional(char)
    if bidi in ("R", "AL"):
        return "R"
    if bidi in ("L", "EN", "AN"):
        return "L"
    if bidi == "NSM":  # diacritics (harakat) follow their letter
        return previous
    if bidi == "WS" or char.isspace():
        return "S"
    return "N"


def _split_bidi_runs(text):
    """Cut ``text`` into runs of one direction, the neutrals at their ends apart."""
    classes = []
    for char in text:
        classes.append(_bidi_class(char, classes[-1] if classes else "S"))
    return [text[m.start() : m.end()] for m in BIDI_RUN.finditer("".join(classes))]


def _bidi_spans(fragment):
    """The HTML ``fragment`` with each run of one direction in its own ``<span>``.

    The wkhtmltopdf build without patched Qt draws a text node that mixes Arabic with
    punctuation or digits ("وبعد:", "وبركاته، وبعد", "المكرم/ة", "رقم 28") shifted to
    the right, past its box or over its neighbours; Arabic words alone, Latin text and
    punctuation alone are placed correctly.
    Spans without ``dir`` change nothing for a browser or a patched build.
    """
    if not str(fragment).strip():
        return fragment
    root = html.fragment_fromstring(str(fragment), create_parent="div")

    def spans(runs):
        for run in runs:
            span = etree.Element("span")
            span.text = run
            yield span

    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in BIDI_SKIPPED_TAGS:
            continue
        runs = _split_bidi_runs(element.text or "")
        if len(runs) > 1:
            element.text = None
            for index, span in enumerate(spans(runs)):
                element.insert(index, span)
        for child in list(element):
            runs = _split_bidi_runs(child.tail or "")
            if len(runs) > 1:
                child.tail = None
                for span in reversed(list(spans(runs))):
                    child.addnext(span)
    return Markup((root.text or "") + "".join(html.tostring(c, encoding="unicode") for c in root))


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
    def _letter_lang(self):
        """Language of the beneficiary's messages and letters (Arabic by default)."""
        self.ensure_one()
        return self.partner_id.lang or "ar_001"

    def _dual_date(self, date):
        """Hijri beside Gregorian in the current language, for templates and letters.

        ``1446/06/28هـ الموافق 2024/12/29م`` in Arabic, ``1446/06/28 AH (2024/12/29)``
        otherwise; Gregorian only outside the Umm al-Qura tables.
        """
        if not date:
            return ""
        if isinstance(date, datetime.datetime):
            date = fields.Datetime.context_timestamp(self, date).date()
        return hijri.dual_date_str(date, self.env.lang or "ar_001")

    def _letter_date(self):
        """Date of the decision or referral letter: the day of the decision (so that a
        letter printed again reads the same), today before any decision."""
        self.ensure_one()
        return self._dual_date(self.decision_date or fields.Date.context_today(self))

    def _rejection_reasons(self):
        """The reasons of a refusal, one per line as the decision recorded them (P18)."""
        self.ensure_one()
        return [line.strip() for line in (self.rejection_reason or "").splitlines() if line.strip()]

    def _text_dir(self):
        """``rtl`` or ``ltr``: direction of the current language, for mails and letters."""
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "ar_001")
        return "rtl" if lang.direction == "rtl" else "ltr"

    def _referral_contact(self):
        """How to reach the association the request was referred to (phone, email)."""
        self.ensure_one()
        partner = self.referral_partner_id
        return " / ".join(filter(None, [partner.phone or partner.mobile, partner.email]))

    def _letter_bidi(self, fragment):
        """The letter's body ready for wkhtmltopdf: see ``_bidi_spans``."""
        return _bidi_spans(fragment)
