from odoo import models

from ..tools import uploads
from .beneficiary_workflow_fields import workflow_action

# At most this many documents sent with an appeal on the portal.
MAX_APPEAL_FILES = 5


class BeneficiaryAppeal(models.Model):
    """What the beneficiary does with an appeal on the portal (P5, P29)."""

    _inherit = "beneficiary.appeal"

    def _portal_check_files(self, request, files):
        """Why the uploaded ``files`` (``[(name, bytes)]``) cannot be accepted, or ``None``."""
        _ = self.env._
        if len(files) > MAX_APPEAL_FILES:
            return _("Attach at most %(count)s files.", count=MAX_APPEAL_FILES)
        for name, raw in files:
            error = uploads.upload_error(self.env, raw, name=name)
            if error:
                return error
        return None

    @workflow_action
    def _portal_file(self, request, reasons, files, author):
        """File the appeal sent on the portal, once the controller checked that the
        request is the user's (or the token's) and the form is valid.

        Called in sudo mode: the request's own checks (rejected, in the period, not
        appealed yet) run again in ``create``.

        :param files: ``[(name, bytes)]`` already checked by ``_portal_check_files``
        :param author: partner who files it (the beneficiary, or their token's contact)
        """
        appeal = self.create(
            {"request_id": request.id, "reasons": reasons.strip(), "channel": "portal"}
        )
        if files:
            appeal.attachment_ids = self.env["ir.attachment"].create(
                [
                    {
                        "name": name,
                        "raw": raw,
                        "res_model": self._name,
                        "res_id": appeal.id,
                    }
                    for name, raw in files
                ]
            )
        appeal.message_post(
            body=self.env._("Appeal filed on the portal by the beneficiary."),
            subtype_xmlid="mail.mt_note",
            author_id=author.id,
        )
        return appeal

    @workflow_action
    def _portal_withdraw(self, author):
        self.action_withdraw()
        self.message_post(
            body=self.env._("The beneficiary withdrew the appeal on the portal."),
            subtype_xmlid="mail.mt_note",
            author_id=author.id,
        )

    def _portal_documents(self):
        """The appeal's own documents (uploaded to it), for the beneficiary's page."""
        self.ensure_one()
        # sudo: the caller's _document_check_access; only files uploaded to this appeal are kept
        return self.sudo().attachment_ids.filtered(
            lambda a: a.res_model == self._name and a.res_id == self.id and not a.res_field
        )
