"""The managers' dashboard (issue 17): one screen per association, each figure opens its list.

The figures are a declarative list, ``FIGURES`` in ``beneficiary_dashboard_figures.py``:
one entry per figure with its label, the model and domain of the records it counts (the
same domain opens its list), how it is measured (count, average, 90th percentile, rate)
and, for a breakdown, the field it is grouped by. A new figure is one entry. The values are computed with at most two SQL
queries per model, whatever the number of records: one for its scalar figures (each a
``FILTER`` of the same scan) and one for all its breakdowns (``GROUPING SETS``). The
domains go through ``_search`` (record rules included) so that a figure counts exactly
what its list shows.

Only the association's managers (and the administrator, who is one) read it, and only
for the current company (``env.company``, which Odoo checks against the user's
companies): the method refuses anyone else.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .beneficiary_dashboard_figures import FIGURES, SECTIONS

MANAGER = "beneficiary_relations.group_beneficiary_manager"


class BeneficiaryDashboard(models.AbstractModel):
    _name = "beneficiary.dashboard"
    _description = "Managers' Dashboard"

    @api.model
    def _check_dashboard_access(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only the association's managers see the dashboard."))

    @api.model
    def _dashboard_context(self):
        today = fields.Date.to_string(fields.Date.context_today(self))
        return {"today": today, "company": self.env.company}

    @api.model
    def _figure_domain(self, figure, ctx):
        company_field = figure.get("company_field", "company_id")
        return [(company_field, "=", ctx["company"].id), *figure["domain"](ctx)]

    @api.model
    def _condition(self, Model, scope, domain):
        """SQL condition of ``domain`` (record rules included) on the table of ``scope``
        (the query of the association's records), within its joins."""
        query = Model._search(domain)
        if query.is_empty():
            return SQL("FALSE")
        if any(scope._joins.get(alias) != join for alias, join in query._joins.items()):
            # a join the scope has not: keep the condition in a subquery
            return SQL("%s IN %s", SQL.identifier(query.table, "id"), query.subselect())
        return query.where_clause or SQL("TRUE")

    @api.model
    def _measure_sql(self, Model, scope, figure, where):
        measure = figure.get("measure", "count")
        if measure == "count":
            return SQL("COUNT(*) FILTER (WHERE %s)", where)
        if measure == "rate":
            numerator = self._condition(Model, scope, figure["_domain"] + figure["numerator"])
            return SQL(
                "ROUND(100.0 * COUNT(*) FILTER (WHERE %s) / NULLIF(COUNT(*) FILTER (WHERE %s), 0), 1)",
                numerator,
                where,
            )
        column = Model._field_to_sql(scope.table, figure["field"], scope)
        if measure == "avg":
            return SQL("ROUND((AVG(%s) FILTER (WHERE %s))::numeric, 1)", column, where)
        if measure == "p90":
            return SQL(
                "ROUND((PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY %s) FILTER (WHERE %s))"
                "::numeric, 1)",
                column,
                where,
            )
        raise ValueError(measure)

    @api.model
    def _action(self, figure, domain, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": figure["model"],
            "views": [[False, "list"], [False, "form"]],
            "view_mode": "list,form",
            "domain": domain,
            "context": {"create": False},
            "target": "current",
        }

    @api.model
    def _group_labels(self, figure, keys):
        field = self.env[figure["model"]]._fields[figure["groupby"]]
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
            return {key: labels.get(key, key) for key in keys}
        records = self.env[field.comodel_name].browse([key for key in keys if key])
        labels = {record.id: record.display_name for record in records}
        labels[None] = self.env._("None")
        return labels

    @api.model
    def _compute_figures(self, figures=None):
        """``{key: value}`` for scalar figures, ``{key: [(group value, count)]}`` for
        breakdowns: one query per model for its scalar figures, one for its breakdowns."""
        ctx = self._dashboard_context()
        figures = [dict(figure) for figure in (figures or FIGURES)]
        by_model = {}
        for figure in figures:
            figure["_domain"] = self._figure_domain(figure, ctx)
            by_model.setdefault(figure["model"], []).append(figure)
        values = {}
        for model, model_figures in by_model.items():
            company_field = model_figures[0].get("company_field", "company_id")
            Model = self.env[model]
            scope = Model._search([(company_field, "=", ctx["company"].id)])
            where = {f["key"]: self._condition(Model, scope, f["_domain"]) for f in model_figures}
            scalars = [f for f in model_figures if not f.get("groupby")]
            breakdowns = [f for f in model_figures if f.get("groupby")]
            if scalars:
                values.update(self._compute_scalars(Model, scope, scalars, where))
            if breakdowns:
                values.update(self._compute_breakdowns(Model, scope, breakdowns, where))
        return values, figures

    @api.model
    def _scan(self, scope, figures, where):
        """FROM and WHERE of a scan of the records any of ``figures`` counts."""
        any_figure = SQL(" OR ").join(SQL("(%s)", where[f["key"]]) for f in figures)
        return SQL(
            "FROM %s WHERE %s AND (%s)",
            scope.from_clause,
            scope.where_clause or SQL("TRUE"),
            any_figure,
        )

    @api.model
    def _compute_scalars(self, Model, scope, figures, where):
        selects = [self._measure_sql(Model, scope, f, where[f["key"]]) for f in figures]
        rows = self.env.execute_query(
            SQL("SELECT %s %s", SQL(", ").join(selects), self._scan(scope, figures, where))
        )
        row = rows[0] if rows else [None] * len(figures)
        return {
            figure["key"]: float(value) if value is not None else None
            for figure, value in zip(figures, row, strict=True)
        }

    @api.model
    def _compute_breakdowns(self, Model, scope, figures, where):
        """All the breakdowns of a model in one query (``GROUPING SETS``)."""
        fields_ = list(dict.fromkeys(f["groupby"] for f in figures))
        columns = [Model._field_to_sql(scope.table, name, scope) for name in fields_]
        selects = [
            *columns,
            *(SQL("GROUPING(%s)", column) for column in columns),
            *(SQL("COUNT(*) FILTER (WHERE %s)", where[f["key"]]) for f in figures),
        ]
        rows = self.env.execute_query(
            SQL(
                "SELECT %s %s GROUP BY GROUPING SETS (%s)",
                SQL(", ").join(selects),
                self._scan(scope, figures, where),
                SQL(", ").join(SQL("(%s)", column) for column in columns),
            )
        )
        values = {f["key"]: [] for f in figures}
        width = len(fields_)
        for row in rows:
            grouped = fields_[row[width : 2 * width].index(0)]
            for figure, count in zip(figures, row[2 * width :], strict=True):
                if figure["groupby"] == grouped and count:
                    values[figure["key"]].append((row[fields_.index(grouped)], count))
        for breakdown in values.values():
            breakdown.sort(key=lambda item: (-item[1], item[0] is None, str(item[0])))
        return values

    @api.model
    def get_dashboard(self):
        """The figures of the current association, grouped in sections, each with the
        action that opens its list."""
        self._check_dashboard_access()
        values, figures = self._compute_figures()
        sections = {key: [] for key, _label in SECTIONS}
        for figure in figures:
            source = figure["label"]
            label = self.env._(source)
            entry = {
                "key": figure["key"],
                "label": label,
                "unit": figure.get("unit", ""),
                "action": self._action(figure, figure["_domain"], label),
            }
            value = values[figure["key"]]
            if figure.get("groupby"):
                labels = self._group_labels(figure, [key for key, _count in value])
                entry["groups"] = [
                    {
                        "label": labels[key],
                        "value": count,
                        "action": self._action(
                            figure,
                            [*figure["_domain"], (figure["groupby"], "=", key or False)],
                            "%s: %s" % (label, labels[key]),
                        ),
                    }
                    for key, count in value
                ]
                entry["value"] = sum(count for _key, count in value)
            else:
                entry["value"] = value
            sections[figure["section"]].append(entry)
        return {
            "company": self.env.company.name,
            "today": fields.Date.to_string(fields.Date.context_today(self)),
            "sections": [
                {"key": key, "label": self.env._(label), "figures": sections[key]}
                for key, label in SECTIONS
                if sections[key]
            ],
        }
