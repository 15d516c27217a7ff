"""The eligibility criteria of a service (P17, P18), each described once.

A criterion says, in one class: which fields of the service define it and which facts of
the file it reads (a change of either re-runs the engine), the SQL column of each fact
(read for thousands of requests in one query), the rule and the explanation a refused
beneficiary is told, how one file is checked, and the sentence the public application
page shows. The engine (``beneficiary_support_request_eligibility.py``), the outreach
(``beneficiary_outreach.py``), the service form's triggers and the public page loop over
``CRITERIA``: adding a criterion is one class (here for the person, in
``beneficiary_eligibility_criteria_situation.py`` for their situation: qualification,
employment, income; the base class in ``beneficiary_eligibility_criterion.py``), the
service's field and its place on the service form (doc/howto.md).
"""

from odoo.tools import SQL
from odoo.tools.i18n import format_list

from ..tools import hijri
from .beneficiary_eligibility_criteria_situation import Education, Employment, Income
from .beneficiary_eligibility_criterion import Criterion, record_names


class Age(Criterion):
    code, label = "age", "Age"
    service_fields = ("min_age", "max_age")
    beneficiary_fields = ("birth_date",)
    columns = {"birth_date": SQL("beneficiary.birth_date")}

    def rule(self, service, env):
        if not (service.min_age or service.max_age):
            return None
        _ = env._
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
        return (service.min_age, service.max_age), rule, why

    def summary(self, service, env):
        _ = env._
        if service.min_age and service.max_age:
            return _("Aged %(min)s to %(max)s years.", min=service.min_age, max=service.max_age)
        if service.min_age:
            return _("Aged %(min)s years or more.", min=service.min_age)
        if service.max_age:
            return _("Aged %(max)s years or less.", max=service.max_age)
        return None

    def prepare(self, env, rows, batch):
        lang = env.lang or "ar_001"
        template = env._("%(age)s years (born %(hijri)s)", age="{age}", hijri="{hijri}")
        today = batch["today"]
        values = {}

        def age_of(birth):
            age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
            if birth not in values:
                values[birth] = template.format(age=age, hijri=hijri.dual_date_str(birth, lang))
            return age, values[birth]

        batch["age_of"] = age_of

    def check(self, row, param, batch):
        if not row["birth_date"]:
            return False, False
        age, value = batch["age_of"](row["birth_date"])
        min_age, max_age = param
        return (not min_age or age >= min_age) and (not max_age or age <= max_age), value


class Gender(Criterion):
    code, label = "gender", "Gender"
    service_fields = ("gender",)
    beneficiary_fields = ("gender",)
    columns = {"gender": SQL("beneficiary.gender")}

    def _label(self, service, env):
        return dict(service._fields["gender"]._description_selection(env)).get(service.gender, "")

    def rule(self, service, env):
        if service.gender == "any":
            return None
        rule = self._label(service, env)
        return (
            service.gender,
            rule,
            env._("Gender: the service is for %(rule)s.", rule=rule.lower()),
        )

    def summary(self, service, env):
        if service.gender == "male":
            return env._("For men.")
        if service.gender == "female":
            return env._("For women.")
        return None

    def prepare(self, env, rows, batch):
        batch["gender_labels"] = dict(
            env["beneficiary.beneficiary"]._fields["gender"]._description_selection(env)
        )

    def check(self, row, param, batch):
        return row["gender"] == param, batch["gender_labels"].get(row["gender"], "")


class Nationality(Criterion):
    code, label = "nationality", "Nationality"
    service_fields = ("nationality",)
    beneficiary_fields = ("nationality_id",)
    columns = {
        "is_saudi": SQL("beneficiary.is_saudi"),
        "nationality_id": SQL("beneficiary.nationality_id"),
    }

    def rule(self, service, env):
        if service.nationality != "saudi":
            return None
        _ = env._
        return (
            None,
            _("Saudi nationals only"),
            _("Nationality: the service is for Saudi nationals only."),
        )

    def summary(self, service, env):
        return env._("For Saudi citizens.") if service.nationality == "saudi" else None

    def prepare(self, env, rows, batch):
        batch["countries"] = record_names(
            env, "res.country", {row["nationality_id"] for row in rows} - {None}
        )

    def check(self, row, param, batch):
        return row["is_saudi"], batch["countries"].get(row["nationality_id"])


