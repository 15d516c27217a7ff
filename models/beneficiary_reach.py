from odoo import fields, models


class BeneficiaryReach(models.Model):
    """Indirect beneficiaries (P1), counted in aggregate: no personal data.

    One line per publication, product or content, by channel and date, e.g. "post on X
    about the vocational programme reached 3,200 people".
    """

    _name = "beneficiary.reach"
    _description = "Indirect Beneficiaries Reach"
    _order = "date desc, id desc"

    name = fields.Char(string="Content", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    channel_id = fields.Many2one("utm.medium", required=True, index=True)
    content_type = fields.Selection(
        [
            ("publication", "Publication"),
            ("product", "Product"),
            ("website", "Website Content"),
            ("social", "Social Media Post"),
            ("event", "Event / Awareness Campaign"),
        ],
        required=True,
        default="social",
    )
    reach_count = fields.Integer(string="People Reached", required=True, aggregator="sum")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "reach_count_positive",
            "CHECK(reach_count >= 0)",
            "The number reached cannot be negative.",
        ),
    ]
