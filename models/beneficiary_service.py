from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from . import beneficiary_eligibility_criteria as criteria

# Requests whose eligibility is still evaluated (before the decision).
OPEN_STATES = ("draft", "submitted", "verification", "research", "committee")


class BeneficiaryService(models.Model):
    """A service of the association's catalogue, with its eligibility criteria (P16–P18).

    Every criterion left empty is not checked. What differs between associations is this
    configuration, never code.
    """

    _name = "beneficiary.service"
    _description = "Beneficiary Service"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Html(translate=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    in_scope = fields.Boolean(
        string="Offered by the Association",
        default=True,
        tracking=True,
        help="Untick for services the association does not offer: their requests are "
        "referred to another association (P15).",
    )
    requires_research = fields.Boolean(
        string="Needs Social Research",
        default=True,
        help="Requests go to the social researcher before the committee (P8).",
    )
    requires_committee = fields.Boolean(
        string="Decided by a Committee",
        default=True,
        help="Requests are decided by the research committee (P10).",
    )
    committee_id = fields.Many2one(
        "beneficiary.committee",
        tracking=True,
        check_company=True,
        help="The committee that decides the requests of this service (P10).",
    )
    decision_days = fields.Integer(
        default=14,
        tracking=True,
        help="Days from submission within which the beneficiary is told the decision (P10).",
    )
    document_type_ids = fields.Many2many(
        "beneficiary.document.type",
        "beneficiary_service_document_type_rel",
        string="Required Documents",
    )
    survey_id = fields.Many2one("survey.survey", string="Satisfaction Survey")
    # Eligibility criteria (P18)
    min_age = fields.Integer(string="Minimum Age", tracking=True)
    max_age = fields.Integer(string="Maximum Age", tracking=True)
    gender = fields.Selection(
        [("any", "Any"), ("male", "Male Only"), ("female", "Female Only")],
        default="any",
        required=True,
        tracking=True,
    )
    nationality = fields.Selection(
        [("any", "Any Nationality"), ("saudi", "Saudi Only")],
        default="any",
        required=True,
        tracking=True,
    )
    category_ids = fields.Many2many(
        "beneficiary.category",
        "beneficiary_service_category_rel",
        string="Eligible Categories",
        help="The beneficiary must belong to at least one of them.",
    )
    education_level_ids = fields.Many2many(
        "beneficiary.education.level", string="Eligible Qualifications"
    )
    employment_status_ids = fields.Many2many(
        "beneficiary.employment.status", string="Eligible Employment Statuses"
    )
    max_income = fields.Monetary(
        string="Maximum Monthly Income",
        currency_field="currency_id",
        tracking=True,
        help="Zero means no limit.",
    )
    income_basis = fields.Selection(
        [
            ("personal", "Beneficiary's Income"),
            ("household", "Household Income"),
            ("per_capita", "Household Income per Person"),
        ],
        default="per_capita",
        required=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    eligibility_domain = fields.Char(
        string="Other Conditions",
        default="[]",
        help="Any other condition, written as a filter on the beneficiary.",
    )
    eligibility_domain_label = fields.Char(
        string="Other Conditions (Description)",
        translate=True,
        help="How the other conditions are explained to the beneficiary when not met.",
    )
    request_count = fields.Integer(compute="_compute_request_count")

    _sql_constraints = [
        ("decision_days_positive", "CHECK(decision_days > 0)", "Decision days must be positive."),
        (
            "age_range",
            "CHECK(max_age = 0 OR min_age <= max_age)",
            "The minimum age cannot exceed the maximum age.",
        ),
    ]

    def _compute_request_count(self):
        counts = dict(
            self.env["beneficiary.support.request"]._read_group(
                [("service_id", "in", self.ids)], ["service_id"], ["__count"]
            )
        )
        for service in self:
            service.request_count = counts.get(service, 0)

    @api.constrains("eligibility_domain")
    def _check_eligibility_domain(self):
        Beneficiary = self.env["beneficiary.beneficiary"]
        for service in self:
            try:
                domain = safe_eval(service.eligibility_domain or "[]")
                Beneficiary.search_count(domain, limit=1)
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The other conditions of %(service)s are not a valid filter: %(error)s",
                        service=service.name,
                        error=error,
                    )
                ) from error

    def _get_eligibility_domain(self):
        self.ensure_one()
        return safe_eval(self.eligibility_domain or "[]")

    def write(self, vals):
        res = super().write(vals)
        if set(vals) & self._eligibility_fields():
            self.env["beneficiary.support.request"]._reevaluate_open(services=self)
        return res

    @api.model
    def _eligibility_fields(self):
        """The service's fields that define its criteria: a change re-runs the engine."""
        return criteria.SERVICE_FIELDS

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_support_request_action"
        )
        action["domain"] = [("service_id", "=", self.id)]
        action["context"] = {"default_service_id": self.id}
        return action
