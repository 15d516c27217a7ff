"""Eligibility criteria of the applicant's situation: qualification, employment status and
income (see ``beneficiary_eligibility_criteria.py`` for what a criterion says)."""

from odoo.tools import SQL, format_amount
from odoo.tools.i18n import format_list

from .beneficiary_eligibility_criterion import Criterion, record_names


class _OneOf(Criterion):
    """The file's value (a many2one) must be one of the service's list."""

    model = None
    service_field = None
    fact = None
    why = None
    summary_text = None

    def rule(self, service, env):
        records = service[self.service_field]
        if not records:
            return None
        names = format_list(env, records.mapped("name"), "or", env.lang)
        return set(records.ids), names, self.why(env, names)

    def summary(self, service, env):
        records = service[self.service_field]
        if not records:
            return None
        return self.summary_text(env, format_list(env, records.mapped("name"), "or", env.lang))

    def prepare(self, env, rows, batch):
        batch[self.code] = record_names(env, self.model, {row[self.fact] for row in rows} - {None})

    def check(self, row, param, batch):
        return row[self.fact] in param, batch[self.code].get(row[self.fact])


class Education(_OneOf):
    code, label = "education", "Qualification"
    model, service_field, fact = (
        "beneficiary.education.level",
        "education_level_ids",
        "education_level_id",
    )
    service_fields = ("education_level_ids",)
    beneficiary_fields = ("education_level_id",)
    columns = {"education_level_id": SQL("beneficiary.education_level_id")}

    def why(self, env, names):
        return env._("Qualification: the service requires %(names)s.", names=names)

    def summary_text(self, env, names):
        return env._("Qualification: %(levels)s.", levels=names)


class Employment(_OneOf):
    code, label = "employment", "Employment Status"
    model, service_field, fact = (
        "beneficiary.employment.status",
        "employment_status_ids",
        "employment_status_id",
    )
    service_fields = ("employment_status_ids",)
    beneficiary_fields = ("employment_status_id",)
    columns = {"employment_status_id": SQL("beneficiary.employment_status_id")}

    def why(self, env, names):
        return env._("Employment status: the service is for %(names)s.", names=names)

    def summary_text(self, env, names):
        return env._("Employment status: %(statuses)s.", statuses=names)


class Income(Criterion):
    code, label = "income", "Monthly Income"
    service_fields = ("max_income", "income_basis")
    # The household's income changes with its members' (family_member_ids).
    beneficiary_fields = ("monthly_income", "family_member_ids")
    columns = {
        "monthly_income": SQL("beneficiary.monthly_income::float8"),
        "household_income": SQL("beneficiary.household_income::float8"),
        "income_per_capita": SQL("beneficiary.income_per_capita::float8"),
    }
    BASIS = {
        "personal": "monthly_income",
        "household": "household_income",
        "per_capita": "income_per_capita",
    }

    def _basis_label(self, service, env):
        return dict(service._fields["income_basis"]._description_selection(env)).get(
            service.income_basis, ""
        )

    def rule(self, service, env):
        if not service.max_income:
            return None
        limit = format_amount(env, service.max_income, service.currency_id)
        rule = env._(
            "%(basis)s at most %(limit)s", basis=self._basis_label(service, env), limit=limit
        )
        param = (self.BASIS[service.income_basis], service.max_income, service.currency_id)
        return param, rule, env._("Income: %(rule)s.", rule=rule)

    def summary(self, service, env):
        if not service.max_income:
            return None
        # Not an f-string inside _(): the term extractor evaluates the call's strings.
        amount = f"{service.max_income:,.0f}"
        return env._(
            "%(basis)s up to %(amount)s %(currency)s a month.",
            basis=self._basis_label(service, env),
            amount=amount,
            currency=service.currency_id.symbol or service.currency_id.name,
        )

    def prepare(self, env, rows, batch):
        values = {}

        def amount_of(income, currency):
            key = (income, currency.id)
            if key not in values:
                values[key] = format_amount(env, income, currency)
            return values[key]

        batch["amount_of"] = amount_of

    def check(self, row, param, batch):
        basis, limit, currency = param
        income = row[basis] or 0.0
        return income <= limit, batch["amount_of"](income, currency)
