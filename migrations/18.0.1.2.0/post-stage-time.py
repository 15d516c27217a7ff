"""Time in each stage of the requests decided before this version (issue 17, point 3).

The days a request spent in verification, social research, at the committee and until
its service started are rebuilt from the chatter's record of its state changes (the
selection labels in any language are mapped back to the states). Requests without that
history keep empty figures, which the averages skip. The current stage's start is set
for the requests still open, so that the next transition measures it.
"""

from collections import defaultdict

from openupgradelib import openupgrade
from psycopg2.extras import execute_values

from odoo.addons.beneficiary_relations.models.beneficiary_support_request_stage_time import (
    STAGE_STATES,
)

LABELS = """
    SELECT s.value, s.name
      FROM ir_model_fields_selection s
      JOIN ir_model_fields f ON f.id = s.field_id
     WHERE f.model = 'beneficiary.support.request' AND f.name = 'state'
"""

CHANGES = """
    SELECT m.res_id, m.date, v.new_value_char
      FROM mail_tracking_value v
      JOIN mail_message m ON m.id = v.mail_message_id
      JOIN ir_model_fields f ON f.id = v.field_id
      JOIN beneficiary_support_request r ON r.id = m.res_id
     WHERE m.model = 'beneficiary.support.request'
       AND f.model = 'beneficiary.support.request' AND f.name = 'state'
       AND r.stage_entered_date IS NULL
       AND r.stage_verification_days IS NULL AND r.stage_research_days IS NULL
       AND r.stage_committee_days IS NULL AND r.stage_service_start_days IS NULL
  ORDER BY m.res_id, m.date, m.id
"""


def _stage_times(changes, state_of):
    """``{request id: (days by stage field, entered date of the current stage)}``."""
    by_request = defaultdict(list)
    for request_id, date, label in changes:
        state = state_of.get((label or "").strip())
        if state:
            by_request[request_id].append((date, state))
    result = {}
    for request_id, steps in by_request.items():
        days = defaultdict(float)
        for (start, state), (end, __) in zip(steps, steps[1:], strict=False):
            field = STAGE_STATES.get(state)
            if field:
                days[field] += (end - start).total_seconds() / 86400.0
        last_date, last_state = steps[-1]
        result[request_id] = (days, last_date if STAGE_STATES.get(last_state) else None)
    return result


@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    cr.execute(LABELS)
    state_of = {}
    for value, names in cr.fetchall():
        for label in (names or {}).values():
            state_of[label.strip()] = value
    cr.execute(CHANGES)
    times = _stage_times(cr.fetchall(), state_of)
    fields = sorted(set(STAGE_STATES.values()))
    rows = [
        (request_id, entered, *[round(days[f], 2) if f in days else None for f in fields])
        for request_id, (days, entered) in times.items()
    ]
    if not rows:
        return
    columns = ", ".join("%s = v.%s" % (f, f) for f in fields)
    execute_values(
        cr,
        """
        UPDATE beneficiary_support_request AS r
           SET stage_entered_date = v.entered::timestamp, %s
          FROM (VALUES %%s) AS v(id, entered, %s)
         WHERE r.id = v.id
        """
        % (columns, ", ".join(fields)),
        rows,
        template="(%s, %s" + ", %s::numeric" * len(fields) + ")",
        page_size=5000,
    )
    openupgrade.logger.info("time in each stage rebuilt for %s requests", len(rows))
