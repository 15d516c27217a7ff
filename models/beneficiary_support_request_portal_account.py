"""Portal accounts of online applicants: the e-mail already taken, the account given on
the applicant's e-mail (P5)."""

import re

from odoo import Command, api, models
from odoo.exceptions import UserError, ValidationError


class BeneficiarySupportRequest(models.Model):
    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _portal_apply_email_taken(self, values):
        """Whether the typed email is already an account's login (then no application
        is taken: the owner logs in, or types another email)."""
        return bool(values["email"] and self._portal_login_taken(values["email"]))

    @api.model
    def _portal_login_taken(self, email):
        return bool(
            self.env["res.users"]
            .with_context(active_test=False)
            .search_count([("login", "=ilike", re.sub(r"([\\%_])", r"\\\1", email))], limit=1)
        )

    def _portal_grant_account(self, values):
        """Portal account of the new file's contact (auth_signup): its login is the typed
        email, and the invitation to choose a password goes there. Never called for an
        existing file (see ``_portal_apply``)."""
        self.ensure_one()
        return self._portal_create_account(self.beneficiary_id.partner_id, values["email"])

    def _portal_create_account(self, partner, email):
        """Portal account of ``partner`` whose login is ``email``, with the invitation to
        choose a password sent there; a failed mail is noted on the request."""
        self.ensure_one()
        Users = self.env["res.users"].with_context(no_reset_password=True)
        if self._portal_login_taken(email):
            # Checked before; a race with another application for the same email.
            raise ValidationError(self.env._("An account already uses this email: log in, please."))
        company = self.company_id
        user = Users._signup_create_user(
            {
                "login": email,
                "email": email,
                "name": partner.name,
                "partner_id": partner.id,
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
        )
        try:
            with self.env.cr.savepoint():
                user.with_context(create_user=1).action_reset_password()
        except UserError:
            # The mail server is down: the application is kept, staff send it again.
            self.message_post(
                body=self.env._(
                    "The invitation to choose a password could not be emailed: send it "
                    "again from the portal access of the beneficiary's contact."
                ),
                subtype_xmlid="mail.mt_note",
            )
        return "created"
