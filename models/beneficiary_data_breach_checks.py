"""What a breach record must hold together: dates in order, and the reason it is not
notified to SDAIA (PDPL)."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BeneficiaryDataBreach(models.Model):
    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.data.breach"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------- constraints
    @api.constrains("discovered_on", "sdaia_notified_on", "subjects_notified_on")
    def _check_dates(self):
        _ = self.env._
        now = fields.Datetime.now() + timedelta(minutes=5)
        for breach in self:
            if breach.discovered_on > now:
                raise ValidationError(
                    _("%(ref)s: the discovery date cannot be in the future.", ref=breach.name)
                )
            for field_name in ("sdaia_notified_on", "subjects_notified_on"):
                value = breach[field_name]
                if value and value < breach.discovered_on:
                    raise ValidationError(
                        _(
                            "%(ref)s: %(field)s (%(date)s) cannot be before the breach was "
                            "discovered (%(discovered)s).",
                            ref=breach.name,
                            field=breach._fields[field_name]._description_string(self.env),
                            date=fields.Datetime.to_string(
                                fields.Datetime.context_timestamp(breach, value)
                            ),
                            discovered=fields.Datetime.to_string(
                                fields.Datetime.context_timestamp(breach, breach.discovered_on)
                            ),
                        )
                    )

    @api.constrains("not_notifiable", "not_notifiable_reason", "risk_level")
    def _check_not_notifiable(self):
        _ = self.env._
        for breach in self.filtered("not_notifiable"):
            if breach.risk_level != "low":
                raise ValidationError(
                    _(
                        "%(ref)s: only a low-risk breach can be recorded as not notifiable "
                        "to SDAIA.",
                        ref=breach.name,
                    )
                )
            if not (breach.not_notifiable_reason or "").strip():
                raise ValidationError(
                    _(
                        "%(ref)s: give the reason why the breach is not notifiable to SDAIA.",
                        ref=breach.name,
                    )
                )
