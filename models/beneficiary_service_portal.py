from odoo import fields, models
from odoo.tools.i18n import format_list


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
        _ = self.env._
        lines = []
        if self.min_age and self.max_age:
            lines.append(_("Aged %(min)s to %(max)s years.", min=self.min_age, max=self.max_age))
        elif self.min_age:
            lines.append(_("Aged %(min)s years or more.", min=self.min_age))
        elif self.max_age:
            lines.append(_("Aged %(max)s years or less.", max=self.max_age))
        if self.gender == "male":
            lines.append(_("For men."))
        elif self.gender == "female":
            lines.append(_("For women."))
        if self.nationality == "saudi":
            lines.append(_("For Saudi citizens."))
        if self.category_ids:
            lines.append(
                _(
                    "For these categories: %(categories)s.",
                    categories=format_list(
                        self.env, self.category_ids.mapped("name"), "or", self.env.lang
                    ),
                )
            )
        if self.education_level_ids:
            lines.append(
                _(
                    "Qualification: %(levels)s.",
                    levels=format_list(
                        self.env, self.education_level_ids.mapped("name"), "or", self.env.lang
                    ),
                )
            )
        if self.employment_status_ids:
            lines.append(
                _(
                    "Employment status: %(statuses)s.",
                    statuses=format_list(
                        self.env, self.employment_status_ids.mapped("name"), "or", self.env.lang
                    ),
                )
            )
        if self.max_income:
            basis = dict(self._fields["income_basis"]._description_selection(self.env))
            # Not an f-string inside _(): the term extractor evaluates the call's strings.
            amount = f"{self.max_income:,.0f}"
            lines.append(
                _(
                    "%(basis)s up to %(amount)s %(currency)s a month.",
                    basis=basis[self.income_basis],
                    amount=amount,
                    currency=self.currency_id.symbol or self.currency_id.name,
                )
            )
        if self.eligibility_domain_label:
            lines.append(self.eligibility_domain_label)
        return lines
