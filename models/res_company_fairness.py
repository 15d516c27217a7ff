from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Smallest group the fairness report shows on its own (P20 without identifying)."""

    _inherit = "res.company"

    beneficiary_fairness_min_group = fields.Integer(
        string="Fairness Report: Smallest Group Shown",
        default=10,
        help="Groups with fewer decided requests are merged into one 'other groups' line "
        "(and hidden when still too small), so that nobody is identified.",
    )

    @api.constrains("beneficiary_fairness_min_group")
    def _check_fairness_min_group(self):
        if any(company.beneficiary_fairness_min_group < 1 for company in self):
            raise ValidationError(
                self.env._("The smallest group of the fairness report is at least one request.")
            )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    beneficiary_fairness_min_group = fields.Integer(
        related="company_id.beneficiary_fairness_min_group", readonly=False
    )
