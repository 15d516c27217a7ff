from odoo import fields, models

from ..tools.plural import plural


class BeneficiaryPrivacyNotice(models.Model):
    """The notice also tells how long an application left unfinished is kept: the
    association's ``beneficiary_draft_anonymise_days`` (models/beneficiary_beneficiary_
    abandoned.py), a period in days kept on the company rather than in a retention rule."""

    _inherit = "beneficiary.privacy.notice"

    def _extra_retention_lines(self):
        result = super()._extra_retention_lines()
        _ = self.env._
        # sudo: callers check the manager or write access; a line of these notices
        self.env["beneficiary.privacy.notice.line"].sudo().create(
            [
                {
                    "notice_id": notice.id,
                    "name": _("Applications left unfinished (counted from their last change)"),
                    "days": notice.company_id.beneficiary_draft_anonymise_days,
                    "action_description": _("Closed and anonymised, with their requests cancelled"),
                }
                for notice in self
            ]
        )
        return result


class BeneficiaryPrivacyNoticeLine(models.Model):
    """A period in days, for the kinds of data whose period is counted in days."""

    _inherit = "beneficiary.privacy.notice.line"

    days = fields.Integer(string="Kept For (Days)", help="0: in months, or without limit.")

    def _period_label(self):
        self.ensure_one()
        if self.days:
            return plural(self.env, self.days, self.env._("%(count)s day|%(count)s days"))
        return super()._period_label()
