"""Intake channels in Arabic and per association (P2, P31).

Requests, declarations and suggestions show the addon's own, translatable intake channel
(``intake_channel_id``) next to their CRM medium (``channel_id``). The ten channels come
with the module update; this fills the channel of the existing records from their medium:
the association's own channel for that medium first, else the shared one.
"""

from openupgradelib import openupgrade
from psycopg2 import sql

TABLES = ("beneficiary_support_request", "beneficiary_declaration", "beneficiary_suggestion")

QUERY = sql.SQL("""
    UPDATE {table} AS record
       SET intake_channel_id = matched.channel_id
      FROM (
            SELECT DISTINCT ON (r.id) r.id AS record_id, c.id AS channel_id
              FROM {table} AS r
              JOIN beneficiary_intake_channel AS c
                ON c.medium_id = r.channel_id
               AND c.active
               AND (c.company_id IS NULL OR c.company_id = r.company_id)
             WHERE r.intake_channel_id IS NULL
          ORDER BY r.id, c.company_id NULLS LAST, c.sequence, c.id
           ) AS matched
     WHERE record.id = matched.record_id
""")


@openupgrade.migrate()
def migrate(env, version):
    for table in TABLES:
        openupgrade.logged_query(env.cr, QUERY.format(table=sql.Identifier(table)))
