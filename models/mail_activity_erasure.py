from odoo import api, models

# Erased records whose chatter the file's own anonymisation already handles.
HANDLED = ("beneficiary.beneficiary", "ir.attachment")


class MailActivity(models.Model):
    """Planned activities on the records of anonymised files go (their summaries and notes
    name the person)."""

    # The model is split by concern (see the project's style guide).
    _inherit = "mail.activity"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        for model, ids in erasure.records.items():
            if model in HANDLED or not ids:
                continue
            self.search([("res_model", "=", model), ("res_id", "in", list(ids))]).unlink()
