from datetime import timedelta

from odoo import models

REQUEST = "beneficiary.support.request"
HEADLINE_REPORT = "beneficiary_relations.action_report_headline_figures"


class BeneficiaryHeadlineReport(models.TransientModel):
    """Headline figures of a period for the board and the NCNP annual report (issue 17):
    unique beneficiaries served, indirect reach, requests by outcome, services
    delivered, outcomes (P38) and satisfaction, as an Arabic PDF and an xlsx file."""

    _name = "beneficiary.headline.report"
    _inherit = ["beneficiary.report.period"]
    _description = "Headline Figures"

    def _headline_figures(self):
        """The figures of the period (a dict), for the PDF, the xlsx and the evidence pack.

        - served: distinct beneficiaries with a service running or delivered in the
          period (in service or done, started by its end and not delivered before it);
        - reach: people reached indirectly (P1), by the reach lines dated in the period;
        - decisions: requests decided in the period, by decision;
        - delivered: requests delivered in the period, by service, and their outcomes;
        - satisfaction: surveys sent in the period, answered ones, average score.
        """
        start, end = self._period()
        after_end = end + timedelta(days=1)
        company = [("company_id", "=", self.company_id.id)]
        Request = self.env[REQUEST]
        served_domain = [
            *company,
            ("state", "in", ("in_service", "done")),
            "|",
            ("service_start_date", "<=", end),
            "&",
            ("service_start_date", "=", False),
            ("delivery_date", "<=", end),
            "|",
            ("delivery_date", "=", False),
            ("delivery_date", ">=", start),
        ]
        [(served,)] = Request._read_group(served_domain, [], ["beneficiary_id:count_distinct"])
        [(reach,)] = self.env["beneficiary.reach"]._read_group(
            [*company, ("date", ">=", start), ("date", "<=", end)], [], ["reach_count:sum"]
        )
        decision_labels = dict(Request._fields["decision"]._description_selection(self.env))
        decided = dict(
            Request._read_group(
                [
                    *company,
                    ("decision", "!=", False),
                    ("decision_date", ">=", start),
                    ("decision_date", "<", after_end),
                ],
                ["decision"],
                ["__count"],
            )
        )
        delivered_domain = [
            *company,
            ("delivery_date", ">=", start),
            ("delivery_date", "<=", end),
        ]
        by_service = Request._read_group(
            delivered_domain, ["service_id"], ["__count"], order="__count desc"
        )
        by_outcome = Request._read_group(
            delivered_domain,
            ["service_id", "outcome_id"],
            ["__count"],
            order="service_id, __count desc",
        )
        invited = Request.search_count(
            [
                *company,
                ("satisfaction_invite_date", ">=", start),
                ("satisfaction_invite_date", "<", after_end),
            ]
        )
        [(answered, score)] = Request._read_group(
            [
                *company,
                ("satisfaction_state", "=", "answered"),
                ("satisfaction_answer_date", ">=", start),
                ("satisfaction_answer_date", "<", after_end),
            ],
            [],
            ["__count", "satisfaction_score:avg"],
        )
        return {
            "start": start,
            "end": end,
            "served": served,
            "reach": reach or 0,
            "decisions": [
                (decision_labels[key], decided.get(key, 0))
                for key in ("approved", "rejected", "referred")
            ],
            "decided": sum(decided.values()),
            "delivered": sum(count for _service, count in by_service),
            "by_service": [(service.display_name, count) for service, count in by_service],
            "outcomes": [
                (
                    service.display_name,
                    outcome.display_name if outcome else self.env._("Not recorded"),
                    bool(outcome.is_positive),
                    count,
                )
                for service, outcome, count in by_outcome
            ],
            "invited": invited,
            "answered": answered,
            "response_rate": round(100.0 * answered / invited, 1) if invited else None,
            "score": round(score, 1) if answered and score is not None else None,
        }

    def _headline_rows(self, figures=None):
        """``(label, value)`` of the main figures, in the order of the PDF."""
        figures = figures or self._headline_figures()
        _ = self.env._
        rows = [
            (_("Unique beneficiaries served (direct)"), figures["served"]),
            (_("People reached indirectly"), figures["reach"]),
            (_("Requests decided"), figures["decided"]),
        ]
        rows += [
            (_("Requests decided: %(decision)s", decision=d), n) for d, n in figures["decisions"]
        ]
        rows += [
            (_("Services delivered"), figures["delivered"]),
            (_("Satisfaction surveys sent"), figures["invited"]),
            (_("Satisfaction surveys answered"), figures["answered"]),
            (_("Response rate (%)"), figures["response_rate"]),
            (_("Satisfaction score (%)"), figures["score"]),
        ]
        return rows

    def _headline_xlsx(self):
        figures = self._headline_figures()
        _ = self.env._
        return self._xlsx(
            [
                (
                    _("Headline Figures"),
                    [_("Figure"), _("Value")],
                    [(_("Period"), self._period_label()), *self._headline_rows(figures)],
                ),
                (
                    _("Services Delivered"),
                    [_("Service"), _("Delivered")],
                    figures["by_service"],
                ),
                (
                    _("Outcomes"),
                    [_("Service"), _("Outcome"), _("Goal Reached"), _("Requests")],
                    [
                        (service, outcome, _("Yes") if positive else _("No"), count)
                        for service, outcome, positive, count in figures["outcomes"]
                    ],
                ),
            ]
        )

    def action_print(self):
        self._period()
        return self.env.ref(HEADLINE_REPORT).report_action(self, config=False)

    def action_export_xlsx(self):
        start, end = self._period()
        filename = "headline-figures-%s-%s.xlsx" % (start, end)
        return self._download(
            self.with_context(lang=self._print_lang())._headline_xlsx(),
            filename,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
