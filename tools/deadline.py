"""Decision-deadline arithmetic (P10): calendar days or Saudi working days."""

import datetime

# Python weekday(): Monday=0 … Sunday=6. The Saudi week works Sunday–Thursday.
SAUDI_WORKING_WEEKDAYS = frozenset({6, 0, 1, 2, 3})


def add_days(start, days, working_days=False, weekdays=SAUDI_WORKING_WEEKDAYS):
    """``start`` plus ``days`` calendar days, or plus ``days`` working days.

    With working days the result is the ``days``-th working day after ``start``
    (``start`` itself is not counted), so a Thursday submission with 1 working day is due
    on Sunday.
    """
    if not start:
        return False
    if not working_days:
        return start + datetime.timedelta(days=days)
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() in weekdays:
            remaining -= 1
    return current


def count_days(start, end, working_days=False, weekdays=SAUDI_WORKING_WEEKDAYS):
    """Days from ``start`` (excluded) to ``end`` (included): calendar or working days."""
    if not start or not end or end <= start:
        return 0
    if not working_days:
        return (end - start).days
    total = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if current.weekday() in weekdays:
            total += 1
    return total
