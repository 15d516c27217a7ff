"""The "request received" SMS now carries the link to follow the request (P5: applicants
without an e-mail are followed by SMS). The template is ``noupdate``: set its new text in
English and, where Arabic is installed, in Arabic."""

from openupgradelib import openupgrade

BODY = {
    "en_US": "{{ object.company_id.name }}: we received your request {{ object.ref }}. "
    "Expected decision date: {{ object._dual_date(object.decision_deadline) }}. "
    "Follow it: {{ object.get_base_url() + object.get_portal_url() }}",
    "ar_001": "{{ object.company_id.name }}: استلمنا طلبكم {{ object.ref }}. التاريخ "
    "المتوقع للقرار: {{ object._dual_date(object.decision_deadline) }}. تابعه عبر: "
    "{{ object.get_base_url() + object.get_portal_url() }}",
}


@openupgrade.migrate()
def migrate(env, version):
    template = env.ref("beneficiary_relations.sms_template_request_received", False)
    if not template:
        return
    installed = {code for code, _name in env["res.lang"].get_installed()}
    for lang, body in BODY.items():
        if lang in installed:
            template.with_context(lang=lang).body = body
