from odoo import fields, models
from odoo.tools import SQL

from .beneficiary_workflow_fields import workflow_action

MANAGER = "beneficiary_relations.group_beneficiary_manager"
AGE_BANDS = [
    ("under_18", "Under 18"),
    ("18_29", "18 to 29"),
    ("30_44", "30 to 44"),
    ("45_59", "45 to 59"),
    ("60_plus", "60 and Over"),
]
# The same bands in SQL (migration, report checks): age in whole years at submission.
AGE_BAND_SQL = """
    CASE
        WHEN {birth} IS NULL OR {at} IS NULL THEN NULL
        WHEN date_part('year', age({at}::date, {birth})) < 18 THEN 'under_18'
        WHEN date_part('year', age({at}::date, {birth})) < 30 THEN '18_29'
        WHEN date_part('year', age({at}::date, {birth})) < 45 THEN '30_44'
        WHEN date_part('year', age({at}::date, {birth})) < 60 THEN '45_59'
        ELSE '60_plus'
    END
"""


def age_band(birth_date, on_date):
    """The band of ``AGE_BANDS`` of a person born on ``birth_date`` on ``on_date``."""
    if not birth_date or not on_date:
        return False
    years = (
        on_date.year
        - birth_date.year
        - ((on_date.month, on_date.day) < (birth_date.month, birth_date.day))
    )
    for limit, band in ((18, "under_18"), (30, "18_29"), (45, "30_44"), (60, "45_59")):
        if years < limit:
            return band
    return "60_plus"


