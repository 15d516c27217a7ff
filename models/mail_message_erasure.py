from odoo import api, models
from odoo.tools import SQL

from .mail_activity_erasure import HANDLED

# Records whose history of states is kept for the statistics and the clocks: their
# tracking messages stay (the tracked values without the identifiers), their notes,
# mails and SMS go.
HISTORY_KEPT = ("beneficiary.support.request", "beneficiary.appeal", "beneficiary.suggestion")
TRACKING_TEXTS = ("old_value_char", "new_value_char", "old_value_text", "new_value_text")
MESSAGE_TEXTS = ("body", "subject", "email_from", "reply_to", "record_name")


class MailMessage(models.Model):
    """Chatter of anonymised files' records, and messages the person wrote or received
    anywhere else."""

    # The model is split by concern (see the project's style guide).
    _inherit = "mail.message"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        cr = self.env.cr
        self.env.flush_all()
        gone = set()
        kept = set()
        for model, ids in erasure.records.items():
            if model in HANDLED or not ids:
                continue
            cr.execute(
                SQL(
                    """SELECT m.id, m.message_type = 'notification'
                              AND COALESCE(m.body, '') IN ('', '<p></p>')
                              AND EXISTS (SELECT 1 FROM mail_tracking_value t
                                           WHERE t.mail_message_id = m.id)
                         FROM mail_message m WHERE m.model = %s AND m.res_id IN %s""",
                    model,
                    tuple(ids),
                )
            )
            for message_id, tracking_only in cr.fetchall():
                (kept if tracking_only and model in HISTORY_KEPT else gone).add(message_id)
        if erasure.partners:
            # What the person wrote anywhere (portal replies, public forms' notes).
            cr.execute(
                SQL(
                    "SELECT id FROM mail_message WHERE author_id IN %s",
                    tuple(erasure.partners.ids),
                )
            )
            gone.update(row[0] for row in cr.fetchall())
        gone -= kept
        if gone:
            # sudo: anonymisation checked by _br_anonymise (manager); these files' messages
            self.browse(gone).sudo().unlink()
        if kept:
            erasure.scrub(
                self.env,
                "mail.tracking.value",
                list(TRACKING_TEXTS),
                SQL("mail_message_id IN %s", tuple(kept)),
            )
        if erasure.partners:
            # Messages sent to the person on other records (invitations, answers).
            erasure.scrub(
                self.env,
                self._name,
                list(MESSAGE_TEXTS),
                SQL(
                    """id IN (SELECT mail_message_id FROM mail_message_res_partner_rel
                               WHERE res_partner_id IN %s
                              UNION SELECT mail_message_id FROM mail_notification
                               WHERE res_partner_id IN %s)""",
                    tuple(erasure.partners.ids),
                    tuple(erasure.partners.ids),
                ),
            )
