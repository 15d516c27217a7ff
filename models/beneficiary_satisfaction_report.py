from odoo import fields, models
from odoo.tools import SQL

MANAGER = "beneficiary_relations.group_beneficiary_manager"
# An average over fewer rated answers than this is hidden from staff other than managers:
# in a small group it comes close to one beneficiary's own rating (P28).
MIN_GROUP_SIZE = 5


class BeneficiarySatisfactionReport(models.Model):
    """Satisfaction analysis (P14): aggregates only, never one beneficiary's answer.

    One row per month of invitation, service, intake channel and officer's team, so that
    staff read averages and response rates without reaching an individual answer. The
    averages are recomputed from the sums when rows are grouped together. There is no
    column per officer: rating is a tool for improvement, not for punishment (P28).

    Averages (and score sums) over fewer than ``MIN_GROUP_SIZE`` rated answers are NULL
    for everyone but managers, in the rows themselves (``search_read``, filters, order)
    and in groupings (``read_group``/``web_read_group``): the SQL decides, not the view.
    The raw sums stay in columns that are no fields, used only for the grouped averages.
    """

    _name = "beneficiary.satisfaction.report"
    _description = "Beneficiary Satisfaction Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "date"
    _depends = {
        "beneficiary.support.request": [
            "satisfaction_invite_date",
            "satisfaction_state",
            "satisfaction_score",
            "company_id",
            "service_id",
            "intake_channel_id",
            "officer_id",
        ],
        "res.users": ["sale_team_id"],
    }

    date = fields.Date(string="Month", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    service_id = fields.Many2one("beneficiary.service", readonly=True)
    # The association's own, translatable channel (P2, P31), not the shared CRM medium.
    intake_channel_id = fields.Many2one("beneficiary.intake.channel", readonly=True)
    team_id = fields.Many2one("crm.team", string="Officer's Team", readonly=True)
    invited_count = fields.Integer(string="Invited", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    scored_count = fields.Integer(string="Rated", readonly=True)
    score_sum = fields.Float(readonly=True)
    satisfaction_score = fields.Float(
        string="Satisfaction (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )
    response_rate = fields.Float(
        string="Response Rate (%)", readonly=True, aggregator="avg", digits=(5, 1)
    )

    def _min_group_size(self):
        """Rated answers needed to show an average to the current user."""
        if self.env.su or self.env.user.has_group(MANAGER):
            return 0
        return MIN_GROUP_SIZE

    def _read_group_select(self, aggregate_spec, query):
        """Weighted averages: total score / rated answers, answered / invited."""
        table = self._table
        if aggregate_spec in ("satisfaction_score:avg", "score_sum:sum"):
            rated = SQL("SUM(%s)", SQL.identifier(table, "scored_count"))
            raw_sum = SQL("SUM(%s)", SQL.identifier(table, "raw_score_sum"))
            value = (
                SQL("ROUND((%s / NULLIF(%s, 0))::numeric, 1)", raw_sum, rated)
                if aggregate_spec == "satisfaction_score:avg"
                else raw_sum
            )
            return SQL("CASE WHEN %s >= %s THEN %s END", rated, self._min_group_size(), value)
        if aggregate_spec == "response_rate:avg":
            return SQL(
                "ROUND((100.0 * SUM(%s) / NULLIF(SUM(%s), 0))::numeric, 1)",
                SQL.identifier(table, "answered_count"),
                SQL.identifier(table, "invited_count"),
            )
        return super()._read_group_select(aggregate_spec, query)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT row_number() OVER (ORDER BY g.date, g.company_id, g.service_id,
                                      g.intake_channel_id, g.team_id) AS id,
                   g.*,
                   CASE WHEN g.scored_count >= %(min)s THEN g.raw_score_sum END AS score_sum,
                   CASE WHEN g.scored_count >= %(min)s
                        THEN ROUND((g.raw_score_sum / NULLIF(g.scored_count, 0))::numeric, 1)
                   END AS satisfaction_score,
                   ROUND((100.0 * g.answered_count / NULLIF(g.invited_count, 0))::numeric, 1)
                       AS response_rate
              FROM (
                SELECT date_trunc('month', r.satisfaction_invite_date)::date AS date,
                       r.company_id,
                       r.service_id,
                       r.intake_channel_id,
                       u.sale_team_id AS team_id,
                       COUNT(*) AS invited_count,
                       COUNT(*) FILTER (WHERE r.satisfaction_state = 'answered')
                           AS answered_count,
                       COUNT(r.satisfaction_score)
                           FILTER (WHERE r.satisfaction_state = 'answered') AS scored_count,
                       COALESCE(SUM(r.satisfaction_score)
                           FILTER (WHERE r.satisfaction_state = 'answered'), 0) AS raw_score_sum
                  FROM beneficiary_support_request r
             LEFT JOIN res_users u ON u.id = r.officer_id
                 WHERE r.satisfaction_invite_date IS NOT NULL
              GROUP BY 1, 2, 3, 4, 5
              ) g
            """,
            min=self._min_group_size(),
        )
