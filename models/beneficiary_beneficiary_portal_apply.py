from odoo import fields, models


class BeneficiaryBeneficiary(models.Model):
    """An online application typed with the ID number of an existing file (P10).

    The public page cannot tell the file's owner from someone who knows their ID number:
    it answers as for a new applicant, writes nothing on the file but a log entry, and
    the next steps reach the owner only through the contact data already on file.
    """

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.beneficiary"  # pylint: disable=consider-merging-classes-inherited

    def _portal_apply_known(self, service, meta=None):
        """Tell the file's owner how to apply from their account, and log the attempt.

        Called as superuser from the public application; nothing typed by the visitor is
        written on the file or sent anywhere.

        :return: whether the owner could be reached (email or SMS on file)
        """
        self.ensure_one()
        meta = meta or {}
        partner = self.partner_id
        mail_template = self.env.ref("beneficiary_relations.mail_template_apply_known_id")
        sms_template = self.env.ref("beneficiary_relations.sms_template_apply_known_id")
        # P33: a call activity for staff, or the discreet notice, instead of the texts.
        channels = self._br_own_text_channels(self, partner)
        reached = channels is None
        if channels and channels["email"]:
            # Sent to the address on file only (partner_to); no chatter message, so
            # the file's followers are not notified of it.
            mail_template.send_mail(self.id, email_layout_xmlid="mail.mail_notification_light")
            reached = True
        if channels and channels["sms"]:
            self._message_sms_with_template(
                template=sms_template, partner_ids=partner.ids, put_in_queue=True
            )
            reached = True
        _ = self.env._
        self.message_post(
            body=_(
                "An online application for %(service)s was sent from the website with this "
                "file's ID number (address %(ip)s). Nothing was recorded on the file. %(told)s",
                service=service.name,
                ip=meta.get("ip") or "-",
                told=(
                    _("The owner was told at the contact data on file how to apply.")
                    if reached
                    else _("The owner could not be told: there is no email or mobile on file.")
                ),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return reached

    def _portal_apply_prefill(self):
        """The application form's values from this file, as the form posts them."""
        self.ensure_one()
        values = {
            name: self[name] or ""
            for name in (
                "first_name",
                "father_name",
                "grandfather_name",
                "family_name",
                "national_id",
                "gender",
                "mobile",
                "email",
                "building_number",
                "street",
                "district",
                "city",
                "zip",
                "additional_number",
            )
        }
        values["birth_date"] = fields.Date.to_string(self.birth_date) if self.birth_date else ""
        values["nationality_id"] = str(self.nationality_id.id or "")
        return values
