from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL


class MailMail(models.Model):
    """Queued, failed or kept e-mails to the person of an anonymised file go; any other
    one that quotes them (a mail to a guardian or to staff) loses the identifiers."""

    # The model is split by concern (see the project's style guide).
    _inherit = "mail.mail"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        domains = [[("recipient_ids", "in", erasure.partners.ids)]]
        for model, ids in erasure.records.items():
            if ids and model != "ir.attachment":
                domains.append([("model", "=", model), ("res_id", "in", list(ids))])
        # sudo: anonymisation checked by _br_anonymise (manager); these files' mails
        mails = self.sudo().search(expression.OR(domains))
        if erasure.emails:
            self.flush_model(["email_to", "email_cc"])
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM mail_mail WHERE email_to ~* %s OR email_cc ~* %s",
                    erasure.pattern,
                    erasure.pattern,
                )
            )
            # sudo: anonymisation checked by _br_anonymise (manager); mails to their addresses
            mails |= self.sudo().browse(row[0] for row in self.env.cr.fetchall())
        mails.unlink()
        erasure.scrub(self.env, self._name, ["body_html", "email_to", "email_cc", "headers"])


class MailNotification(models.Model):
    """The person's notifications on messages kept elsewhere (their text was scrubbed):
    the delivery status and failure reasons to their address go."""

    # The model is split by concern (see the project's style guide).
    _inherit = "mail.notification"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        if erasure.partners:
            # sudo: anonymisation checked by _br_anonymise (manager); their notifications
            self.sudo().search([("res_partner_id", "in", erasure.partners.ids)]).unlink()
        erasure.scrub(self.env, self._name, ["failure_reason"])