class Category(Criterion):
    """Any one of the listed categories is enough ("A or B"). P7: a sensitive category is
    never named, neither in the rule nor in the file's value."""

    code, label = "category", "Category"
    service_fields = ("category_ids",)
    beneficiary_fields = ("category_ids",)
    # The fact category_ids (an array of the file's categories) is read by fact_columns().

    def rule(self, service, env):
        if not service.category_ids:
            return None
        _ = env._
        public = service.category_ids.filtered(lambda c: not c.is_sensitive)
        labels = public.mapped("name")
        if public and public != service.category_ids:
            labels.append(_("another category of the service"))
        if labels:
            names = format_list(env, labels, "or", env.lang)
            why = _("Category: the service is for %(names)s.", names=names)
        else:
            names = _("The category condition of the service")
            why = _(
                "Category: the beneficiary does not meet the category condition of the service."
            )
        return set(service.category_ids.ids), names, why

    def summary(self, service, env):
        if not service.category_ids:
            return None
        return env._(
            "For these categories: %(categories)s.",
            categories=format_list(env, service.category_ids.mapped("name"), "or", env.lang),
        )

    def prepare(self, env, rows, batch):
        ids = {c for row in rows for c in row["category_ids"]}
        records = (
            env["beneficiary.category"]
            .with_context(active_test=False)
            .search_fetch([("id", "in", list(ids))], ["name"])
        )
        names = {record.id: record.name for record in records}
        rank = {cid: position for position, cid in enumerate(names)}
        sensitive = set(env["beneficiary.beneficiary"]._sensitive_category_ids())
        lang = env.lang or "ar_001"
        values = {}
        meets = env._("Meets the category condition")

        def value_of(ids, param, met):
            if met and (param & set(ids)) <= sensitive:
                return meets
            key = tuple(c for c in sorted(ids, key=rank.get) if c not in sensitive)
            if key not in values:
                values[key] = format_list(env, [names[c] for c in key], lang_code=lang)
            return values[key]

        batch["category_value"] = value_of

    def check(self, row, param, batch):
        ids = row["category_ids"]
        met = not param.isdisjoint(ids)
        return met, batch["category_value"](ids, param, met)


class Other(Criterion):
    """Any other condition, written as a filter on the file (searched once per service)."""

    code, label = "other", "Other Conditions"
    service_fields = ("eligibility_domain",)

    def rule(self, service, env):
        if not (service.eligibility_domain and service._get_eligibility_domain()):
            return None
        rule = service.eligibility_domain_label or env._("Other conditions of the service")
        return None, rule, env._("Other conditions: %(rule)s.", rule=rule)

    def summary(self, service, env):
        return service.eligibility_domain_label or None

    def check(self, row, param, batch):
        return row["beneficiary_id"] in batch["other_ok"][row["service_id"]], False


CRITERIA = (
    Age(),
    Gender(),
    Nationality(),
    Category(),
    Education(),
    Employment(),
    Income(),
    Other(),
)
BY_CODE = {criterion.code: criterion for criterion in CRITERIA}
SELECTION = [(criterion.code, criterion.label) for criterion in CRITERIA]
SERVICE_FIELDS = frozenset(name for c in CRITERIA for name in c.service_fields)
# The file's language too: the results are written in it.
BENEFICIARY_FIELDS = frozenset({"lang"} | {name for c in CRITERIA for name in c.beneficiary_fields})


def fact_columns(env):
    """The SQL select list of the facts every criterion reads, over the aliases
    ``beneficiary`` and ``partner`` (one home for the engine and the outreach)."""
    categories = env["beneficiary.beneficiary"]._fields["category_ids"]
    columns = [
        SQL(
            "ARRAY(SELECT rel.%s FROM %s rel WHERE rel.%s = beneficiary.id) AS category_ids",
            SQL.identifier(categories.column2),
            SQL.identifier(categories.relation),
            SQL.identifier(categories.column1),
        )
    ]
    for criterion in CRITERIA:
        for alias, expression in criterion.columns.items():
            columns.append(SQL("%s AS %s", expression, SQL.identifier(alias)))
    return SQL(", ").join([SQL("partner.lang"), *columns])


def flush_facts(env):
    """Flush what ``fact_columns`` reads."""
    env["beneficiary.beneficiary"].flush_model(
        [
            "partner_id",
            "is_saudi",
            "household_income",
            "income_per_capita",
            *sorted(BENEFICIARY_FIELDS - {"lang", "family_member_ids"}),
        ]
    )
    env["res.partner"].flush_model(["lang"])
