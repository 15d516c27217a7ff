from odoo import api, models
from odoo.tools import SQL

# Contact data of the person's contacts (the file's own, and the ones the public forms
# created for them); the city, the country and the language stay for the statistics.
CONTACT_ERASED = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "vat",
    "website",
    "function",
    "comment",
    "ref",
    "company_name",
)


class ResPartner(models.Model):
    """Contacts of the person of an anonymised file."""

    # The model is split by concern (see the project's style guide).
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_same_person(self, erasure):
        """Add to ``erasure`` the other contacts of the same person: created by the public
        forms (a complaint, an online application) with the same email or mobile. Staff,
        companies, other files' people and guardians (a parent's mobile on a child's
        file) are never taken."""
        if not (erasure.emails or erasure.numbers):
            return
        self.flush_model(["email_normalized", "mobile", "phone", "is_company"])
        self.env.cr.execute(
            SQL(
                """SELECT p.id FROM res_partner p
                    WHERE NOT p.is_company
                      AND (p.email_normalized IN %s OR %s OR %s)
                      AND NOT EXISTS (SELECT 1 FROM res_users u
                                       WHERE u.partner_id = p.id AND NOT u.share)
                      AND p.id NOT IN (SELECT partner_id FROM res_company)
                      AND NOT EXISTS (SELECT 1 FROM beneficiary_beneficiary b
                                       WHERE (b.partner_id = p.id AND b.id NOT IN %s)
                                          OR b.guardian_partner_id = p.id)""",
                tuple(erasure.emails) or (None,),
                erasure.numbers_where(SQL("p.mobile")),
                erasure.numbers_where(SQL("p.phone")),
                tuple(erasure.files.ids),
            )
        )
        found = self.browse(row[0] for row in self.env.cr.fetchall())
        erasure.partners |= found
        erasure.add(self._name, found.ids)

    @api.model
    def _br_erase_for_files(self, erasure):
        # Active test on: archiving a contact looks for its active users (the portal
        # account was archived before, see ERASERS).
        # sudo: anonymisation checked by _br_anonymise (manager); these files' contacts
        partners = erasure.partners.sudo().with_context(active_test=True)
        if not partners:
            return
        partners._track_discard()
        partners.write(dict.fromkeys(CONTACT_ERASED, False) | {"active": False})
        # The files' own contacts were renamed after their file's label.
        (partners - erasure.files.partner_id).write({"name": erasure.label})
        # sudo: anonymisation checked by _br_anonymise (manager); their addresses only
        self.env["mail.blacklist"].sudo().with_context(active_test=False).search(
            [("email", "in", list(erasure.emails))]
        ).unlink()


class ResUsers(models.Model):
    """The portal account of the person: its login (their email or mobile) and signature
    go with the name; the account stays archived for the history of who did what."""

    # The model is split by concern (see the project's style guide).
    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        users = (
            # sudo: anonymisation checked by _br_anonymise (manager); their portal accounts
            self.sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", erasure.partners.ids), ("share", "=", True)])
        )
        if not users:
            return
        users.flush_model(["login", "signature", "active"])
        self.env.cr.execute(
            SQL(
                """UPDATE res_users SET login = 'anonymised-' || id, signature = NULL,
                                        active = FALSE
                    WHERE id IN %s""",
                tuple(users.ids),
            )
        )
        users.invalidate_model(["login", "signature", "active"])
