"""What an eligibility criterion is (see ``beneficiary_eligibility_criteria.py``)."""


class Criterion:
    code = None
    label = None
    # Fields of beneficiary.service that define the criterion.
    service_fields = ()
    # Fields of beneficiary.beneficiary whose change can change the result.
    beneficiary_fields = ()
    # Facts read by the engine: {alias: SQL expression over the aliases beneficiary, partner}.
    columns = {}

    def rule(self, service, env):
        """``(parameter, rule, explanation)`` when ``service`` uses the criterion, else
        ``None``; the texts are in ``env``'s language."""
        raise NotImplementedError

    def summary(self, service, env):
        """The condition in one short sentence for applicants, or ``None``."""
        return None

    def prepare(self, env, rows, batch):
        """Read once, for all ``rows``, what ``check`` needs (names of records...) into
        the dict ``batch`` shared by the criteria."""

    def check(self, row, param, batch):
        """``(met, value)``: whether the file's facts ``row`` meet the criterion, and the
        file's value as the beneficiary is shown it (``False`` when not recorded)."""
        raise NotImplementedError


def record_names(env, model, ids):
    """``{id: name}`` of ``model``'s records ``ids``, archived ones included."""
    records = env[model].with_context(active_test=False).browse(ids)
    return {record.id: record.name for record in records}
