"""Copies of a person's data exported before this version for a data-subject request:
those of a file holding sensitive categories or documents are flagged, so that only the
researcher assigned to the file and managers open them (models/ir_attachment_dsr_export.py).
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    exports = env["beneficiary.data.subject.request.evidence"].search(
        [("kind", "=", "exported"), ("attachment_id", "!=", False)]
    )
    confidential = exports.filtered(
        lambda evidence: (
            evidence.request_id.beneficiary_id.category_ids.filtered("is_sensitive")
            or evidence.request_id.beneficiary_id.document_ids.filtered(
                "document_type_id.is_sensitive"
            )
        )
    )
    if confidential:
        confidential.write({"holds_confidential": True})
