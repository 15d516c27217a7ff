"""Files closed before ``closed_on`` existed get their closing date (PDPL retention).

The retention job anonymises closed files some years after ``closed_on``: a file closed
before the field existed has none and would be kept for ever. Its closing date is the
date of the last change of its state in its chatter (the change that closed it, since
the file is closed now), else the date the file was last written.
"""

from openupgradelib import openupgrade


def closed_on_from_history(cr):
    """Set ``closed_on`` of the closed files that have none. :return: files updated"""
    cr.execute(
        """
        WITH closing AS (
            SELECT DISTINCT ON (message.res_id) message.res_id AS file_id, message.date
              FROM mail_tracking_value tracking
              JOIN mail_message message ON message.id = tracking.mail_message_id
              JOIN ir_model_fields field ON field.id = tracking.field_id
             WHERE message.model = 'beneficiary.beneficiary'
               AND field.model = 'beneficiary.beneficiary'
               AND field.name = 'state'
          ORDER BY message.res_id, message.date DESC, message.id DESC
        )
        UPDATE beneficiary_beneficiary file
           SET closed_on = COALESCE(closing.date, file.write_date, file.create_date)::date
          FROM beneficiary_beneficiary target
          LEFT JOIN closing ON closing.file_id = target.id
         WHERE file.id = target.id
           AND target.state = 'closed'
           AND target.closed_on IS NULL
        """
    )
    return cr.rowcount


@openupgrade.migrate()
def migrate(env, version):
    closed_on_from_history(env.cr)
