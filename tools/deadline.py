"""Decision-deadline arithmetic (P10): calendar days or the association's working days.

``for_company(company)`` is the one entry point of the models: it reads the company's
working calendar (Odoo's ``resource.calendar`` on ``res.company.resource_calendar_id``,
installed with ``crm``) once — the weekdays it works and its global leaves, i.e. the
public holidays — and counts with the pure functions below.
"""

import datetime

import pytz

# Python weekday(): Monday=0 … Sunday=6. The Saudi week works Sunday–Thursday.
SAUDI_WORKING_WEEKDAYS = frozenset({6, 0, 1, 2, 3})


def _is_working(day, weekdays, holidays):
    return day.weekday() in weekdays and day not in holidays


def add_days(
    start, days, working_days=False, weekdays=SAUDI_WORKING_WEEKDAYS, holidays=frozenset()
):
    """``start`` plus ``days`` calendar days, or plus ``days`` working days.

    With working days the result is the ``days``-th working day after ``start``
    (``start`` itself is not counted), so a Thursday submission with 1 working day is due
    on Sunday; a day in ``holidays`` (public holidays) is not a working day.
    """
    if not start:
        return False
    if not working_days:
        return start + datetime.timedelta(days=days)
    if not weekdays:
        weekdays = SAUDI_WORKING_WEEKDAYS
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if _is_working(current, weekdays, holidays):
            remaining -= 1
    return current


def count_days(
    start, end, working_days=False, weekdays=SAUDI_WORKING_WEEKDAYS, holidays=frozenset()
):
    """Days from ``start`` (excluded) to ``end`` (included): calendar or working days."""
    if not start or not end or end <= start:
        return 0
    if not working_days:
        return (end - start).days
    if not weekdays:
        weekdays = SAUDI_WORKING_WEEKDAYS
    total = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if _is_working(current, weekdays, holidays):
            total += 1
    return total


def calendar_weekdays(calendar):
    """Python weekdays on which ``calendar`` (a ``resource.calendar``) has working time."""
    return frozenset(
        int(attendance.dayofweek)
        for attendance in calendar.attendance_ids
        if attendance.display_type != "line_section" and attendance.hour_to > attendance.hour_from
    )


def calendar_holidays(calendar):
    """Dates touched by ``calendar``'s global leaves (public holidays), in its timezone.

    Global leaves are the calendar's ``resource.calendar.leaves`` without a resource, and
    those of its company valid for every calendar; a leave ending at midnight does not
    take the next day.
    """
    if not calendar:
        return frozenset()
    leaves = (
        calendar.env["resource.calendar.leaves"]
        # sudo: only the public holidays of the association's calendar
        .sudo()
        .search(
            [
                ("resource_id", "=", False),
                ("calendar_id", "in", [False, calendar.id]),
                ("company_id", "in", [False, calendar.company_id.id]),
            ]
        )
    )
    tz = pytz.timezone(calendar.tz or "UTC")
    days = set()
    for leave in leaves:
        first = pytz.utc.localize(leave.date_from).astimezone(tz)
        last = pytz.utc.localize(leave.date_to).astimezone(tz)
        if last.time() == datetime.time(0, 0) and last.date() > first.date():
            last -= datetime.timedelta(days=1)
        day = first.date()
        while day <= last.date():
            days.add(day)
            day += datetime.timedelta(days=1)
    return frozenset(days)


class WorkingCalendar:
    """How an association counts its deadlines: calendar days, or the working days of its
    working calendar less its public holidays (``res.company.beneficiary_working_days``)."""

    def __init__(self, company):
        self.working_days = bool(company.beneficiary_working_days)
        self.weekdays = SAUDI_WORKING_WEEKDAYS
        self.holidays = frozenset()
        # sudo: only the working calendar of the association
        calendar = company.sudo().resource_calendar_id
        if self.working_days and calendar:
            self.weekdays = calendar_weekdays(calendar) or SAUDI_WORKING_WEEKDAYS
            self.holidays = calendar_holidays(calendar)

    def add_days(self, start, days):
        return add_days(start, days, self.working_days, self.weekdays, self.holidays)

    def count_days(self, start, end):
        return count_days(start, end, self.working_days, self.weekdays, self.holidays)


def for_company(company, cache=None):
    """The ``WorkingCalendar`` of ``company``; pass a dict as ``cache`` to read each
    company's calendar once for a batch of records."""
    if cache is None:
        return WorkingCalendar(company)
    if company.id not in cache:
        cache[company.id] = WorkingCalendar(company)
    return cache[company.id]
