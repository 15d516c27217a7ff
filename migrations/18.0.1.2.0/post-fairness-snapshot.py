"""Fairness snapshot and KPIs over decided requests (issue 17, points 2 and 3).

- The dimensions fairness is checked on are frozen on each request at submission. The
  requests submitted before this version get them from their file as it is now (the
  best record there is), once: the columns are filled only where still empty.
- ``decision_eligible`` (eligibility when decided) is taken from the current eligibility
  result of the decided requests.
- Days to decision, share decided in time and approval rate were stored as 0 for the
  requests not decided yet, and counted as zeros in every average: they become NULL.
  The approval rate is kept for approved and rejected requests only.
"""

from openupgradelib import openupgrade

AGE_BAND = """
    CASE
        WHEN b.birth_date IS NULL THEN NULL
        WHEN date_part('year', age(r.submit_date::date, b.birth_date)) < 18 THEN 'under_18'
        WHEN date_part('year', age(r.submit_date::date, b.birth_date)) < 30 THEN '18_29'
        WHEN date_part('year', age(r.submit_date::date, b.birth_date)) < 45 THEN '30_44'
        WHEN date_part('year', age(r.submit_date::date, b.birth_date)) < 60 THEN '45_59'
        ELSE '60_plus'
    END
"""

# The submitted requests without a snapshot yet (their categories are copied for them only).
TO_FILL = """
    CREATE TEMPORARY TABLE br_fairness_to_fill ON COMMIT DROP AS
    SELECT id, beneficiary_id FROM beneficiary_support_request
     WHERE submit_date IS NOT NULL AND fairness_snapshot_date IS NULL
"""

SNAPSHOT = f"""
    UPDATE beneficiary_support_request AS r
       SET fairness_snapshot_date = now() AT TIME ZONE 'UTC',
           fairness_gender = b.gender,
           fairness_is_saudi = COALESCE(b.is_saudi, FALSE),
           fairness_age_band = {AGE_BAND},
           fairness_region_id = p.state_id,
           fairness_city = NULLIF(btrim(p.city), ''),
           fairness_disability = (
               EXISTS (SELECT 1 FROM beneficiary_sensitive_file s
                        WHERE s.beneficiary_id = b.id AND s.disability_type IS NOT NULL)
               OR EXISTS (SELECT 1 FROM beneficiary_beneficiary_beneficiary_category_rel c
                           WHERE c.beneficiary_beneficiary_id = b.id
                             AND c.beneficiary_category_id = (
                                 SELECT res_id FROM ir_model_data
                                  WHERE module = 'beneficiary_relations'
                                    AND name = 'category_disability'))
           ),
           fairness_branch_id = b.branch_id,
           fairness_intake_channel_id = r.intake_channel_id,
           decision_eligible = CASE WHEN r.decision IS NOT NULL
                                    THEN COALESCE(r.eligibility_ok, FALSE)
                               END
      FROM br_fairness_to_fill AS f
      JOIN beneficiary_beneficiary AS b ON b.id = f.beneficiary_id
      JOIN res_partner AS p ON p.id = b.partner_id
     WHERE r.id = f.id
"""

CATEGORIES = """
    INSERT INTO beneficiary_request_fairness_category_rel (request_id, category_id)
    SELECT f.id, c.beneficiary_category_id
      FROM br_fairness_to_fill AS f
      JOIN beneficiary_beneficiary_beneficiary_category_rel AS c
        ON c.beneficiary_beneficiary_id = f.beneficiary_id
"""

# Decided requests never submitted (none in practice): the snapshot's update sets the others.
DECISION_ELIGIBLE = """
    UPDATE beneficiary_support_request
       SET decision_eligible = COALESCE(eligibility_ok, FALSE)
     WHERE decision IS NOT NULL AND decision_eligible IS NULL
"""

KPIS_OF_UNDECIDED = """
    UPDATE beneficiary_support_request
       SET decision_days_taken = NULL, in_time_rate = NULL, approval_rate = NULL
     WHERE (decision_date IS NULL OR submit_date IS NULL)
       AND (decision_days_taken IS NOT NULL OR in_time_rate IS NOT NULL
            OR approval_rate IS NOT NULL)
"""

APPROVAL_OF_REFERRED = """
    UPDATE beneficiary_support_request
       SET approval_rate = NULL
     WHERE decision = 'referred' AND approval_rate IS NOT NULL
"""


def fill_snapshots(cr):
    """Snapshot of every submitted request that has none (also used by the benchmark)."""
    for query in (TO_FILL, SNAPSHOT, CATEGORIES, DECISION_ELIGIBLE):
        openupgrade.logged_query(cr, query)
    openupgrade.logged_query(cr, "DROP TABLE br_fairness_to_fill")


@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    fill_snapshots(cr)
    openupgrade.logged_query(cr, KPIS_OF_UNDECIDED)
    openupgrade.logged_query(cr, APPROVAL_OF_REFERRED)
