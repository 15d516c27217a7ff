from odoo import fields, models

from ..tools.plural import plural
from . import beneficiary_eligibility_criteria as criteria


class BeneficiaryService(models.Model):
    """What the public online application page shows of a service."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.service"  # pylint: disable=consider-merging-classes-inherited

    portal_published = fields.Boolean(
        string="Open for Online Applications",
        tracking=True,
        help="The service is listed on the public application page, where anyone can apply "
        "for it online without an account.",
    )

    def _portal_categories(self):
        """Categories the applicant may tick: the service's eligible categories, else all
        the categories the company uses."""
        self.ensure_one()
        if self.category_ids:
            return self.category_ids.filtered("active")
        return (
            self.env["beneficiary.category"]
            # sudo: categories of the service's company offered on its public form
            .sudo()
            .search([("company_id", "in", (False, self.company_id.id))])
        )

    def _portal_document_types(self, categories=None):
        """Documents to upload: the service's and those of the ticked categories (P17)."""
        self.ensure_one()
        types = self.document_type_ids
        if categories:
            types |= categories.document_type_ids
        return types.filtered("active").sorted(lambda t: (t.sequence, t.id))

    def _portal_criteria_summary(self):
        """The eligibility criteria (P18) as short sentences for applicants."""
        self.ensure_one()
        lines = [criterion.summary(self, self.env) for criterion in criteria.CRITERIA]
        return [line for line in lines if line]

    def _portal_decision_period(self):
        """When the decision comes, in the reader's grammar ("within 15 days")."""
        self.ensure_one()
        return plural(
            self.env,
            self.decision_days,
            self.env._(
                "Decision within %(count)s day of applying.|Decision within %(count)s days of applying."
            ),
        )
