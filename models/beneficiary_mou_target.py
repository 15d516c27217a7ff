from odoo import api, fields, models
from odoo.tools import float_round

COUNTED_REPORT_STATES = ("submitted", "accepted")


class BeneficiaryMouTarget(models.Model):
    """An indicator of the MOU with its target; what is achieved adds up the figures of
    the impact reports sent (P25)."""

    _name = "beneficiary.mou.target"
    _description = "MOU Target"
    _order = "mou_id, sequence, id"

    mou_id = fields.Many2one("beneficiary.mou", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="mou_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="mou_id.partner_id", store=True, index=True)
    mou_state = fields.Selection(related="mou_id.state", store=True, string="MOU State")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Indicator", required=True)
    unit = fields.Char(help="Beneficiaries, hours, sessions…")
    target_value = fields.Float(string="Target", required=True, aggregator="sum")
    report_line_ids = fields.One2many("beneficiary.mou.report.line", "target_id")
    achieved_value = fields.Float(
        string="Achieved",
        compute="_compute_achieved",
        store=True,
        aggregator="sum",
        help="Sum of the figures of the impact reports sent or accepted.",
    )
    achievement_rate = fields.Float(
        string="Achievement (%)",
        compute="_compute_achieved",
        store=True,
        aggregator="avg",
        digits=(6, 2),
    )

    _sql_constraints = [
        ("target_positive", "CHECK(target_value > 0)", "A target must be positive."),
    ]

    @api.depends("target_value", "report_line_ids.achieved_value", "report_line_ids.report_state")
    def _compute_achieved(self):
        for target in self:
            lines = target.report_line_ids.filtered(
                lambda line: line.report_state in COUNTED_REPORT_STATES
            )
            target.achieved_value = sum(lines.mapped("achieved_value"))
            target.achievement_rate = (
                float_round(target.achieved_value * 100.0 / target.target_value, 2)
                if target.target_value
                else 0.0
            )
