from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError

from .beneficiary_workflow_fields import workflow_action


class BeneficiaryDataBreach(models.Model):
    """Telling the affected people of a breach (PDPL): one email each, grouped by language
    in one notification, an SMS to those who prefer it or have no email, a summary in the
    breach's chatter and a trace on each beneficiary's file."""

    _inherit = "beneficiary.data.breach"

    @workflow_action
    def action_notify_subjects(self):
        """Send the notice to every affected beneficiary: one email each (grouped by
        language in one notification), an SMS to those who prefer it or have no email;
        a summary in the chatter."""
        _ = self.env._
        self._check_manager()
        self._check_state(("open", "contained", "notified"), _("notified to the affected people"))
        for breach in self:
            if not breach.beneficiary_ids:
                raise UserError(
                    _("%(ref)s: add the affected beneficiaries first.", ref=breach.name)
                )
            if not (breach.subject_notice or "").strip():
                raise UserError(
                    _(
                        "%(ref)s: write the notice to the affected people first: what "
                        "happened, its likely consequences, the measures taken and what "
                        "they can do.",
                        ref=breach.name,
                    )
                )
            breach._notify_subjects()

    def _notify_subjects(self):
        self.ensure_one()
        mail_template = self.env.ref("beneficiary_relations.mail_template_data_breach_subject")
        sms_template = self.env.ref("beneficiary_relations.sms_template_data_breach_subject")
        default_lang = self.company_id.partner_id.lang or self.env.lang or "ar_001"
        by_email_lang = defaultdict(lambda: self.env["res.partner"])
        by_sms_lang = defaultdict(lambda: self.env["res.partner"])
        unreachable = self.env["beneficiary.beneficiary"]
        for beneficiary in self.beneficiary_ids:
            partner = beneficiary.partner_id
            lang = partner.lang or default_lang
            # The notice is the association's duty: sent even to who prefers a call (no
            # staff activity instead); never to a number marked "do not contact" (P33).
            channels = beneficiary._br_message_channels(partner, staff=False)
            if channels["email"]:
                by_email_lang[lang] |= partner
            if channels["sms"]:
                by_sms_lang[lang] |= partner
            elif not channels["email"]:
                unreachable |= beneficiary
        layout = "mail.mail_notification_light"
        for lang, partners in by_email_lang.items():
            template = mail_template.with_context(lang=lang)
            self.with_context(lang=lang).message_notify(
                subject=template._render_field("subject", self.ids)[self.id],
                body=template._render_field("body_html", self.ids)[self.id],
                partner_ids=partners.ids,
                email_layout_xmlid=layout,
                force_send=False,
                mail_auto_delete=False,
            )
        for lang, partners in by_sms_lang.items():
            body = sms_template.with_context(lang=lang)._render_field("body", self.ids)[self.id]
            self._message_sms(body, partner_ids=partners.ids, put_in_queue=True)
        emailed = sum(len(partners) for partners in by_email_lang.values())
        texted = sum(len(partners) for partners in by_sms_lang.values())
        _ = self.env._
        summary = _(
            "The notice was sent to the affected people: %(emails)s by email, %(sms)s by SMS.",
            emails=emailed,
            sms=texted,
        )
        if unreachable:
            summary += " " + _(
                "No email or mobile for %(count)s of them, to be told by other means: %(names)s.",
                count=len(unreachable),
                names=", ".join(unreachable.mapped("name")),
            )
        self.message_post(body=summary, subtype_xmlid="mail.mt_note")
        # Each file keeps the trace of the notice (one batch of notes).
        reached = self.beneficiary_ids - unreachable
        if reached:
            note = _("Told of the personal-data breach %(ref)s.", ref=self.name)
            reached._message_log_batch(bodies=dict.fromkeys(reached.ids, note))
        self.subjects_notified_on = fields.Datetime.now()

    def _data_categories_label(self):
        """The categories of data affected, in the current language, for the notices."""
        self.ensure_one()
        names = [
            self._fields[name]._description_string(self.env)
            for name in ("data_identity", "data_contact", "data_financial", "data_health")
            if self[name]
        ]
        separator = "، " if (self.env.lang or "").startswith("ar") else ", "
        return separator.join(names)
