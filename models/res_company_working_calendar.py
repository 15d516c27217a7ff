from odoo import Command, api, models

from ..tools import deadline

# Sunday–Thursday, as ``resource.calendar.attendance.dayofweek`` (Monday = "0").
SAUDI_WEEK = (("6", "Sunday"), ("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"))
SAUDI_WEEK += (("3", "Thursday"),)


class ResCompany(models.Model):
    """The association's working calendar counts its working-day deadlines (P10)."""

    _inherit = "res.company"

    def _prepare_resource_calendar_values(self):
        """A Saudi association's calendar works Sunday to Thursday, in Riyadh's time."""
        values = super()._prepare_resource_calendar_values()
        if self.country_id.code == "SA":
            values.update(self._beneficiary_saudi_calendar_values())
        return values

    def _beneficiary_saudi_calendar_values(self):
        attendances = []
        for day, label in SAUDI_WEEK:
            attendances += [
                Command.create(
                    {
                        "name": "%s %s" % (label, period),
                        "dayofweek": day,
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": period.lower(),
                    }
                )
                for period, hour_from, hour_to in (("Morning", 8, 12), ("Afternoon", 12, 16))
            ]
        return {
            "name": self.env._("Saudi Working Week (Sunday–Thursday)"),
            "tz": "Asia/Riyadh",
            "attendance_ids": [Command.clear(), *attendances],
        }

    @api.model
    def _beneficiary_init_working_calendar(self):
        """Saudi associations still on Odoo's default Monday–Friday week get a calendar of
        their own working Sunday to Thursday (install, demo data, migration)."""
        western = frozenset(range(5))
        # sudo: install and migration only (private method); Saudi companies' calendars
        for company in self.sudo().search([("partner_id.country_id.code", "=", "SA")]):
            calendar = company.resource_calendar_id
            if calendar and deadline.calendar_weekdays(calendar) != western:
                continue
            new = (
                self.env["resource.calendar"]
                # sudo: install and migration only (private method); Saudi companies' calendars
                .sudo()
                .create({"company_id": company.id, **company._beneficiary_saudi_calendar_values()})
            )
            company.resource_calendar_id = new
