"""Fair priority among partner associations' requests (P23): impact, need of the
region and not served before, weighted by the manager's settings, ranked."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

from .beneficiary_partner_request import GROUP_PARTNERSHIPS, OPEN_STATES
from .beneficiary_workflow_fields import workflow_action

# MOUs that mean the association has been served (P23: "not served before").
SERVED_MOU_STATES = ("active", "expired", "closed")

PRIORITY_HELP = (
    "Fair distribution (P23, Tuwaiq policy: priority goes to associations with the "
    "greatest impact, or in regions of higher need, or which have not benefited from the "
    "association's services before). Priority = (impact × impact weight + need × need "
    "weight + not-served-before × its weight) ÷ sum of the weights, where impact is the "
    "needs-study score (0–100), need is the region's need level × 20 (0–100) and "
    "not-served-before is 100 for an association without a past MOU, 0 otherwise. The "
    "weights are set by the manager in the settings. Ties rank the earlier submission "
    "first."
)


class BeneficiaryPartnerRequest(models.Model):
    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.partner.request"  # pylint: disable=consider-merging-classes-inherited

    # Fair priority (P23)
    served_count = fields.Integer(
        string="Past MOUs",
        compute="_compute_served",
        store=True,
        help="MOUs of this association, for other requests, that went into effect.",
    )
    served_before = fields.Boolean(
        compute="_compute_served",
        store=True,
        index=True,
        help="The association has already benefited from the association's services "
        "(an MOU that went into effect): it loses the not-served-before part of the "
        "priority (P23).",
    )
    impact_part = fields.Float(
        string="Impact",
        compute="_compute_priority",
        store=True,
        digits=(6, 2),
        groups=GROUP_PARTNERSHIPS,
        help="Needs-study score, 0 to 100.",
    )
    need_part = fields.Float(
        string="Region Need",
        compute="_compute_priority",
        store=True,
        digits=(6, 2),
        groups=GROUP_PARTNERSHIPS,
        help="Need level of the region × 20.",
    )
    served_part = fields.Float(
        string="Not Served Before",
        compute="_compute_priority",
        store=True,
        digits=(6, 2),
        groups=GROUP_PARTNERSHIPS,
        help="100 if the association was never served, else 0.",
    )
    priority_score = fields.Float(
        string="Priority",
        compute="_compute_priority",
        store=True,
        digits=(6, 2),
        index=True,
        aggregator="avg",
        groups=GROUP_PARTNERSHIPS,
        help=PRIORITY_HELP,
    )
    priority_rank = fields.Integer(
        string="Rank",
        compute="_compute_priority_rank",
        groups=GROUP_PARTNERSHIPS,
        help="Position among the open requests of the association (1 = served first).",
    )
    priority_explanation = fields.Char(
        string="Why", compute="_compute_priority_explanation", groups=GROUP_PARTNERSHIPS
    )

    @api.depends(
        "partner_id",
        "company_id",
        "partner_id.association_mou_ids.state",
        "partner_id.association_mou_ids.request_id",
    )
    def _compute_served(self):
        for request in self:
            # sudo: partnerships-only field; the MOUs of the request's association in its company
            mous = request.partner_id.sudo().association_mou_ids.filtered(
                lambda mou, request=request: (
                    mou.state in SERVED_MOU_STATES
                    and mou.company_id == request.company_id
                    and mou.request_id._origin != request._origin
                )
            )
            request.served_count = len(mous)
            request.served_before = bool(mous)

    @api.depends(
        "study_score",
        "region_id.need_score",
        "served_before",
        "company_id.partner_priority_weight_impact",
        "company_id.partner_priority_weight_need",
        "company_id.partner_priority_weight_served",
    )
    def _compute_priority(self):
        for request in self:
            company = request.company_id
            weights = (
                company.partner_priority_weight_impact,
                company.partner_priority_weight_need,
                company.partner_priority_weight_served,
            )
            parts = (
                request.study_score,
                float(request.region_id.need_score),
                0.0 if request.served_before else 100.0,
            )
            request.impact_part, request.need_part, request.served_part = parts
            total = sum(weights)
            score = sum(w * p for w, p in zip(weights, parts, strict=True)) / total if total else 0
            request.priority_score = float_round(score, 2)

    def _compute_priority_rank(self):
        """Rank among the open requests of the same company, in one query per company."""
        ranks = {}
        for company in self.company_id:
            ranked = self.env[self._name].search(
                [("state", "in", OPEN_STATES), ("company_id", "=", company.id)],
                order="priority_score desc, submit_date, id",
            )
            ranks.update({request_id: rank for rank, request_id in enumerate(ranked.ids, 1)})
        for request in self:
            request.priority_rank = ranks.get(request._origin.id, 0)

    @api.depends("priority_score", "impact_part", "need_part", "served_part")
    def _compute_priority_explanation(self):
        for request in self:
            company = request.company_id
            request.priority_explanation = self.env._(
                "(impact %(impact)s × %(w_impact)s + region need %(need)s × %(w_need)s + "
                "not served before %(served)s × %(w_served)s) ÷ %(total)s = %(score)s",
                impact="%g" % request.impact_part,
                w_impact=company.partner_priority_weight_impact,
                need="%g" % request.need_part,
                w_need=company.partner_priority_weight_need,
                served="%g" % request.served_part,
                w_served=company.partner_priority_weight_served,
                total=company.partner_priority_weight_impact
                + company.partner_priority_weight_need
                + company.partner_priority_weight_served,
                score="%g" % request.priority_score,
            )

    @workflow_action
    def action_prioritise(self):
        """P22 → P23: the study is complete, the request enters the priority ranking."""
        self._check_state(("study",), self.env._("prioritised"))
        for request in self:
            if not request.study_line_ids:
                raise UserError(
                    self.env._("Request %(name)s has no needs study.", name=request.name)
                )
            missing = request.study_line_ids.filtered(lambda line: not line.score)
            if missing:
                raise UserError(
                    self.env._(
                        "Score every criterion of the needs study of %(name)s first: %(criteria)s.",
                        name=request.name,
                        criteria=", ".join(missing.criterion_id.mapped("name")),
                    )
                )
        self.write(
            {
                "state": "prioritised",
                "study_user_id": self.env.user.id,
                "study_date": fields.Date.context_today(self),
            }
        )
