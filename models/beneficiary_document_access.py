from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.attachments import domain_without
from ..tools.server_context import server_context
from .beneficiary_sensitive_access_log import CHANNEL_KEY

MANAGER = "beneficiary_relations.group_beneficiary_manager"
# What a document says, as opposed to its presence, type, dates and state (P7).
CONTENT_FIELDS = ("file", "file_name", "note", "rejection_reason")


class BeneficiaryDocumentType(models.Model):
    _inherit = "beneficiary.document.type"

    is_sensitive = fields.Boolean(
        string="Sensitive (Health)",
        help="Health, disability or addiction documents: their content is read only by the "
        "social researcher assigned to the file and managers, and every read is logged.",
    )


class BeneficiaryDocument(models.Model):
    """Confidential content of sensitive documents (P7, PDPL).

    The content (the file, its name, the notes and the rejection reason) of a document
    whose type is sensitive is readable only by the file's assigned researcher and
    managers (and by the beneficiary, on the portal, for their own documents); every
    staff read is logged in the confidential access log. Officers and committee members
    still see that the document is there, its type, dates and state: the content comes
    back empty to them. The file itself is refused to them through ``/web/content`` and
    ``ir.attachment`` (see ``ir.attachment.check`` below). Verifying or rejecting a
    sensitive document is the assigned researcher's or a manager's.
    """

    _inherit = "beneficiary.document"

    is_sensitive = fields.Boolean(related="document_type_id.is_sensitive")

    def _content_hidden(self):
        """The sensitive documents of ``self`` whose content the current user may not read."""
        if self.env.su or self.env.user.has_group(MANAGER):
            return self.browse()
        # sudo: filters self (already readable) to the sensitive documents to hide
        documents = self.sudo().filtered(
            lambda d: isinstance(d.id, int) and d.document_type_id.is_sensitive
        )
        readable = documents.beneficiary_id.with_env(self.env)._confidential_readable()
        return documents.filtered(lambda d: d.beneficiary_id not in readable).with_env(self.env)

    def _check_content_access(self):
        """Refuse, if the user may not read the content of one of the documents."""
        if self._content_hidden():
            raise AccessError(
                self.env._(
                    "Only the social researcher assigned to the file and managers can open "
                    "the content of a sensitive document."
                )
            )

    def _log_content_access(self, names, channel="document"):
        """Log the read of ``names`` of the sensitive documents of ``self``."""
        # sudo: only which documents of self are sensitive, to log the read
        documents = self.sudo().filtered(lambda d: d.document_type_id.is_sensitive)
        if documents and names:
            self.env["beneficiary.beneficiary"].with_env(self.env)._log_confidential_access(
                dict.fromkeys(documents.beneficiary_id.ids, tuple(names)), channel
            )

    # ------------------------------------------------------------------ reads
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        names = [name for name in CONTENT_FIELDS if name in fnames]
        if names and result:
            documents = self.browse(row["id"] for row in result if isinstance(row["id"], int))
            hidden = set(documents._content_hidden().ids)
            for row in result:
                if row["id"] in hidden:
                    row.update(dict.fromkeys(names, False))
            (documents - documents.browse(hidden))._log_content_access(names)
        return result

    def read(self, fields=None, load="_classic_read"):
        return super().read(fields=fields, load=load)

    read._readonly = False

    def web_read(self, specification):
        return super().web_read(specification)

    web_read._readonly = False

    def export_data(self, fields_to_export):
        names = [
            name
            for name in CONTENT_FIELDS
            if any(path.split("/")[0] == name for path in fields_to_export)
        ]
        if names:
            self._check_content_access()
        result = super().export_data(fields_to_export)
        with server_context(**{CHANNEL_KEY: "export"}):
            self._log_content_access(names)
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """A condition on the content only finds the documents whose content one may read."""
        if (
            domain
            and not (self.env.su or self.env.user.has_group(MANAGER))
            and any(
                isinstance(leaf, list | tuple)
                and leaf
                and str(leaf[0]).split(".")[0] in CONTENT_FIELDS
                for leaf in domain
            )
        ):
            domain = [
                "&",
                "|",
                ("document_type_id.is_sensitive", "=", False),
                ("beneficiary_id.researcher_id", "=", self.env.uid),
                *domain,
            ]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        """Groups and aggregates of the content are refused if they cover a document the
        user may not read, and logged otherwise."""
        specs = [spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)]
        names = [name for name in CONTENT_FIELDS if name in specs]
        if names:
            documents = self.search(domain)
            documents._check_content_access()
            with server_context(**{CHANNEL_KEY: "report"}):
                documents._log_content_access(names)
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )

    # ----------------------------------------------------------------- writes
    def write(self, vals):
        if any(name in vals for name in CONTENT_FIELDS):
            self._check_content_access()
        if "document_type_id" in vals and not (self.env.su or self.env.user.has_group(MANAGER)):
            # Turning a sensitive document into a plain one would show its content.
            self._check_content_access()
        return super().write(vals)

    def _check_verifier(self):
        if self._content_hidden():
            raise AccessError(
                self.env._(
                    "A sensitive document is verified or rejected by the social researcher "
                    "assigned to the file or by a manager."
                )
            )

    def action_verify(self):
        self._check_verifier()
        return super().action_verify()

    def action_reject(self):
        self._check_verifier()
        return super().action_reject()

    def action_reset(self):
        self._check_verifier()
        return super().action_reset()


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """The stored files of sensitive documents whose content the user may not read are
        out of their reach (P7): ``ir.attachment`` reads, ``/web/content`` by id and the
        access checks all go through this search."""
        if self.env.su or self.env.user.has_group(MANAGER):
            return super()._search(domain, offset=offset, limit=limit, order=order)
        user = self.env.user
        hidden_documents = (
            self.env["beneficiary.document"]
            # sudo: only the ids of the sensitive documents the user may not read, to hide their
            # files (a subquery: nothing is read here)
            .sudo()
            ._search(
                [
                    ("document_type_id.is_sensitive", "=", True),
                    ("beneficiary_id.researcher_id", "!=", user.id),
                    ("beneficiary_id.partner_id", "!=", user.partner_id.id),
                ]
            )
        )
        # sudo: only the ids of those documents' stored files, taken out of the result
        hidden = self.sudo()._search(
            [
                ("res_model", "=", "beneficiary.document"),
                ("res_field", "in", list(CONTENT_FIELDS)),
                ("res_id", "in", hidden_documents),
            ]
        )
        domain = domain_without(self.env, domain, hidden)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def check(self, mode, values=None):
        """Reading or changing the stored file of a sensitive document: checked, logged."""
        result = super().check(mode, values=values)
        if self and not self.env.su:
            # sudo: super().check passed; only which attachments hold a document's content
            attachments = self.sudo().filtered(
                lambda a: a.res_model == "beneficiary.document" and a.res_field in CONTENT_FIELDS
            )
            if attachments:
                documents = self.env["beneficiary.document"].browse(attachments.mapped("res_id"))
                documents = documents.exists()
                documents._check_content_access()
                if mode == "read":
                    documents._log_content_access(("file",))
        return result


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        """``/web/content`` of a sensitive document's file: checked, then logged."""
        if record._name == "beneficiary.document" and field_name in CONTENT_FIELDS:
            record._check_content_access()
            record._log_content_access((field_name,))
        return super()._record_to_stream(record, field_name)
