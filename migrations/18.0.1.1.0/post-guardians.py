"""Guardians (P32): the request messages go to the guardian when the file says so.

The mail and SMS templates of the requests are ``noupdate``: their recipient and language
now come from ``_message_recipient()`` (the beneficiary, or the guardian).
"""

from openupgradelib import openupgrade

EVENTS = ("received", "missing_documents", "approved", "rejected", "referred", "done")
RECIPIENT = "{{ object._message_recipient().id }}"
LANG = "{{ object._message_recipient().lang }}"


@openupgrade.migrate()
def migrate(env, version):
    for event in EVENTS:
        mail = env.ref("beneficiary_relations.mail_template_request_%s" % event, False)
        if mail and mail.partner_to == "{{ object.partner_id.id }}":
            mail.write({"partner_to": RECIPIENT, "lang": LANG})
        sms = env.ref("beneficiary_relations.sms_template_request_%s" % event, False)
        if sms and sms.lang == "{{ object.partner_id.lang }}":
            sms.write({"lang": LANG})
