from odoo import fields, models

from ..tools.nullable import NullableFloat

# The stages of the path to service whose time is measured, and the request states that
# belong to each: verification runs from submission until the request leaves the
# officer's desk (verified and waiting to be sent on counts too), start of service from
# approval until the service starts.
STAGE_STATES = {
    "submitted": "stage_verification_days",
    "verification": "stage_verification_days",
    "research": "stage_research_days",
    "committee": "stage_committee_days",
    "approved": "stage_service_start_days",
}
STAGE_FIELDS = tuple(sorted(set(STAGE_STATES.values())))


def _stage_days(string):
    """The days a request spent in one stage of ``STAGE_STATES``, NULL until it ends."""
    return NullableFloat(string=string, readonly=True, copy=False, aggregator="avg", digits=(10, 2))


class BeneficiarySupportRequest(models.Model):
    """Time spent in each stage (issue 17, point 3), so that bottlenecks show.

    Each time a request leaves a stage, the days it spent there (calendar days, with
    decimals) are added to that stage's field; a request sent back for more information
    adds its second stay to the first. Empty (NULL) until the stage ends, so that
    averages count only the requests that went through it.
    """

    _inherit = "beneficiary.support.request"

    stage_entered_date = fields.Datetime(
        string="In This Stage Since", readonly=True, copy=False, index="btree_not_null"
    )
    stage_verification_days = _stage_days("Days in Verification")
    stage_research_days = _stage_days("Days in Social Research")
    stage_committee_days = _stage_days("Days at the Committee")
    stage_service_start_days = _stage_days("Days to Start of Service")

    def write(self, vals):
        if "state" not in vals:
            return super().write(vals)
        new_stage = STAGE_STATES.get(vals["state"])
        now = fields.Datetime.now()
        ended = {}
        entering = []
        for request in self:
            old_stage = STAGE_STATES.get(request.state)
            if request.state == vals["state"] or (old_stage and old_stage == new_stage):
                continue
            entering.append(request.id)
            if old_stage and request.stage_entered_date:
                elapsed = (now - request.stage_entered_date).total_seconds() / 86400.0
                total = round((request[old_stage] or 0.0) + elapsed, 2)
                ended.setdefault((old_stage, total), []).append(request.id)
        res = super().write(vals)
        # Server bookkeeping of a transition the caller was just allowed to make.
        # sudo: super().write passed (the transition was allowed); stage timings only
        requests = self.sudo()
        for (field_name, days), ids in ended.items():
            requests.browse(ids).write({field_name: days})
        if entering:
            requests.browse(entering).write({"stage_entered_date": now if new_stage else False})
        return res
