from odoo import fields, models

DELIVERY_PLACES = [
    ("centre", "At the Centre"),
    ("home", "Home Visit"),
    ("remote", "Remote"),
]


class BeneficiaryServiceOutcome(models.Model):
    """What became of the beneficiary after a service (P38): trained, employed, recovered,
    referred on… Each service keeps its own list; a delivered request records one."""

    _name = "beneficiary.service.outcome"
    _description = "Service Outcome"
    _order = "service_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    service_id = fields.Many2one(
        "beneficiary.service", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="service_id.company_id", store=True, index=True)
    is_positive = fields.Boolean(
        string="Goal Reached",
        default=True,
        help="Untick for outcomes where the service did not reach its goal (dropped out, "
        "no longer eligible…): reports count the others as successes.",
    )


class BeneficiaryService(models.Model):
    _inherit = "beneficiary.service"

    # P37: where the service is delivered; a request starts with its service's place.
    delivery_place = fields.Selection(
        DELIVERY_PLACES, default="centre", required=True, tracking=True
    )
    # P38: the outcomes a delivered request chooses from.
    outcome_ids = fields.One2many(
        "beneficiary.service.outcome", "service_id", string="Outcomes", copy=True
    )
