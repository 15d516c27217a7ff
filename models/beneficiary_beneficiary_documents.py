"""The file's documents (P17) and its signed declaration and consent (P9, P12)."""

from odoo import api, fields, models

from .beneficiary_workflow_fields import workflow_action


class BeneficiaryBeneficiary(models.Model):
    _inherit = "beneficiary.beneficiary"

    # Documents (P17)
    document_ids = fields.One2many("beneficiary.document", "beneficiary_id", string="Documents")
    support_request_ids = fields.One2many(
        "beneficiary.support.request", "beneficiary_id", string="Support Requests"
    )
    document_count = fields.Integer(compute="_compute_document_count")
    # Not stored: shown on the file, while "documents complete" is what lists filter on.
    missing_document_type_ids = fields.Many2many(
        "beneficiary.document.type",
        string="Missing Documents",
        compute="_compute_missing_documents",
    )
    documents_complete = fields.Boolean(
        compute="_compute_documents_complete", store=True, precompute=True, index=True
    )
    # Declaration (P9) and consent (P12)
    declaration_ids = fields.One2many("beneficiary.declaration", "beneficiary_id")
    declaration_date = fields.Datetime(compute="_compute_declarations", store=True, precompute=True)
    declaration_version = fields.Char(compute="_compute_declarations", store=True, precompute=True)
    consent_date = fields.Datetime(compute="_compute_declarations", store=True, precompute=True)
    consent_version = fields.Char(compute="_compute_declarations", store=True, precompute=True)

    def _compute_document_count(self):
        counts = dict(
            self.env["beneficiary.document"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.document_count = counts.get(beneficiary, 0)

    @api.depends(
        "category_ids.document_type_ids",
        "document_ids.state",
        "document_ids.is_expired",
        "document_ids.document_type_id",
    )
    def _compute_missing_documents(self):
        self._assign_grouped(
            lambda b: (("missing_document_type_ids", b._missing_document_types()),)
        )

    @api.depends(
        "category_ids.document_type_ids",
        "document_ids.state",
        "document_ids.is_expired",
        "document_ids.document_type_id",
    )
    def _compute_documents_complete(self):
        by_categories = {}  # files without documents: what their categories require

        def complete(beneficiary):
            if beneficiary.document_ids:
                return (("documents_complete", not beneficiary._missing_document_types()),)
            categories = beneficiary.category_ids
            if categories not in by_categories:
                by_categories[categories] = not categories.document_type_ids
            return (("documents_complete", by_categories[categories]),)

        self._assign_grouped(complete)

    def _missing_document_types(self):
        """The document types the file's categories require and no valid document gives."""
        self.ensure_one()
        required = self.category_ids.document_type_ids
        if self.document_ids:
            required -= self.document_ids.filtered(
                lambda doc: doc.state == "verified" and not doc.is_expired
            ).document_type_id
        return required

    @api.depends("declaration_ids.date", "declaration_ids.kind", "declaration_ids.version")
    def _compute_declarations(self):
        none = (
            ("declaration_date", False),
            ("declaration_version", False),
            ("consent_date", False),
            ("consent_version", False),
        )

        def latest(beneficiary):
            if not beneficiary.declaration_ids:
                return none
            values = []
            for kind in ("declaration", "consent"):
                found = beneficiary.declaration_ids.filtered(lambda d, k=kind: d.kind == k)[:1]
                values += [(f"{kind}_date", found.date), (f"{kind}_version", found.version)]
            return tuple(values)

        # New files have no declaration yet: one assignment for all of them.
        self._assign_grouped(latest)

    @workflow_action
    def action_sign(self):
        """Open the wizard recording the declaration and the consent (P9, P12)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Declaration and Consent"),
            "res_model": "beneficiary.beneficiary.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_beneficiary_id": self.id},
        }

    @workflow_action
    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_document_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id}
        return action
