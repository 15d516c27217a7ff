from odoo import fields, models


class BeneficiaryService(models.Model):
    """Satisfaction measurement of a service (P14): which survey, and whether the service
    is a programme of several sessions whose beneficiaries are measured at its end."""

    _inherit = "beneficiary.service"

    is_programme = fields.Boolean(
        string="Programme of Several Sessions",
        help="Direct beneficiaries are asked for their satisfaction at the end of the "
        "programme: when their last session is recorded or the programme's end date "
        "passes (P14).",
    )
    session_count = fields.Integer(
        string="Number of Sessions",
        default=1,
        help="Sessions of the programme; the satisfaction survey is sent once the "
        "beneficiary's last session is recorded.",
    )

    _sql_constraints = [
        (
            "session_count_positive",
            "CHECK(session_count >= 1)",
            "A programme has at least one session.",
        ),
    ]
