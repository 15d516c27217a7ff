"""The P28 record rules on survey answers are replaced by the restriction written next
to ``survey.user_input.support_request_id`` (models/survey_user_input.py): a rule naming
that field broke Odoo's own survey tests while only ``survey`` is loaded. Removed before
the update, so no stale rule is evaluated meanwhile; nothing else changes."""

from openupgradelib import openupgrade

OBSOLETE_RULES = [
    "beneficiary_relations.survey_user_input_rule_beneficiary_manager",
    "beneficiary_relations.survey_user_input_line_rule_beneficiary_manager",
]


@openupgrade.migrate()
def migrate(env, version):
    openupgrade.delete_records_safely_by_xml_id(env, OBSOLETE_RULES)
