from odoo import fields, models


class BeneficiaryPartnerStudyCriterion(models.Model):
    """A criterion the Partnerships team scores from 0 to 5: in the needs study of a
    partner association's request (P22), or in the evaluation of a partnership when its
    MOU ends (P25)."""

    _name = "beneficiary.partner.study.criterion"
    _description = "Partnership Scoring Criterion"
    _order = "usage, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="What the team looks at to score it.")
    usage = fields.Selection(
        [("study", "Needs Study"), ("evaluation", "Partnership Evaluation")],
        required=True,
        default="study",
        index=True,
    )
    weight = fields.Integer(
        default=1,
        required=True,
        help="Relative weight of the criterion in the weighted average of the scores.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to use it in every association."
    )

    _sql_constraints = [
        ("weight_positive", "CHECK(weight > 0)", "The weight of a criterion must be positive."),
    ]

    def _by_company(self, usage, companies):
        """The active criteria of ``usage`` for each of ``companies``, in one search."""
        criteria = self.search(
            [("usage", "=", usage), ("company_id", "in", [False, *companies.ids])]
        )
        return {
            company: criteria.filtered(
                lambda criterion, company=company: (
                    criterion.company_id in (company, company.browse())
                )
            )
            for company in companies
        }
