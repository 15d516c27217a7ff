import base64

from odoo import fields, models

from ..tools import uploads
from .beneficiary_service import OPEN_STATES

# Files a beneficiary may send through the portal (P5, P17).
# Rank of each state along the path shown to the beneficiary.
STATE_RANK = {
    "draft": 0,
    "submitted": 1,
    "verification": 2,
    "research": 3,
    "committee": 4,
    "approved": 5,
    "rejected": 5,
    "referred": 5,
    "in_service": 6,
    "done": 7,
    "cancelled": 0,
}


class BeneficiarySupportRequest(models.Model):
    """What the beneficiary sees of their request on the portal (P4, P5, P10, P18)."""

    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    # The social researcher's report and a manager's reason for overriding the
    # eligibility result are staff assessments: staff only, also through JSON-RPC (the
    # portal rule lets the beneficiary read the rest of their request).
    research_report = fields.Html(groups="base.group_user")
    override_reason = fields.Text(groups="base.group_user")

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Decision Letter - %(ref)s", ref=self.ref or "")

    # ----------------------------------------------------------------- display
    def _portal_open_states(self):
        """States of a request still waiting for its decision."""
        return OPEN_STATES

    def _portal_is_open(self):
        """Still waiting for a decision: documents may still be sent."""
        self.ensure_one()
        return self.state in OPEN_STATES

    def _portal_has_letter(self):
        """The decision letter exists once a decision was taken (P10, P18)."""
        self.ensure_one()
        return bool(self.decision and self.decision_date)

    def _portal_timeline(self):
        """The steps of the request as the beneficiary follows them, with their dates.

        :return: list of dicts ``label``, ``status`` (``done``, ``current``, ``todo``,
            ``stopped``) and ``date`` (Hijri beside Gregorian, or ``""``)
        """
        self.ensure_one()
        _ = self.env._
        rank = STATE_RANK.get(self.state, 0)
        steps = [(1, _("Request received"), self.submit_date)]
        steps.append((2, _("Data and documents checked"), False))
        if self.service_id.requires_research or self.state == "research":
            steps.append((3, _("Social research"), False))
        if self.service_id.requires_committee or self.state == "committee":
            steps.append((4, _("Committee study"), False))
        decision_label = {
            "approved": _("Decision: approved"),
            "rejected": _("Decision: not approved"),
            "referred": _("Referred to another association"),
        }.get(self.decision, _("Decision"))
        steps.append((5, decision_label, self.decision_date))
        if self.decision in (False, "approved"):
            steps.append((6, _("Service started"), self.service_start_date))
            steps.append((7, _("Service delivered"), self.delivery_date))
        result = []
        for step_rank, label, date in steps:
            if self.state == "cancelled":
                status = "done" if step_rank == 1 and self.submit_date else "stopped"
            elif step_rank < rank or (step_rank == rank and rank in (5, 7)):
                status = "done"
            elif step_rank == rank:
                status = "current"
            else:
                status = "todo"
            result.append(
                {
                    "label": label,
                    "status": status,
                    "date": self._dual_date(date) if date else "",
                }
            )
        if self.state == "cancelled":
            result.append({"label": _("Request cancelled"), "status": "current", "date": ""})
        return result

    def _portal_decision_reasons(self):
        """Why the request was not approved (P18): the reasons recorded with the decision,
        then the service conditions the beneficiary did not meet."""
        self.ensure_one()
        if self.decision != "rejected":
            return []
        reasons = self._rejection_reasons()
        reasons += [
            line.explanation
            for line in self.eligibility_line_ids
            if not line.met and line.explanation and line.explanation not in reasons
        ]
        return reasons

    def _portal_pending_document_types(self):
        """Document types sent by the beneficiary and not checked yet."""
        self.ensure_one()
        return self.beneficiary_id.document_ids.filtered(
            lambda d: d.state == "pending"
        ).document_type_id

    # ------------------------------------------------------------------ upload
    def _portal_check_upload(self, document_type, raw, expiry_date=None):
        """Why the file ``raw`` cannot be accepted for ``document_type``, or ``None``.

        :param expiry_date: ``date`` typed by the beneficiary, for documents that expire
        """
        self.ensure_one()
        _ = self.env._
        if not self._portal_is_open():
            return _("This request is decided: documents can no longer be sent for it.")
        if document_type not in self.missing_document_type_ids:
            return _("This document is not requested for this request.")
        error = uploads.upload_error(
            self.env, raw, allowed=uploads.allowed_mimetypes(document_type)
        )
        if error:
            return error
        if document_type.has_expiry:
            if not expiry_date:
                return _("Give the expiry date written on the document.")
            if expiry_date < fields.Date.context_today(self):
                return _("This document has expired: send a valid one.")
        return None

    def _portal_upload_document(self, document_type, file_name, raw, expiry_date=None, author=None):
        """Record a document sent by the beneficiary and ask the officer to check it.

        Called on the request in sudo mode, after the controller checked the access.

        :param author: partner who sent it (default: the beneficiary)
        """
        self.ensure_one()
        _ = self.env._
        document = (
            self.env["beneficiary.document"]
            # sudo: the controller's _document_check_access and _portal_check_upload (a requested
            # type)
            .sudo()
            .create(
                {
                    "beneficiary_id": self.beneficiary_id.id,
                    "document_type_id": document_type.id,
                    "file": base64.b64encode(raw),
                    "file_name": file_name,
                    "expiry_date": expiry_date if document_type.has_expiry else False,
                    "state": "pending",
                    "note": _("Sent by the beneficiary through the portal."),
                }
            )
        )
        self.message_post(
            body=_(
                "The beneficiary sent a document through the portal: %(doc)s (%(file)s).",
                doc=document_type.name,
                file=file_name,
            ),
            subtype_xmlid="mail.mt_note",
            author_id=(author or self.partner_id).id,
        )
        officer = self.officer_id or self.beneficiary_id.officer_id
        if officer:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_(
                    "Check the document sent by the beneficiary: %(doc)s", doc=document_type.name
                ),
                user_id=officer.id,
            )
        return document
