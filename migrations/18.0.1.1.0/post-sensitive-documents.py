"""Sensitive document types (P7): health, disability and addiction documents.

The flag is new on ``beneficiary.document.type``: the addon's medical, disability and
treatment document types get it on existing databases (their data records may be
``noupdate`` there), as do the types that the sensitive categories require.
"""

from openupgradelib import openupgrade

SENSITIVE_TYPES = ("disability_report", "medical_report", "treatment_proof")


@openupgrade.migrate()
def migrate(env, version):
    DocumentType = env["beneficiary.document.type"].with_context(active_test=False)
    types = DocumentType.browse()
    for name in SENSITIVE_TYPES:
        record = env.ref(f"beneficiary_relations.document_type_{name}", raise_if_not_found=False)
        if record:
            types |= record
    categories = env["beneficiary.category"].with_context(active_test=False).search(
        [("is_sensitive", "=", True)]
    )
    common = DocumentType.search([("code", "in", ("national_id", "national_address"))])
    types |= categories.document_type_ids - common
    types.write({"is_sensitive": True})
