from odoo import api, models
from odoo.tools import SQL


class SmsSms(models.Model):
    """Queued or failed SMS to the person's numbers go; any other (to a guardian) loses
    the identifiers."""

    # The model is split by concern (see the project's style guide).
    _inherit = "sms.sms"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sms_sms WHERE partner_id IN %s OR %s",
                tuple(erasure.partners.ids) or (None,),
                erasure.numbers_where(SQL.identifier("number")),
            )
        )
        # sudo: anonymisation checked by _br_anonymise (manager); these files' SMS
        self.sudo().browse(row[0] for row in self.env.cr.fetchall()).unlink()
        erasure.scrub(self.env, self._name, ["body", "number"])
