from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL

# The applicant's identity and words on an intake lead; the stage, the channel, the
# service asked for and the dates stay for the intake statistics.
LEAD_ERASED = (
    "contact_name",
    "partner_name",
    "function",
    "email_from",
    "email_cc",
    "phone",
    "mobile",
    "website",
    "street",
    "street2",
    "zip",
    "referred",
    "description",
    "beneficiary_national_id",
    "inquiry_answer",
)


class CrmLead(models.Model):
    """Intake leads of anonymised files (the lead that opened them, and any other lead of
    the same person found by contact, ID number, email or mobile)."""

    # The model is split by concern (see the project's style guide).
    _inherit = "crm.lead"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        requests = self.env["beneficiary.support.request"].browse(
            erasure.ids("beneficiary.support.request")
        )
        domains = [
            [("beneficiary_id", "in", erasure.files.ids)],
            [("partner_id", "in", erasure.partners.ids)],
        ]
        if requests:
            domains.append([("support_request_id", "in", requests.ids)])
            domains.append([("id", "in", requests.lead_id.ids)])
        if erasure.national_ids:
            domains.append([("beneficiary_national_id", "in", list(erasure.national_ids))])
        if erasure.emails:
            domains.append([("email_normalized", "in", list(erasure.emails))])
        Lead = self.with_context(active_test=False)
        leads = Lead.search(expression.OR(domains))
        if erasure.numbers:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM crm_lead WHERE %s OR %s",
                    erasure.numbers_where(SQL.identifier("phone")),
                    erasure.numbers_where(SQL.identifier("mobile")),
                )
            )
            leads |= Lead.browse(row[0] for row in self.env.cr.fetchall())
        if not leads:
            return
        erasure.add(self._name, leads.ids)
        leads.write(dict.fromkeys(LEAD_ERASED, False) | {"name": erasure.label})
