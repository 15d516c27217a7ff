"""Activities for many records at once: one home for what the crons and workflows need.

``activity_schedule()`` creates one activity per call, each with its own queries; the
review, deadline, breach and meeting jobs open hundreds at a time. This creates them in
one batch, with what ``activity_schedule()`` sets.
"""


def schedule_activities(records, activity_xmlid, rows, sudo=False):
    """Create the activities ``rows`` of type ``activity_xmlid`` on ``records``' model.

    :param rows: iterable of ``(record, user, deadline, summary)``; a ``None`` deadline
        takes the activity type's delay, a ``None`` summary the type's own summary
    :param sudo: for activities given to others by a person who cannot create them
        (the caller has checked what the records are)
    :return: the activities created
    """
    env = records.env
    activity_type = env.ref(activity_xmlid)
    model_id = env["ir.model"]._get_id(records._name)
    vals_list = []
    for record, user, deadline, summary in rows:
        vals = {
            "res_model_id": model_id,
            "res_id": record.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "summary": summary if summary is not None else activity_type.summary,
            # As activity_schedule() does: activity_feedback() and activity_unlink()
            # only look for automated activities.
            "automated": True,
        }
        if deadline is not None:
            vals["date_deadline"] = deadline
        vals_list.append(vals)
    # sudo: only when the caller asks, after its own check of the records
    Activity = env["mail.activity"].sudo() if sudo else env["mail.activity"]
    return Activity.with_context(mail_activity_quick_update=True).create(vals_list)
