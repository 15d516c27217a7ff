import json

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL, format_amount

from ..tools import hijri
from .beneficiary_service import OPEN_STATES


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

    def action_check_eligibility(self):
        self._evaluate_eligibility()

    def _evaluate_eligibility(self):
        """Evaluate every request of ``self`` in a few queries (none per request).

        Lines are written in the beneficiary's language, since their explanation is what
        the beneficiary is told when refused.
        """
        self.fetch(["service_id", "beneficiary_id"])
        requests = self.filtered(lambda r: r.service_id and r.beneficiary_id)
        if not requests:
            return
        requests._fetch_eligibility_data()
        Beneficiary = self.env["beneficiary.beneficiary"]
        # The free rule: one search per service, whatever the number of requests.
        other_ok = {}
        for service, service_requests in requests.grouped("service_id").items():
            domain = service._get_eligibility_domain()
            if domain:
                ids = service_requests.beneficiary_id.ids
                matching = Beneficiary.with_context(active_test=False).search(
                    expression.AND([domain, [("id", "in", ids)]])
                )
                other_ok[service.id] = set(matching.ids)
        line_vals = []
        results = []
        memo = {}
        for lang, lang_requests in requests.grouped(
            lambda r: r.beneficiary_id.lang or "ar_001"
        ).items():
            for request in lang_requests.with_context(lang=lang):
                checks = request._eligibility_checks(other_ok, memo)
                for sequence, check in enumerate(checks):
                    line_vals.append(dict(check, request_id=request.id, sequence=sequence))
                reasons = "\n".join(c["explanation"] for c in checks if not c["met"])
                results.append({"id": request.id, "ok": not reasons, "reasons": reasons or None})
        requests._store_eligibility(line_vals, results)

    def _fetch_eligibility_data(self):
        """Read what the criteria need in one query per table, for all of ``self``.

        The ORM's own reads go by a thousand records: 10,000 requests would take ten
        times the queries of 1,000.
        """
        beneficiaries = self.beneficiary_id
        beneficiaries.fetch(
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
        beneficiaries.partner_id.fetch(["lang"])

    def _store_eligibility(self, line_vals, results):
        """Replace the lines and the results of ``self`` in three queries.

        Through the ORM, inserts and updates go by batches of a hundred rows: a 500-request
        evaluation (4,000 lines) would take over a hundred queries. The lines and results
        are the engine's output, never typed by users: they are written in bulk from JSON.
        """
        self.check_access("write")
        Line = self.env["beneficiary.eligibility.line"]
        Line.flush_model()
        self.flush_model(
            ["company_id", "eligibility_ok", "eligibility_reasons", "eligibility_date"]
        )
        now = fields.Datetime.now()
        cr = self.env.cr
        cr.execute(
            SQL(
                "DELETE FROM beneficiary_eligibility_line WHERE request_id = ANY(%s)",
                self.ids,
            )
        )
        if line_vals:
            columns = ("criterion", "beneficiary_value", "rule", "explanation")
            lines = [
                dict(
                    {name: vals[name] or None for name in columns},
                    request_id=vals["request_id"],
                    sequence=vals["sequence"],
                    met=vals["met"],
                )
                for vals in line_vals
            ]
            cr.execute(
                SQL(
                    """
                    INSERT INTO beneficiary_eligibility_line (
                        request_id, company_id, sequence, criterion, met, beneficiary_value,
                        rule, explanation, create_uid, create_date, write_uid, write_date)
                    SELECT line.request_id, request.company_id, line.sequence, line.criterion,
                           line.met, line.beneficiary_value, line.rule, line.explanation,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM jsonb_to_recordset(%(lines)s::jsonb) AS line(
                               request_id integer, sequence integer, criterion varchar,
                               met boolean, beneficiary_value varchar, rule varchar,
                               explanation varchar)
                      JOIN beneficiary_support_request request ON request.id = line.request_id
                    """,
                    uid=self.env.uid,
                    now=now,
                    lines=json.dumps(lines),
                )
            )
        cr.execute(
            SQL(
                """
                UPDATE beneficiary_support_request AS request
                   SET eligibility_ok = result.ok,
                       eligibility_reasons = result.reasons,
                       eligibility_date = %(now)s,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM jsonb_to_recordset(%(results)s::jsonb) AS result(
                           id integer, ok boolean, reasons text)
                 WHERE request.id = result.id
                """,
                uid=self.env.uid,
                now=now,
                results=json.dumps(results),
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

    def _eligibility_checks(self, other_ok, memo=None):
        """The list of criteria of the request's service, each ``met`` or not.

        :param memo: labels and amounts already formatted, shared between the requests
            of one evaluation (formatting an amount reads the language each time)
        """
        self.ensure_one()
        memo = {} if memo is None else memo
        _ = self.env._
        service = self.service_id
        beneficiary = self.beneficiary_id
        checks = []

        def add(criterion, met, value, rule, explanation):
            checks.append(
                {
                    "criterion": criterion,
                    "met": bool(met),
                    "beneficiary_value": value or _("Not recorded"),
                    "rule": rule,
                    "explanation": explanation if not met else False,
                }
            )

        def label(record, field_name):
            key = ("selection", record._name, field_name, self.env.lang)
            if key not in memo:
                field = record._fields[field_name]
                memo[key] = dict(field._description_selection(self.env))
            return memo[key].get(record[field_name], "")

        def amount(value, currency):
            key = ("amount", value, currency.id, self.env.lang)
            if key not in memo:
                memo[key] = format_amount(self.env, value, currency)
            return memo[key]

        if service.min_age or service.max_age:
            today = fields.Date.context_today(self)
            birth = beneficiary.birth_date
            age = relativedelta(today, birth).years if birth else None
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
            met = age is not None and (
                (not service.min_age or age >= service.min_age)
                and (not service.max_age or age <= service.max_age)
            )
            value = (
                _(
                    "%(age)s years (born %(hijri)s)",
                    age=age,
                    hijri=hijri.dual_date_str(birth, self.env.lang or "ar"),
                )
                if birth
                else False
            )
            add("age", met, value, rule, why)
        if service.gender != "any":
            rule = label(service, "gender")
            add(
                "gender",
                beneficiary.gender == service.gender,
                label(beneficiary, "gender"),
                rule,
                _("Gender: the service is for %(rule)s.", rule=rule.lower()),
            )
        if service.nationality == "saudi":
            add(
                "nationality",
                beneficiary.is_saudi,
                beneficiary.nationality_id.name,
                _("Saudi nationals only"),
                _("Nationality: the service is for Saudi nationals only."),
            )
        if service.category_ids:
            names = ", ".join(service.category_ids.mapped("name"))
            add(
                "category",
                beneficiary.category_ids & service.category_ids,
                ", ".join(beneficiary.category_ids.mapped("name")),
                names,
                _("Category: the service is for %(names)s.", names=names),
            )
        if service.education_level_ids:
            names = ", ".join(service.education_level_ids.mapped("name"))
            add(
                "education",
                beneficiary.education_level_id in service.education_level_ids,
                beneficiary.education_level_id.name,
                names,
                _("Qualification: the service requires %(names)s.", names=names),
            )
        if service.employment_status_ids:
            names = ", ".join(service.employment_status_ids.mapped("name"))
            add(
                "employment",
                beneficiary.employment_status_id in service.employment_status_ids,
                beneficiary.employment_status_id.name,
                names,
                _("Employment status: the service is for %(names)s.", names=names),
            )
        if service.max_income:
            income = {
                "personal": beneficiary.monthly_income,
                "household": beneficiary.household_income,
                "per_capita": beneficiary.income_per_capita,
            }[service.income_basis]
            limit = amount(service.max_income, service.currency_id)
            rule = _(
                "%(basis)s at most %(limit)s", basis=label(service, "income_basis"), limit=limit
            )
            add(
                "income",
                income <= service.max_income,
                amount(income, service.currency_id),
                rule,
                _("Income: %(rule)s.", rule=rule),
            )
        if service.id in other_ok:
            rule = service.eligibility_domain_label or _("Other conditions of the service")
            add(
                "other",
                beneficiary.id in other_ok[service.id],
                False,
                rule,
                _("Other conditions: %(rule)s.", rule=rule),
            )
        return checks

    @api.model
    def _reevaluate_for_beneficiaries(self, beneficiaries):
        """Re-run the engine for the open requests of ``beneficiaries``."""
        if beneficiaries:
            self.sudo().search(
                [("beneficiary_id", "in", beneficiaries.ids), ("state", "in", OPEN_STATES)]
            )._evaluate_eligibility()
