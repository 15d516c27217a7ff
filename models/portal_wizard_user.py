from odoo import models
from odoo.exceptions import AccessError

MANAGER = "beneficiary_relations.group_beneficiary_manager"


class PortalWizardUser(models.TransientModel):
    """A portal account on a beneficiary's contact opens the file to whoever holds it
    (threat model, principle 3): managers grant it; the grant is posted on the file."""

    _inherit = "portal.wizard.user"

    def _beneficiary_files(self):
        return (
            self.env["beneficiary.beneficiary"]
            # sudo: only whether the contacts hold a file, to require a manager
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.partner_id.ids)])
        )

    def _check_beneficiary_portal_grant(self):
        files = self._beneficiary_files()
        if files and not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "Only a manager gives portal access to a beneficiary's contact: "
                    "the account opens the file."
                )
            )
        return files

    def _log_beneficiary_portal_grant(self, files):
        for beneficiary in files:
            beneficiary.message_post(
                body=self.env._(
                    "Portal access given to %(contact)s (%(email)s) by %(user)s.",
                    contact=beneficiary.partner_id.name,
                    email=self.email or beneficiary.partner_id.email or "",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_grant_access(self):
        files = self._check_beneficiary_portal_grant()
        res = super().action_grant_access()
        self._log_beneficiary_portal_grant(files)
        return res

    def action_invite_again(self):
        files = self._check_beneficiary_portal_grant()
        res = super().action_invite_again()
        self._log_beneficiary_portal_grant(files)
        return res
