from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools.nullable import NullableFloat

MANAGER = "beneficiary_relations.group_beneficiary_manager"
# A group's approval rate among eligible requests below this share of the best group's
# is flagged (the "four-fifths rule").
FOUR_FIFTHS = 0.8
DIMENSIONS = [
    ("all", "All Decided Requests"),
    ("gender", "Gender"),
    ("saudi", "Saudi / Non-Saudi"),
    ("age_band", "Age Band"),
    ("region", "Region"),
    ("city", "City"),
    ("category", "Category"),
    ("disability", "Disability"),
    ("branch", "Branch"),
    ("channel", "Intake Channel"),
    ("committee", "Committee"),
    ("officer", "Decided By"),
]
# Column of the request grouped on for each dimension (categories: their own table).
GROUPED_COLUMNS = (
    ("gender", "fairness_gender"),
    ("saudi", "fairness_is_saudi"),
    ("age_band", "fairness_age_band"),
    ("region", "fairness_region_id"),
    ("city", "fairness_city"),
    ("disability", "fairness_disability"),
    ("branch", "fairness_branch_id"),
    ("channel", "fairness_intake_channel_id"),
    ("committee", "committee_id"),
    ("officer", "decided_by_id"),
)
SUMS = (
    "decided",
    "approval_sum",
    "eligible",
    "eligible_approval_sum",
    "eligible_rejected",
    "overridden",
    "days_sum",
    "days_count",
    "score_sum",
    "score_count",
)


