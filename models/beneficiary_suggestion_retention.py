from odoo import fields, models


class BeneficiarySuggestion(models.Model):
    """A suggestion or complaint past its retention period keeps its kind, category,
    dates and state for the statistics; the sender and the texts are erased (PDPL)."""

    _inherit = "beneficiary.suggestion"

    retention_erased_on = fields.Datetime(readonly=True, copy=False, index="btree_not_null")

    def _retention_erase(self):
        """Server code only (the retention job)."""
        if not self:
            return
        # sudo: retention job only (private method); these suggestions are erased
        records = self.sudo().with_context(tracking_disable=True)
        env = records.env
        env["mail.message"].search(
            [("model", "=", self._name), ("res_id", "in", records.ids)]
        ).unlink()
        env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "in", records.ids)]
        ).unlink()
        label = self.env._("Erased at the end of the retention period")
        # Contacts created by the public form for the message only: nobody else uses them.
        partners = records.with_context(active_test=False).partner_id
        files = env["beneficiary.beneficiary"].with_context(active_test=False)
        used = files.search([("partner_id", "in", partners.ids)]).partner_id
        others = self.search_count(
            [("partner_id", "in", partners.ids), ("id", "not in", records.ids)]
        )
        strangers = partners.filtered(lambda p: not p.user_ids and p not in used)
        if strangers and not others:
            strangers.write(
                {"name": label, "email": False, "mobile": False, "phone": False, "active": False}
            )
        records.write(
            {
                "name": label,
                "description": label,
                "response": False,
                "retention_erased_on": fields.Datetime.now(),
            }
        )
