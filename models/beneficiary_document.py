import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from .beneficiary_workflow_fields import trusted_write, workflow_action

MAX_FILE_SIZE = 10 * 1024 * 1024  # 10 MB


class BeneficiaryDocument(models.Model):
    """A supporting document of a beneficiary, checked by staff (P6, P17)."""

    _name = "beneficiary.document"
    _description = "Beneficiary Document"
    _inherit = ["beneficiary.workflow.fields"]
    _unlink_draft_states = ("pending",)
    _order = "beneficiary_id, document_type_id, id desc"
    _rec_name = "document_type_id"
    _check_company_auto = True

    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    document_type_id = fields.Many2one(
        "beneficiary.document.type", required=True, index=True, check_company=True
    )
    file = fields.Binary(attachment=True, required=True)
    file_name = fields.Char()
    number = fields.Char(string="Document Number")
    issue_date = fields.Date()
    expiry_date = fields.Date(index=True)
    is_expired = fields.Boolean(
        string="Expired",
        compute="_compute_is_expired",
        store=True,
        precompute=True,
        index=True,
        help="Set when the expiry date has passed; the daily review job refreshes it.",
    )
    state = fields.Selection(
        [("pending", "Pending"), ("verified", "Verified"), ("rejected", "Rejected")],
        default="pending",
        required=True,
        index=True,
    )
    verified_by_id = fields.Many2one("res.users", string="Checked By", readonly=True)
    verified_date = fields.Datetime(string="Checked On", readonly=True)
    rejection_reason = fields.Char()
    note = fields.Text()

    @api.depends("expiry_date")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for document in self:
            document.is_expired = bool(document.expiry_date and document.expiry_date < today)

    @api.constrains("file", "document_type_id")
    def _check_file(self):
        for document in self:
            if not document.file:
                continue
            try:
                raw = base64.b64decode(document.file, validate=True)
            except (binascii.Error, ValueError) as error:
                raise ValidationError(self.env._("The file could not be read.")) from error
            if len(raw) > MAX_FILE_SIZE:
                raise ValidationError(
                    self.env._(
                        "The file is larger than %(size)s MB.", size=MAX_FILE_SIZE // 1024 // 1024
                    )
                )
            allowed = (document.document_type_id.allowed_mimetypes or "").replace(" ", "")
            mimetype = guess_mimetype(raw)
            if allowed and mimetype not in allowed.split(","):
                raise ValidationError(
                    self.env._(
                        "Files of type %(type)s are not accepted for %(doc)s (accepted: %(allowed)s).",
                        type=mimetype,
                        doc=document.document_type_id.name,
                        allowed=allowed,
                    )
                )

    @api.constrains("expiry_date", "document_type_id")
    def _check_expiry_date(self):
        for document in self:
            if document.document_type_id.has_expiry and not document.expiry_date:
                raise ValidationError(
                    self.env._("%(doc)s needs an expiry date.", doc=document.document_type_id.name)
                )

    def write(self, vals):
        self._check_workflow_vals(vals)
        if {"file", "document_type_id"} & set(vals) and "state" not in vals:
            # A replaced file must be checked again.
            vals = dict(vals, state="pending", verified_by_id=False, verified_date=False)
            with trusted_write():
                return super().write(vals)
        return super().write(vals)

    @workflow_action
    def action_verify(self):
        if any(doc.is_expired for doc in self):
            raise UserError(self.env._("An expired document cannot be verified."))
        self.write(
            {
                "state": "verified",
                "verified_by_id": self.env.uid,
                "verified_date": fields.Datetime.now(),
                "rejection_reason": False,
            }
        )
        self._post_on_beneficiary(self.env._("Document verified: %(doc)s"))

    @workflow_action
    def action_reject(self):
        if any(not doc.rejection_reason for doc in self):
            raise UserError(self.env._("Write the reason for rejecting the document first."))
        self.write(
            {
                "state": "rejected",
                "verified_by_id": self.env.uid,
                "verified_date": fields.Datetime.now(),
            }
        )
        self._post_on_beneficiary(self.env._("Document rejected: %(doc)s"))

    @workflow_action
    def action_reset(self):
        self.write({"state": "pending", "verified_by_id": False, "verified_date": False})

    def _post_on_beneficiary(self, message):
        for beneficiary, documents in self.grouped("beneficiary_id").items():
            names = ", ".join(documents.document_type_id.mapped("name"))
            beneficiary.message_post(body=message % {"doc": names}, subtype_xmlid="mail.mt_note")

    @api.model
    def _cron_flag_expired(self, limit=1000):
        """Mark documents whose expiry date has passed, in batches. Returns the count."""
        today = fields.Date.context_today(self)
        domain = [("expiry_date", "<", today), ("is_expired", "=", False)]
        documents = self.search(domain, limit=limit)
        documents.write({"is_expired": True})
        return len(documents)
