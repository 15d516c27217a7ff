from odoo import fields, models
from odoo.tools import SQL


class BeneficiarySatisfactionReport(models.Model):
    """Satisfaction analysis (P14): aggregates only, never one beneficiary's answer.

    One row per month of invitation, service, intake channel and officer's team, so that
    staff read averages and response rates without reaching an individual answer. The
    averages are recomputed from the sums when rows are grouped together. There is no
    column per officer: rating is a tool for improvement, not for punishment (P28).
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
            "channel_id",
            "officer_id",
        ],
        "res.users": ["sale_team_id"],
    }

    date = fields.Date(string="Month", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    service_id = fields.Many2one("beneficiary.service", readonly=True)
    channel_id = fields.Many2one("utm.medium", string="Intake Channel", readonly=True)
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

    def _read_group_select(self, aggregate_spec, query):
        """Weighted averages: total score / rated answers, answered / invited."""
        table = self._table
        if aggregate_spec == "satisfaction_score:avg":
            return SQL(
                "ROUND((SUM(%s) / NULLIF(SUM(%s), 0))::numeric, 1)",
                SQL.identifier(table, "score_sum"),
                SQL.identifier(table, "scored_count"),
            )
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
                                      g.channel_id, g.team_id) AS id,
                   g.*,
                   ROUND((g.score_sum / NULLIF(g.scored_count, 0))::numeric, 1)
                       AS satisfaction_score,
                   ROUND((100.0 * g.answered_count / NULLIF(g.invited_count, 0))::numeric, 1)
                       AS response_rate
              FROM (
                SELECT date_trunc('month', r.satisfaction_invite_date)::date AS date,
                       r.company_id,
                       r.service_id,
                       r.channel_id,
                       u.sale_team_id AS team_id,
                       COUNT(*) AS invited_count,
                       COUNT(*) FILTER (WHERE r.satisfaction_state = 'answered')
                           AS answered_count,
                       COUNT(r.satisfaction_score)
                           FILTER (WHERE r.satisfaction_state = 'answered') AS scored_count,
                       COALESCE(SUM(r.satisfaction_score)
                           FILTER (WHERE r.satisfaction_state = 'answered'), 0) AS score_sum
                  FROM beneficiary_support_request r
             LEFT JOIN res_users u ON u.id = r.officer_id
                 WHERE r.satisfaction_invite_date IS NOT NULL
              GROUP BY 1, 2, 3, 4, 5
              ) g
            """
        )