class BeneficiarySupportRequest(models.Model):
    """What fairness is checked on (P20, issue 17 point 2), frozen at submission.

    The applicant's gender, Saudi or not, age band, region and city, categories,
    disability, branch and intake channel as they were when the request was submitted:
    a later change to the file does not rewrite the history the fairness report reads.
    Set by the server in ``action_submit`` only (readonly workflow fields), readable by
    managers only (disability and categories are health data, threat model 7 and 8).
    ``decision_eligible`` keeps the eligibility result at the moment of the decision.
    """

    _inherit = "beneficiary.support.request"

    fairness_snapshot_date = fields.Datetime(
        string="Fairness Snapshot Taken On", readonly=True, copy=False, groups=MANAGER
    )
    fairness_gender = fields.Selection(
        [("male", "Male"), ("female", "Female")],
        string="Gender at Submission",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=MANAGER,
    )
    fairness_is_saudi = fields.Boolean(
        string="Saudi at Submission", readonly=True, copy=False, index=True, groups=MANAGER
    )
    fairness_age_band = fields.Selection(
        AGE_BANDS,
        string="Age Band at Submission",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=MANAGER,
    )
    fairness_region_id = fields.Many2one(
        "res.country.state",
        string="Region at Submission",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=MANAGER,
    )
    fairness_city = fields.Char(
        string="City at Submission",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=MANAGER,
    )
    fairness_category_ids = fields.Many2many(
        "beneficiary.category",
        "beneficiary_request_fairness_category_rel",
        "request_id",
        "category_id",
        string="Categories at Submission",
        readonly=True,
        copy=False,
        groups=MANAGER,
    )
    fairness_disability = fields.Boolean(
        string="Disability at Submission", readonly=True, copy=False, index=True, groups=MANAGER
    )
    fairness_branch_id = fields.Many2one(
        "beneficiary.branch",
        string="Branch at Submission",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=MANAGER,
    )
    fairness_intake_channel_id = fields.Many2one(
        "beneficiary.intake.channel",
        string="Intake Channel at Submission",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=MANAGER,
    )
    decision_eligible = fields.Boolean(
        string="Eligible When Decided",
        readonly=True,
        copy=False,
        index=True,
        help="The eligibility check's result when the decision was taken.",
    )

    # ------------------------------------------------------------------ snapshot
    def _fairness_snapshot_values(self):
        """``{request id: values}`` from the files as they are now (one query per kind
        of data, whatever the number of requests); the categories as a list of ids."""
        # sudo: submission checked by action_submit; only the disability flag of these files
        beneficiaries = self.beneficiary_id.sudo()
        disabled = set()
        if beneficiaries:
            self.env.cr.execute(
                """
                SELECT beneficiary_id FROM beneficiary_sensitive_file
                 WHERE beneficiary_id = ANY(%s) AND disability_type IS NOT NULL
                """,
                [beneficiaries.ids],
            )
            disabled = {row[0] for row in self.env.cr.fetchall()}
        disability_category = self.env.ref(
            "beneficiary_relations.category_disability", raise_if_not_found=False
        )
        now = fields.Datetime.now()
        values = {}
        for request in self:
            # sudo: submission checked by action_submit; the file of the request for its snapshot
            beneficiary = request.beneficiary_id.sudo()
            at = request.submit_date or now
            categories = beneficiary.category_ids
            values[request.id] = {
                "fairness_snapshot_date": now,
                "fairness_gender": beneficiary.gender or False,
                "fairness_is_saudi": beneficiary.is_saudi,
                "fairness_age_band": age_band(beneficiary.birth_date, at.date()),
                "fairness_region_id": beneficiary.state_id.id,
                "fairness_city": (beneficiary.city or "").strip() or False,
                "fairness_category_ids": categories.ids,
                "fairness_disability": beneficiary.id in disabled
                or bool(disability_category and disability_category in categories),
                "fairness_branch_id": beneficiary.branch_id.id,
                "fairness_intake_channel_id": request.intake_channel_id.id,
            }
        return values

    def _take_fairness_snapshot(self):
        """Write the snapshot of every request in three queries, whatever their number:
        one ``UPDATE ... FROM unnest(...)`` of the columns, one delete and one insert of
        the categories. Server bookkeeping after the submission's own checks (the fields
        are for managers only, whoever submits), so no ORM ``write`` per request."""
        values = self._fairness_snapshot_values()
        if not values:
            return
        # sudo: submission checked by action_submit; only the manager-only snapshot columns of these
        # requests
        requests = self.browse(list(values)).sudo()
        requests.flush_recordset()
        ids = list(values)
        categories = {i: values[i].pop("fairness_category_ids") for i in ids}
        names = list(values[ids[0]])
        arrays = [SQL("%s::int4[]", ids)]
        for name in names:
            field = self._fields[name]
            column = [field.convert_to_column(values[i][name], requests.browse(i)) for i in ids]
            arrays.append(SQL("%s::%s[]", column, SQL(field.column_type[1])))
        self.env.cr.execute(
            SQL(
                "UPDATE %s r SET %s FROM unnest(%s) AS v(id, %s) WHERE r.id = v.id",
                SQL.identifier(self._table),
                SQL(", ").join(
                    SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name)) for name in names
                ),
                SQL(", ").join(arrays),
                SQL(", ").join(SQL.identifier(name) for name in names),
            )
        )
        relation = self._fields["fairness_category_ids"]
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE %s = ANY(%s)",
                SQL.identifier(relation.relation),
                SQL.identifier(relation.column1),
                ids,
            )
        )
        pairs = [(i, category) for i in ids for category in categories[i]]
        if pairs:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int4[], %s::int4[])",
                    SQL.identifier(relation.relation),
                    SQL.identifier(relation.column1),
                    SQL.identifier(relation.column2),
                    [pair[0] for pair in pairs],
                    [pair[1] for pair in pairs],
                )
            )
        requests.invalidate_recordset([*names, "fairness_category_ids"])

    @workflow_action
    def action_submit(self):
        res = super().action_submit()
        self._take_fairness_snapshot()
        return res

    @workflow_action
    def _apply_decision(self, decision, reason=False):
        eligible = self.filtered("eligibility_ok")
        # sudo: decision checked by the decision action; its eligibility at that moment
        eligible.sudo().write({"decision_eligible": True})
        # sudo: decision checked by the decision action; its eligibility at that moment
        (self - eligible).sudo().write({"decision_eligible": False})
        return super()._apply_decision(decision, reason)