class BeneficiaryFairnessReport(models.TransientModel):
    """Fairness of decisions (P20, issue 17 point 2), for managers.

    For each value of each dimension frozen on the requests at submission: requests
    decided (approved or rejected) in the period, approval rate, days to decision,
    satisfaction, their gap to the overall figure, and a flag where the approval rate
    among eligible requests is below four fifths of the best group's. Groups smaller
    than the association's minimum are merged into one "other groups" line, hidden when
    still too small, so that nobody is identified. Committees and the staff who decided
    get the rates of rejection despite eligibility and of approval by override.

    Two SQL queries (the dimensions in one GROUPING SETS, the categories in another)
    and one read of the names per kind of group: the number of queries does not grow
    with the number of requests.
    """

    _name = "beneficiary.fairness.report"
    _description = "Fairness Report"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    date_from = fields.Date(string="Decided From")
    date_to = fields.Date(string="Decided Until")
    service_id = fields.Many2one("beneficiary.service", check_company=True)
    min_group = fields.Integer(
        string="Smallest Group Shown", related="company_id.beneficiary_fairness_min_group"
    )
    line_ids = fields.One2many("beneficiary.fairness.report.line", "report_id", readonly=True)

    # ---------------------------------------------------------------- figures
    def _where(self):
        self.ensure_one()
        conditions = [
            SQL("r.company_id = %s", self.company_id.id),
            # the requests that have an approval rate (the stored field's definition)
            SQL("r.approval_rate IS NOT NULL"),
            SQL("r.fairness_snapshot_date IS NOT NULL"),
        ]
        if self.date_from:
            conditions.append(SQL("r.decision_date >= %s", self.date_from))
        if self.date_to:
            conditions.append(SQL("r.decision_date < %s::date + 1", self.date_to))
        if self.service_id:
            conditions.append(SQL("r.service_id = %s", self.service_id.id))
        return SQL(" AND ").join(conditions)

    @staticmethod
    def _sums_sql():
        return SQL(
            """
            COUNT(*),
            COALESCE(SUM(r.approval_rate), 0),
            COUNT(*) FILTER (WHERE r.decision_eligible),
            COALESCE(SUM(r.approval_rate) FILTER (WHERE r.decision_eligible), 0),
            COUNT(*) FILTER (WHERE r.decision_eligible AND r.decision = 'rejected'),
            COUNT(*) FILTER (WHERE r.decision_eligible IS NOT TRUE AND r.decision = 'approved'),
            COALESCE(SUM(r.decision_days_taken), 0),
            COUNT(r.decision_days_taken),
            COALESCE(SUM(r.satisfaction_score)
                FILTER (WHERE r.satisfaction_state = 'answered'), 0),
            COUNT(r.satisfaction_score) FILTER (WHERE r.satisfaction_state = 'answered')
            """
        )

    def _group_sums(self):
        """``[(dimension, raw value, {sum name: value})]`` of every group."""
        self.ensure_one()
        self.env["beneficiary.support.request"].flush_model()
        columns = [SQL.identifier("r", column) for __, column in GROUPED_COLUMNS]
        sets = SQL(", ").join([SQL("(%s)", column) for column in columns] + [SQL("()")])
        self.env.cr.execute(
            SQL(
                """
                SELECT GROUPING(%(columns)s), %(columns)s, %(sums)s
                  FROM beneficiary_support_request r
                 WHERE %(where)s
              GROUP BY GROUPING SETS (%(sets)s)
                """,
                columns=SQL(", ").join(columns),
                sums=self._sums_sql(),
                where=self._where(),
                sets=sets,
            )
        )
        count = len(GROUPED_COLUMNS)
        groups = []
        for row in self.env.cr.fetchall():
            mask, values, sums = row[0], row[1 : 1 + count], row[1 + count :]
            sums = dict(zip(SUMS, sums, strict=True))
            if mask == (1 << count) - 1:
                groups.append(("all", None, sums))
                continue
            # GROUPING() gives 0 to the column this row is grouped on (first = highest bit).
            index = next(i for i in range(count) if not mask & (1 << (count - 1 - i)))
            groups.append((GROUPED_COLUMNS[index][0], values[index], sums))
        self.env.cr.execute(
            SQL(
                """
                SELECT c.category_id, %(sums)s
                  FROM beneficiary_support_request r
                  JOIN beneficiary_request_fairness_category_rel c ON c.request_id = r.id
                 WHERE %(where)s
              GROUP BY c.category_id
                """,
                sums=self._sums_sql(),
                where=self._where(),
            )
        )
        groups += [
            ("category", row[0], dict(zip(SUMS, row[1:], strict=True)))
            for row in self.env.cr.fetchall()
        ]
        return groups

    def _value_labels(self, groups):
        """``{(dimension, raw value): label}``, one read per kind of record."""
        _ = self.env._
        ids = {}
        for dimension, value, __ in groups:
            ids.setdefault(dimension, set()).add(value)
        models_of = {
            "region": "res.country.state",
            "category": "beneficiary.category",
            "branch": "beneficiary.branch",
            "channel": "beneficiary.intake.channel",
            "committee": "beneficiary.committee",
            "officer": "res.users",
        }
        labels = {}
        for dimension, model in models_of.items():
            # sudo: manager-only report (ACL); only the names of the groups already counted
            records = self.env[model].sudo().with_context(active_test=False)
            for record in records.browse([i for i in ids.get(dimension, ()) if i]):
                labels[dimension, record.id] = record.display_name
        gender = dict(
            self.env["beneficiary.beneficiary"]._fields["gender"]._description_selection(self.env)
        )
        bands = dict(
            self.env["beneficiary.support.request"]
            ._fields["fairness_age_band"]
            ._description_selection(self.env)
        )
        for value, label in gender.items():
            labels["gender", value] = label
        for value, label in bands.items():
            labels["age_band", value] = label
        labels["saudi", True] = _("Saudi")
        labels["saudi", False] = _("Non-Saudi")
        labels["disability", True] = _("With a disability")
        labels["disability", False] = _("Without a disability")
        labels["all", None] = _("All decided requests")
        for dimension, values in ids.items():
            for value in values:
                if value is None or value == "":
                    labels.setdefault((dimension, value), _("Not recorded"))
                elif dimension == "city":
                    labels[dimension, value] = value
        return labels

    @staticmethod
    def _rate(part, whole):
        return round(100.0 * part / whole, 1) if whole else None

    @staticmethod
    def _average(total, count):
        return round(float(total) / count, 1) if count else None

    def _line_figures(self, sums, min_group):
        rate = self._rate
        figures = {
            "decided_count": sums["decided"],
            "eligible_count": sums["eligible"],
            # averages of the stored approval rate (100 approved, 0 rejected)
            "approval_rate": self._average(sums["approval_sum"], sums["decided"]),
            "eligible_approval_rate": self._average(
                sums["eligible_approval_sum"], sums["eligible"]
            ),
            "rejected_eligible_rate": rate(sums["eligible_rejected"], sums["eligible"]),
            "override_rate": rate(sums["overridden"], sums["decided"]),
            "days_to_decision": round(sums["days_sum"] / sums["days_count"], 1)
            if sums["days_count"]
            else None,
            # An average of fewer answers than the minimum comes close to one person's.
            "satisfaction": round(float(sums["score_sum"]) / sums["score_count"], 1)
            if sums["score_count"] >= min_group
            else None,
        }
        return figures

    def _compute_lines(self):
        """The report's lines as a list of values (no record written)."""
        self.ensure_one()
        if not self.env.su and self.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("You do not work for this association."))
        min_group = max(self.company_id.beneficiary_fairness_min_group, 1)
        groups = self._group_sums()
        labels = self._value_labels(groups)
        overall_sums = next((sums for dim, __, sums in groups if dim == "all"), None)
        if not overall_sums or not overall_sums["decided"]:
            return []
        overall = self._line_figures(overall_sums, min_group)
        by_dimension = {}
        for dimension, value, sums in groups:
            by_dimension.setdefault(dimension, []).append((value, sums))
        lines = []
        order = [key for key, __ in DIMENSIONS]
        for dimension in order:
            shown, small = [], []
            for value, sums in by_dimension.get(dimension, []):
                if dimension == "all" or sums["decided"] >= min_group:
                    shown.append((labels.get((dimension, value), str(value)), sums, False))
                else:
                    small.append(sums)
            merged = {name: sum(s[name] for s in small) for name in SUMS}
            if small and merged["decided"] >= min_group:
                shown.append((self.env._("Other groups (each too small to show)"), merged, True))
            dimension_lines = []
            for label, sums, is_merged in sorted(shown, key=lambda item: (item[2], item[0])):
                figures = self._line_figures(sums, min_group)
                gap = {
                    "approval_gap": figures["approval_rate"] - overall["approval_rate"]
                    if figures["approval_rate"] is not None and overall["approval_rate"] is not None
                    else None,
                    "days_gap": figures["days_to_decision"] - overall["days_to_decision"]
                    if figures["days_to_decision"] is not None
                    and overall["days_to_decision"] is not None
                    else None,
                    "satisfaction_gap": figures["satisfaction"] - overall["satisfaction"]
                    if figures["satisfaction"] is not None and overall["satisfaction"] is not None
                    else None,
                }
                dimension_lines.append(
                    {
                        "dimension": dimension,
                        "value": label,
                        "merged": is_merged,
                        **figures,
                        **{key: round(v, 1) if v is not None else None for key, v in gap.items()},
                    }
                )
            rates = [
                line["eligible_approval_rate"]
                for line in dimension_lines
                if line["eligible_approval_rate"] is not None
            ]
            best = max(rates) if rates else None
            for line in dimension_lines:
                line["below_four_fifths"] = bool(
                    dimension not in ("all", "committee", "officer")
                    and best
                    and line["eligible_approval_rate"] is not None
                    and line["eligible_approval_rate"] < FOUR_FIFTHS * best
                )
            lines += dimension_lines
        return lines

    # ---------------------------------------------------------------- actions
    def action_compute(self):
        self.ensure_one()
        self.line_ids.unlink()
        vals_list = [
            {"report_id": self.id, "sequence": sequence, **vals}
            for sequence, vals in enumerate(self._compute_lines(), 1)
        ]
        self.env["beneficiary.fairness.report.line"].create(vals_list)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Fairness Report"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def action_open(self):
        """Menu entry: a new report of the current association over the last year."""
        today = fields.Date.context_today(self)
        report = self.create({"date_from": fields.Date.subtract(today, years=1), "date_to": today})
        return report.action_compute()


