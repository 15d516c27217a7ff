"""The figures of the managers' dashboard (``beneficiary_dashboard.py``), declared: a new
figure is one entry of ``FIGURES``."""

from odoo.tools.translate import LazyTranslate

from .beneficiary_appeal import OPEN_APPEAL_STATES
from .beneficiary_data_breach import CLOCK_STATES as BREACH_CLOCK_STATES
from .beneficiary_data_subject_request import CLOCK_STATES as DSR_CLOCK_STATES
from .beneficiary_suggestion import OPEN_STATES as SUGGESTION_OPEN_STATES
from .beneficiary_support_request import CLOCK_STATES
from .beneficiary_support_request_clock import APPROVAL_RATE_DOMAIN

_lt = LazyTranslate(__name__)

REQUEST = "beneficiary.support.request"
# A request waiting for a decision or being served: open for the managers' view.
OPEN_REQUEST_STATES = (*CLOCK_STATES, "approved", "in_service")
DECIDED = [("decision_date", "!=", False), ("submit_date", "!=", False)]
OPEN_BREACH_STATES = (*BREACH_CLOCK_STATES, "notified")

SECTIONS = [
    ("requests", _lt("Support Requests")),
    ("decisions", _lt("Decisions")),
    ("appeals", _lt("Appeals")),
    ("voice", _lt("Satisfaction and Complaints")),
    ("follow_up", _lt("Follow-up")),
    ("governance", _lt("Governance")),
]

# Each figure: key, section, label, model, domain (a function of the dashboard's context
# ``ctx``: today, company), measure ("count", "avg", "p90", "rate"), field (for avg/p90),
# numerator (a domain, for a rate: share of the records that also match it), unit
# ("days", "%"), groupby (a breakdown), company_field (default "company_id").
FIGURES = [
    {
        "key": "requests_by_state",
        "section": "requests",
        "label": _lt("Open requests by state"),
        "model": REQUEST,
        "domain": lambda ctx: [("state", "in", OPEN_REQUEST_STATES)],
        "groupby": "state",
    },
    {
        "key": "requests_by_branch",
        "section": "requests",
        "label": _lt("Open requests by branch"),
        "model": REQUEST,
        "domain": lambda ctx: [("state", "in", OPEN_REQUEST_STATES)],
        "groupby": "branch_id",
    },
    {
        "key": "requests_overdue",
        "section": "requests",
        "label": _lt("Overdue against the decision clock"),
        "model": REQUEST,
        "domain": lambda ctx: [
            ("state", "in", CLOCK_STATES),
            ("clock_paused", "=", False),
            ("decision_deadline", "<", ctx["today"]),
        ],
    },
    {
        "key": "days_to_decision_avg",
        "section": "decisions",
        "label": _lt("Average days to decision"),
        "model": REQUEST,
        "domain": lambda ctx: DECIDED,
        "measure": "avg",
        "field": "decision_days_taken",
        "unit": "days",
    },
    {
        "key": "days_to_decision_p90",
        "section": "decisions",
        "label": _lt("Days to decision, 90th percentile"),
        "model": REQUEST,
        "domain": lambda ctx: DECIDED,
        "measure": "p90",
        "field": "decision_days_taken",
        "unit": "days",
    },
    {
        "key": "approval_rate",
        "section": "decisions",
        "label": _lt("Approval rate of decided requests"),
        "model": REQUEST,
        # the stored field's definition: approved or rejected, referrals excluded
        "domain": lambda ctx: APPROVAL_RATE_DOMAIN,
        "measure": "avg",
        "field": "approval_rate",
        "unit": "%",
    },
    {
        "key": "appeals_open",
        "section": "appeals",
        "label": _lt("Open appeals"),
        "model": "beneficiary.appeal",
        "domain": lambda ctx: [("state", "in", OPEN_APPEAL_STATES)],
    },
    {
        "key": "appeals_decided",
        "section": "appeals",
        "label": _lt("Decided appeals"),
        "model": "beneficiary.appeal",
        "domain": lambda ctx: [("state", "in", ("upheld", "overturned"))],
    },
    {
        "key": "appeals_overturned",
        "section": "appeals",
        "label": _lt("Decisions overturned on appeal"),
        "model": "beneficiary.appeal",
        "domain": lambda ctx: [("state", "=", "overturned")],
    },
    {
        "key": "satisfaction_score",
        "section": "voice",
        "label": _lt("Satisfaction score"),
        "model": REQUEST,
        "domain": lambda ctx: [
            ("satisfaction_state", "=", "answered"),
            ("satisfaction_score", "!=", False),
        ],
        "measure": "avg",
        "field": "satisfaction_score",
        "unit": "%",
    },
    {
        "key": "satisfaction_response_rate",
        "section": "voice",
        "label": _lt("Survey response rate"),
        "model": REQUEST,
        "domain": lambda ctx: [("satisfaction_invite_date", "!=", False)],
        "measure": "rate",
        "numerator": [("satisfaction_state", "=", "answered")],
        "unit": "%",
    },
    {
        "key": "complaints_open",
        "section": "voice",
        "label": _lt("Open complaints"),
        "model": "beneficiary.suggestion",
        "domain": lambda ctx: [("kind", "=", "complaint"), ("state", "in", SUGGESTION_OPEN_STATES)],
    },
    {
        "key": "files_review_due",
        "section": "follow_up",
        "label": _lt("Files due for review"),
        "model": "beneficiary.beneficiary",
        "domain": lambda ctx: [
            ("next_review_date", "<=", ctx["today"]),
            ("state", "in", ("registered", "active")),
        ],
    },
    {
        "key": "inquiries_unanswered",
        "section": "follow_up",
        "label": _lt("Inquiries unanswered past their deadline"),
        "model": "crm.lead",
        "domain": lambda ctx: [
            ("is_inquiry", "=", True),
            ("inquiry_answered_on", "=", False),
            ("inquiry_deadline", "<", ctx["today"]),
        ],
    },
    {
        "key": "policy_acknowledgement_rate",
        "section": "governance",
        "label": _lt("Policy acknowledgement rate"),
        "model": "beneficiary.policy.acknowledgement",
        "domain": lambda ctx: [("policy_id.state", "=", "approved")],
        "measure": "rate",
        "numerator": [("is_pending", "=", False)],
        "unit": "%",
    },
    {
        "key": "breaches_open",
        "section": "governance",
        "label": _lt("Open personal-data breaches"),
        "model": "beneficiary.data.breach",
        "domain": lambda ctx: [("state", "in", OPEN_BREACH_STATES)],
    },
    {
        "key": "data_requests_open",
        "section": "governance",
        "label": _lt("Open data-subject requests"),
        "model": "beneficiary.data.subject.request",
        "domain": lambda ctx: [("state", "in", DSR_CLOCK_STATES)],
    },
    {
        # Past the 30-day legal clock (the same test as the daily job's ``is_overdue``,
        # without waiting for it).
        "key": "data_requests_overdue",
        "section": "governance",
        "label": _lt("Data-subject requests past their 30 days"),
        "model": "beneficiary.data.subject.request",
        "domain": lambda ctx: [
            ("state", "in", DSR_CLOCK_STATES),
            ("due_date", "<", ctx["today"]),
        ],
    },
]
