"""Working-day deadlines follow the association's working calendar (P10).

Saudi associations still on Odoo's default Monday–Friday calendar get one working
Sunday to Thursday, as new installations do, so that their deadlines do not move.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    # Changing the calendar recomputes the open requests' deadlines; where a deadline
    # comes out the same, its "missed deadline reported" flag is kept, so that the job
    # does not report the same missed deadline a second time.
    env.cr.execute(
        "SELECT id, decision_deadline FROM beneficiary_support_request "
        "WHERE deadline_missed_warned"
    )
    reported = dict(env.cr.fetchall())
    env["res.company"]._beneficiary_init_working_calendar()
    env.flush_all()
    if reported:
        env.cr.execute(
            "UPDATE beneficiary_support_request request SET deadline_missed_warned = TRUE "
            "FROM unnest(%s::int[], %s::date[]) AS old(id, deadline) "
            "WHERE request.id = old.id AND request.decision_deadline = old.deadline",
            (list(reported), list(reported.values())),
        )