class BeneficiaryFairnessReportLine(models.TransientModel):
    _name = "beneficiary.fairness.report.line"
    _description = "Fairness Report Line"
    _order = "report_id, sequence, id"

    report_id = fields.Many2one("beneficiary.fairness.report", required=True, ondelete="cascade")
    sequence = fields.Integer()
    dimension = fields.Selection(DIMENSIONS, required=True)
    value = fields.Char(string="Group")
    merged = fields.Boolean(string="Merged Small Groups")
    decided_count = fields.Integer(string="Decided")
    eligible_count = fields.Integer(string="Decided While Eligible")
    approval_rate = NullableFloat(string="Approval Rate (%)", digits=(5, 1))
    eligible_approval_rate = NullableFloat(string="Approval Rate of Eligible (%)", digits=(5, 1))
    approval_gap = NullableFloat(string="Gap to Overall (points)", digits=(5, 1))
    below_four_fifths = fields.Boolean(
        string="Below Four Fifths of the Best Group",
        help="The group's approval rate among eligible requests is below 80% of the best "
        "group's in the same dimension: look at why.",
    )
    days_to_decision = NullableFloat(string="Days to Decision", digits=(6, 1))
    days_gap = NullableFloat(string="Days Gap to Overall", digits=(6, 1))
    satisfaction = NullableFloat(string="Satisfaction (%)", digits=(5, 1))
    satisfaction_gap = NullableFloat(string="Satisfaction Gap (points)", digits=(5, 1))
    rejected_eligible_rate = NullableFloat(string="Rejected Although Eligible (%)", digits=(5, 1))
    override_rate = NullableFloat(string="Approved by Override (%)", digits=(5, 1))
