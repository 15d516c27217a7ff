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


# The parts of the priority: (field of the part, company field of its weight, the part's
# value for a request, 0 to 100). A new part is one entry (and its two fields).
PRIORITY_PARTS = (
    ("impact_part", "partner_priority_weight_impact", lambda request: request.study_score),
    (
        "need_part",
        "partner_priority_weight_need",
        lambda request: float(request.region_id.need_score),
    ),
    (
        "served_part",
        "partner_priority_weight_served",
        lambda request: 0.0 if request.served_before else 100.0,
    ),
)


def _priority_part(string, help_text, **extra):
    """A stored figure of ``_compute_priority``, 0 to 100, for the partnerships team."""
    return fields.Float(
        string=string,
        compute="_compute_priority",
        store=True,
        digits=(6, 2),
        groups=GROUP_PARTNERSHIPS,
        help=help_text,
        **extra,
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
    impact_part = _priority_part("Impact", "Needs-study score, 0 to 100.")
    need_part = _priority_part("Region Need", "Need level of the region × 20.")
    served_part = _priority_part(
        "Not Served Before", "100 if the association was never served, else 0."
    )
    priority_score = _priority_part("Priority", PRIORITY_HELP, index=True, aggregator="avg")
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
        *("company_id.%s" % weight for __, weight, __ in PRIORITY_PARTS),
    )
    def _compute_priority(self):
        for request in self:
            total = weighted = 0.0
            for part, weight_field, value_of in PRIORITY_PARTS:
                value = value_of(request)
                weight = request.company_id[weight_field]
                request[part] = value
                total += weight
                weighted += weight * value
            request.priority_score = float_round(weighted / total if total else 0, 2)

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
                total=sum(company[weight] for __, weight, __ in PRIORITY_PARTS),
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
