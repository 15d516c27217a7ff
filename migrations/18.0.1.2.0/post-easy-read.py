"""Easy-read explanations (issue #19): the standard document types get their
plain-language explanation (a new field; their data file is ``noupdate``)."""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    openupgrade.load_data(
        env, "beneficiary_relations", "data/beneficiary_document_type_easy_read_data.xml"
    )
