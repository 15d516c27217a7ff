from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL

from .mail_activity_erasure import HANDLED


class IrAttachment(models.Model):
    """Files of anonymised files' records (letters, the minutes copied onto a request,
    complaint and appeal documents, generated PDFs) and files named after the person."""

    # The model is split by concern (see the project's style guide).
    _inherit = "ir.attachment"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        # sudo: anonymisation checked by _br_anonymise (manager); these files' attachments
        Attachment = self.sudo().with_context(active_test=False)
        domains = [[("id", "in", erasure.ids(self._name))]]
        for model, ids in erasure.records.items():
            if ids and model not in HANDLED:
                domains.append([("res_model", "=", model), ("res_id", "in", list(ids))])
        attachments = Attachment.search(expression.OR(domains))
        pattern = erasure.pattern
        if pattern:
            self.flush_model(["name"])
            self.env.cr.execute(SQL("SELECT id FROM ir_attachment WHERE name ~* %s", pattern))
            attachments |= Attachment.browse(row[0] for row in self.env.cr.fetchall())
        # The committee's minutes PDF stays with its meeting (rendered again there).
        kept = (
            self.env["beneficiary.committee.meeting"]
            # sudo: anonymisation checked by _br_anonymise; only which minutes to keep
            .sudo()
            .search([("minutes_attachment_id", "in", attachments.ids)])
        )
        (attachments - kept.minutes_attachment_id).unlink()
