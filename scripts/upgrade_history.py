"""Work done on a database of the first release before it is upgraded.

Run by ``scripts/test-upgrade.sh`` in ``odoo-bin shell`` of the OLD version (``env`` is
the superuser's environment), after its demo data: the demo has no committee at work and
no entry in the confidential access log, so staff make some through the old version's
own buttons — a committee, a meeting with its agenda, votes and decisions applied to the
request, a researcher reading and changing a confidential file, an export of it.
Written against the API of 18.0.1.0.0; prints what it made.
"""

from odoo import Command

Users = env["res.users"]  # noqa: F821 (given by odoo-bin shell)


def user(login):
    return Users.search([("login", "=", login)], limit=1)


committee_user, manager, researcher = user("committee"), user("manager"), user("researcher")
request = env["beneficiary.support.request"].search(  # noqa: F821
    [("state", "=", "committee")], limit=1
)
committee = env["beneficiary.committee"].create(  # noqa: F821
    {
        "name": "لجنة البحث",
        "code": "RC",
        "company_id": request.company_id.id,
        "member_ids": [Command.set((committee_user | manager).ids)],
        "chair_id": committee_user.id,
        "secretary_id": manager.id,
        "quorum": 2,
        "chair_casting_vote": True,
    }
)
request.service_id.committee_id = committee
meeting = (
    env["beneficiary.committee.meeting"]  # noqa: F821
    .with_user(manager)
    .create({"committee_id": committee.id, "location": "قاعة الاجتماعات"})
)
meeting.action_load_agenda()
meeting.attendee_ids = committee_user | manager
meeting.action_convene()
decision = meeting.decision_ids.filtered(lambda d: d.request_id == request)
decision.write({"proposal": "approve", "reasons": "الحالة مستوفية بعد البحث الاجتماعي"})
decision.with_user(committee_user).action_vote_for()
decision.with_user(manager).action_vote_for()
meeting.action_close()

files = env["beneficiary.sensitive.file"].search([])  # noqa: F821
assigned = files.filtered(lambda f: f.beneficiary_id.researcher_id == researcher)
as_researcher = (assigned or files)[:1].with_user(researcher if assigned else manager)
as_researcher.read(["research_notes"])
as_researcher.write({"research_notes": "زيارة منزلية: الوضع مطابق لما في الطلب"})
files.with_user(manager).export_data(["research_notes"])

env.cr.commit()  # noqa: F821 (odoo-bin shell rolls back otherwise)
print(
    f"history: meeting {meeting.name} {meeting.state}, {len(meeting.decision_ids)} decision(s), "
    f"request {request.ref} {request.state}, "
    f"{env['beneficiary.sensitive.access.log'].search_count([])} access-log entries"  # noqa: F821
)
