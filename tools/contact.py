"""The e-mail-or-SMS choice (P33): the one place that decides how a person is reached.

Every sender asks here, through ``beneficiary.beneficiary._br_message_channels`` for a
person with a file (request notifications, satisfaction survey, suggestions, the online
application's notice, outreach invitations, breach notices, the periodic review) or
directly for a person without one (a CRM inquiry, a public suggestion).
"""

# Channels a member of staff carries out by hand: the addon plans the activity, with a
# neutral script, and sends nothing else in their place.
STAFF_CHANNELS = ("phone", "whatsapp")
# Channels that use the number on file: not a preferred channel when it is marked "do not
# contact" (beneficiary_beneficiary_contact.py).
NUMBER_CHANNELS = ("phone", "sms", "whatsapp")


def message_channels(
    email, number, preferred=False, no_contact_number=False, staff=True, visit=False, single=False
):
    """How to reach a person who has ``email`` and ``number`` (either may be False).

    :param preferred: the file's preferred channel (False for a person without a file)
    :param no_contact_number: the number must not be used ("do not contact on this
        number"): never texted, never called
    :param staff: a preferred call or WhatsApp message is staff's (an activity), nothing
        is sent in its place; False for notices the association must send (a breach)
    :param visit: a preferred home visit is staff's too (outreach invitations)
    :param single: one channel only: the SMS when the person prefers it, else the email
    :return: dict ``email`` (bool), ``sms`` (the number or False), ``staff`` (the
        preferred channel carried out by staff, or False)
    """
    if no_contact_number:
        number = False
    if visit and preferred == "visit":
        return {"email": False, "sms": False, "staff": preferred}
    if staff and number and preferred in STAFF_CHANNELS:
        return {"email": False, "sms": False, "staff": preferred}
    # Texted: who prefers SMS, or has no email.
    sms = number if number and (preferred == "sms" or not email) else False
    return {"email": bool(email) and not (single and sms), "sms": sms, "staff": False}
