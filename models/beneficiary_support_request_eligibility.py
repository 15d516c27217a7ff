from collections import defaultdict

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL, format_amount
from odoo.tools.i18n import format_list

from ..tools import hijri
from .beneficiary_service import OPEN_STATES
from .beneficiary_workflow_fields import workflow_action


class BeneficiarySupportRequest(models.Model):
    """The eligibility engine (P17, P18): each criterion of the service, explained."""

    _inherit = "beneficiary.support.request"

    eligibility_ok = fields.Boolean(string="Eligible", readonly=True, copy=False, index=True)
    eligibility_line_ids = fields.One2many(
        "beneficiary.eligibility.line", "request_id", string="Eligibility Checks", readonly=True
    )
    eligibility_reasons = fields.Text(
        readonly=True,
        copy=False,
        help="The unmet conditions, as the beneficiary is told (P18).",
    )
    eligibility_date = fields.Datetime(string="Eligibility Checked On", readonly=True, copy=False)

    @workflow_action
    def action_check_eligibility(self):
        self._evaluate_eligibility()

    @workflow_action
    def _evaluate_eligibility(self):
        """Evaluate every request of ``self`` in a few queries (none per request).

        Lines are written in the beneficiary's language, since their explanation is what
        the beneficiary is told when refused. The facts are read in one query; the texts of
        each service's criteria are built once per language, not once per request.
        """
        facts = self._fetch_eligibility_data()
        if not facts:
            return
        requests = self.browse(row["id"] for row in facts)
        Beneficiary = self.env["beneficiary.beneficiary"]
        services = {}
        for row in facts:
            services.setdefault(row["service_id"], set()).add(row["beneficiary_id"])
        # The free rule: one search per service, whatever the number of requests.
        other_ok = {}
        for service in self.env["beneficiary.service"].browse(list(services)):
            domain = service._get_eligibility_domain()
            if domain:
                # sudo(): the condition may name a sensitive category, which the acting
                # user's searches do not see (P7); only the files of the requests being
                # evaluated are searched, and only a yes/no per file comes out.
                matching = (
                    Beneficiary.sudo()
                    .with_context(active_test=False)
                    .search(expression.AND([domain, [("id", "in", list(services[service.id]))]]))
                )
                other_ok[service.id] = set(matching.ids)
        services = {
            service.id: service
            for service in self.env["beneficiary.service"].browse(list(services))
        }
        today = fields.Date.context_today(self)
        by_lang = defaultdict(list)
        for row in facts:
            by_lang[row["lang"] or "ar_001"].append(row)
        line_vals = []
        results = []
        for lang, rows in by_lang.items():
            checker = self.with_context(lang=lang)._eligibility_checker(
                services, rows, other_ok, today
            )
            for row in rows:
                checks = checker(row)
                for sequence, check in enumerate(checks):
                    line_vals.append(
                        dict(
                            check,
                            request_id=row["id"],
                            company_id=row["company_id"],
                            sequence=sequence,
                        )
                    )
                reasons = "\n".join(c["explanation"] for c in checks if not c["met"])
                results.append({"id": row["id"], "ok": not reasons, "reasons": reasons or None})
        requests._store_eligibility(line_vals, results)

    def _fetch_eligibility_data(self):
        """The facts the criteria need, for the requests of ``self`` that have a service and
        a beneficiary, in one query.

        Through the ORM, reads go by a thousand records and each field read costs Python
        time: the engine reads plain rows instead.
        """
        Beneficiary = self.env["beneficiary.beneficiary"]
        self.flush_model(["service_id", "beneficiary_id"])
        Beneficiary.flush_model(
            [
                "partner_id",
                "birth_date",
                "gender",
                "nationality_id",
                "is_saudi",
                "category_ids",
                "education_level_id",
                "employment_status_id",
                "monthly_income",
                "household_income",
                "income_per_capita",
            ]
        )
        self.env["res.partner"].flush_model(["lang"])
        categories = Beneficiary._fields["category_ids"]
        self.env.cr.execute(
            SQL(
                """
                SELECT request.id, request.service_id, request.company_id,
                       beneficiary.id AS beneficiary_id,
                       partner.lang, beneficiary.birth_date, beneficiary.gender,
                       beneficiary.is_saudi, beneficiary.nationality_id,
                       ARRAY(SELECT rel.%(cat_col2)s FROM %(cat_rel)s rel
                              WHERE rel.%(cat_col1)s = beneficiary.id) AS category_ids,
                       beneficiary.education_level_id, beneficiary.employment_status_id,
                       beneficiary.monthly_income::float8 AS monthly_income,
                       beneficiary.household_income::float8 AS household_income,
                       beneficiary.income_per_capita::float8 AS income_per_capita
                  FROM beneficiary_support_request request
                  JOIN beneficiary_beneficiary beneficiary
                    ON beneficiary.id = request.beneficiary_id
                  JOIN res_partner partner ON partner.id = beneficiary.partner_id
                 WHERE request.id = ANY(%(ids)s) AND request.service_id IS NOT NULL
                 ORDER BY request.id
                """,
                cat_rel=SQL.identifier(categories.relation),
                cat_col1=SQL.identifier(categories.column1),
                cat_col2=SQL.identifier(categories.column2),
                ids=self.ids,
            )
        )
        return self.env.cr.dictfetchall()

    @api.model
    def _eligibility_checker(self, services, rows, other_ok, today):
        """A function giving the checks of one row of facts, in the env's language.

        Everything that does not depend on the beneficiary (the rules, the explanations,
        the names of categories and levels) is built here once for all ``rows``; what
        depends on a value (an age, an amount) is kept once per value.
        """
        env = self.env
        _ = env._
        lang = env.lang or "ar_001"
        not_recorded = _("Not recorded")

        def names_of(model, ids, order=False):
            records = env[model].with_context(active_test=False).browse(ids)
            if order:
                records = records.search_fetch([("id", "in", list(ids))], ["name"])
            return {record.id: record.name for record in records}

        category_names = names_of(
            "beneficiary.category", {c for row in rows for c in row["category_ids"]}, True
        )
        # P7: a sensitive category is never named in the results; the value says only
        # that the condition is met.
        sensitive = set(env["beneficiary.beneficiary"]._sensitive_category_ids())
        meets_condition = _("Meets the category condition")
        category_rank = {cid: rank for rank, cid in enumerate(category_names)}
        education_names = names_of(
            "beneficiary.education.level", {row["education_level_id"] for row in rows} - {None}
        )
        employment_names = names_of(
            "beneficiary.employment.status",
            {row["employment_status_id"] for row in rows} - {None},
        )
        country_names = names_of("res.country", {row["nationality_id"] for row in rows} - {None})
        gender_labels = dict(
            env["beneficiary.beneficiary"]._fields["gender"]._description_selection(env)
        )
        rules = {sid: self._eligibility_rules(service) for sid, service in services.items()}
        age_value = {}
        amount_value = {}
        categories_value = {}
        age_template = _("%(age)s years (born %(hijri)s)", age="{age}", hijri="{hijri}")
        year, month, day = today.year, today.month, today.day

        def check(row):
            checks = []
            for criterion, param, rule, why in rules[row["service_id"]]:
                value = False
                if criterion == "age":
                    birth = row["birth_date"]
                    age = None
                    if birth:
                        age = year - birth.year - ((month, day) < (birth.month, birth.day))
                        if birth not in age_value:
                            age_value[birth] = age_template.format(
                                age=age, hijri=hijri.dual_date_str(birth, lang)
                            )
                        value = age_value[birth]
                    min_age, max_age = param
                    met = age is not None and (
                        (not min_age or age >= min_age) and (not max_age or age <= max_age)
                    )
                elif criterion == "gender":
                    met = row["gender"] == param
                    value = gender_labels.get(row["gender"], "")
                elif criterion == "nationality":
                    met = row["is_saudi"]
                    value = country_names.get(row["nationality_id"])
                elif criterion == "category":
                    ids = row["category_ids"]
                    met = not param.isdisjoint(ids)
                    key = tuple(c for c in sorted(ids, key=category_rank.get) if c not in sensitive)
                    if key not in categories_value:
                        categories_value[key] = format_list(
                            env, [category_names[c] for c in key], lang_code=lang
                        )
                    value = categories_value[key]
                    if met and (param & set(ids)) <= sensitive:
                        value = meets_condition
                elif criterion == "education":
                    met = row["education_level_id"] in param
                    value = education_names.get(row["education_level_id"])
                elif criterion == "employment":
                    met = row["employment_status_id"] in param
                    value = employment_names.get(row["employment_status_id"])
                elif criterion == "income":
                    basis, limit, currency = param
                    income = row[basis] or 0.0
                    met = income <= limit
                    key = (income, currency.id)
                    if key not in amount_value:
                        amount_value[key] = format_amount(env, income, currency)
                    value = amount_value[key]
                else:  # other
                    met = row["beneficiary_id"] in other_ok[row["service_id"]]
                checks.append(
                    {
                        "criterion": criterion,
                        "met": bool(met),
                        "beneficiary_value": value or not_recorded,
                        "rule": rule,
                        "explanation": why if not met else False,
                    }
                )
            return checks

        return check

    @api.model
    def _eligibility_rules(self, service):
        """The criteria of ``service``: ``(criterion, parameter, rule, explanation)``."""
        _ = self.env._
        service = service.with_env(self.env)
        criteria = []
        if service.min_age or service.max_age:
            ages = {"min": service.min_age, "max": service.max_age}
            if service.min_age and service.max_age:
                rule = _("From %(min)s to %(max)s years", **ages)
                why = _("Age: the service is for people aged %(min)s to %(max)s.", **ages)
            elif service.min_age:
                rule = _("At least %(min)s years", **ages)
                why = _("Age: the service is for people aged %(min)s or older.", **ages)
            else:
                rule = _("At most %(max)s years", **ages)
                why = _("Age: the service is for people aged %(max)s or younger.", **ages)
            criteria.append(("age", (service.min_age, service.max_age), rule, why))
        if service.gender != "any":
            rule = dict(service._fields["gender"]._description_selection(self.env)).get(
                service.gender, ""
            )
            why = _("Gender: the service is for %(rule)s.", rule=rule.lower())
            criteria.append(("gender", service.gender, rule, why))
        if service.nationality == "saudi":
            rule = _("Saudi nationals only")
            why = _("Nationality: the service is for Saudi nationals only.")
            criteria.append(("nationality", None, rule, why))
        # Any one of the listed categories, levels or statuses is enough: "A or B".
        if service.category_ids:
            # P7: sensitive categories are not named (a met condition would tell).
            public = service.category_ids.filtered(lambda c: not c.is_sensitive)
            labels = public.mapped("name")
            if public and public != service.category_ids:
                labels.append(_("another category of the service"))
            if labels:
                names = format_list(self.env, labels, "or", self.env.lang)
                why = _("Category: the service is for %(names)s.", names=names)
            else:
                names = _("The category condition of the service")
                why = _(
                    "Category: the beneficiary does not meet the category condition of the service."
                )
            criteria.append(("category", set(service.category_ids.ids), names, why))
        if service.education_level_ids:
            names = format_list(
                self.env, service.education_level_ids.mapped("name"), "or", self.env.lang
            )
            why = _("Qualification: the service requires %(names)s.", names=names)
            criteria.append(("education", set(service.education_level_ids.ids), names, why))
        if service.employment_status_ids:
            names = format_list(
                self.env, service.employment_status_ids.mapped("name"), "or", self.env.lang
            )
            why = _("Employment status: the service is for %(names)s.", names=names)
            criteria.append(("employment", set(service.employment_status_ids.ids), names, why))
        if service.max_income:
            basis = {
                "personal": "monthly_income",
                "household": "household_income",
                "per_capita": "income_per_capita",
            }[service.income_basis]
            basis_label = dict(
                service._fields["income_basis"]._description_selection(self.env)
            ).get(service.income_basis, "")
            limit = format_amount(self.env, service.max_income, service.currency_id)
            rule = _("%(basis)s at most %(limit)s", basis=basis_label, limit=limit)
            why = _("Income: %(rule)s.", rule=rule)
            criteria.append(("income", (basis, service.max_income, service.currency_id), rule, why))
        if service.eligibility_domain and service._get_eligibility_domain():
            rule = service.eligibility_domain_label or _("Other conditions of the service")
            why = _("Other conditions: %(rule)s.", rule=rule)
            criteria.append(("other", None, rule, why))
        return criteria

    def _store_eligibility(self, line_vals, results):
        """Replace the lines and the results of ``self`` in three queries.

        Through the ORM, inserts and updates go by batches of a hundred rows: a 500-request
        evaluation (4,000 lines) would take over a hundred queries. The lines and results
        are the engine's output, never typed by users: they are written in bulk, one array
        per column (each text quoted once, however often it repeats).

        The requests are updated before their lines are inserted: the lines' foreign key
        then finds each request already locked by this transaction, instead of locking it
        first and making the update share that lock.
        """
        self.check_access("write")
        Line = self.env["beneficiary.eligibility.line"]
        Line.flush_model()
        self.flush_model(
            ["company_id", "eligibility_ok", "eligibility_reasons", "eligibility_date"]
        )
        now = fields.Datetime.now()
        cr = self.env.cr
        quoted = {}

        def text(value):
            # An element of a PostgreSQL array literal: quoted once per distinct text.
            if not value:
                return "NULL"
            if value not in quoted:
                quoted[value] = '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')
            return quoted[value]

        def number(value):
            return "NULL" if value is None else str(value)

        def array(values):
            return "{%s}" % ",".join(values)

        cr.execute(
            SQL(
                """
                UPDATE beneficiary_support_request AS request
                   SET eligibility_ok = result.ok,
                       eligibility_reasons = result.reasons,
                       eligibility_date = %(now)s,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM unnest(%(ids)s::integer[], %(ok)s::boolean[], %(reasons)s::text[])
                       AS result(id, ok, reasons)
                 WHERE request.id = result.id
                """,
                uid=self.env.uid,
                now=now,
                ids=array(str(result["id"]) for result in results),
                ok=array("t" if result["ok"] else "f" for result in results),
                reasons=array(text(result["reasons"]) for result in results),
            )
        )
        cr.execute(
            SQL(
                "DELETE FROM beneficiary_eligibility_line WHERE request_id = ANY(%s)",
                self.ids,
            )
        )
        if line_vals:
            columns = {
                "request_id": array(str(vals["request_id"]) for vals in line_vals),
                "company_id": array(number(vals["company_id"]) for vals in line_vals),
                "sequence": array(str(vals["sequence"]) for vals in line_vals),
                "met": array("t" if vals["met"] else "f" for vals in line_vals),
            }
            for name in ("criterion", "beneficiary_value", "rule", "explanation"):
                columns[name] = array(text(vals[name]) for vals in line_vals)
            cr.execute(
                SQL(
                    """
                    INSERT INTO beneficiary_eligibility_line (
                        request_id, company_id, sequence, met, criterion, beneficiary_value,
                        rule, explanation)
                    SELECT *
                      FROM unnest(%(request_id)s::integer[], %(company_id)s::integer[],
                                  %(sequence)s::integer[], %(met)s::boolean[],
                                  %(criterion)s::varchar[], %(beneficiary_value)s::varchar[],
                                  %(rule)s::varchar[], %(explanation)s::varchar[])
                    """,
                    **columns,
                )
            )
        fnames = [
            "eligibility_ok",
            "eligibility_reasons",
            "eligibility_date",
            "eligibility_line_ids",
            "write_uid",
            "write_date",
        ]
        Line.invalidate_model()
        self.invalidate_recordset(fnames)
        self.modified(fnames)

    @api.model
    def _reevaluate_open(self, beneficiaries=None, services=None):
        """The one entry point for the rest of the addon: re-run the engine for the open
        requests of ``beneficiaries`` and/or ``services``, whose facts or criteria
        changed. (The request's own steps call ``_evaluate_eligibility`` on themselves.)

        sudo(): the files and services were written by the caller, who may not see every
        request they have; nothing is returned, only each request's result is updated.
        """
        domain = [("state", "in", OPEN_STATES)]
        if beneficiaries is not None:
            domain.append(("beneficiary_id", "in", beneficiaries.ids))
        if services is not None:
            domain.append(("service_id", "in", services.ids))
        if len(domain) == 1 or not (beneficiaries or services):
            return
        self.sudo().search(domain)._evaluate_eligibility()
