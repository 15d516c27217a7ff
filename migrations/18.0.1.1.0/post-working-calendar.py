"""Working-day deadlines follow the association's working calendar (P10).

Saudi associations still on Odoo's default Monday–Friday calendar get one working
Sunday to Thursday, as new installations do, so that their deadlines do not move.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    env["res.company"]._beneficiary_init_working_calendar()
