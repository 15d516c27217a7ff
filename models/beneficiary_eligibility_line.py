from odoo import fields, models

from . import beneficiary_eligibility_criteria as criteria


class BeneficiaryEligibilityLine(models.Model):
    """One criterion of a service checked against a request's beneficiary (P18)."""

    _name = "beneficiary.eligibility.line"
    _description = "Eligibility Check"
    _order = "request_id, sequence, id"
    # The engine's output, rewritten at each evaluation: the request keeps the date of the
    # check; who and when on each line would only slow the bulk insert down.
    _log_access = False

    request_id = fields.Many2one(
        "beneficiary.support.request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    sequence = fields.Integer()
    criterion = fields.Selection(
        criteria.SELECTION,
        required=True,
    )
    met = fields.Boolean()
    beneficiary_value = fields.Char(string="Beneficiary's Value")
    rule = fields.Char(string="Service Condition")
    explanation = fields.Char(help="What the beneficiary is told when the condition is not met.")
