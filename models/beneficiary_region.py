from odoo import api, fields, models

NEED_LEVELS = [
    ("1", "1 - Very Low"),
    ("2", "2 - Low"),
    ("3", "3 - Medium"),
    ("4", "4 - High"),
    ("5", "5 - Very High"),
]


class BeneficiaryRegion(models.Model):
    """An administrative region of the Kingdom, with the level of need the association
    gives it when distributing services to partner associations (P23)."""

    _name = "beneficiary.region"
    _description = "Region"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="ISO 3166-2 code of the region (SA-01 for Riyadh).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the region with every association of the database.",
    )
    need_level = fields.Selection(
        NEED_LEVELS,
        required=True,
        default="3",
        help="How much the region needs the association's services (P23): the priority "
        "score counts level × 20 points as its need part (level 5 = 100).",
    )
    need_score = fields.Integer(
        compute="_compute_need_score", store=True, help="Need level as 20 to 100 points."
    )

    _sql_constraints = [
        ("code_company_uniq", "UNIQUE(code, company_id)", "Each region code is used once."),
    ]

    @api.depends("need_level")
    def _compute_need_score(self):
        for region in self:
            region.need_score = int(region.need_level or 0) * 20
