import base64
import hashlib
import hmac
import json
import secrets
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .beneficiary_workflow_fields import workflow_action

MANAGER = "beneficiary_relations.group_beneficiary_manager"
CODE_MINUTES = 15
CODE_ATTEMPTS = 5


class BeneficiaryDataSubjectRequestEvidence(models.Model):
    """One piece of evidence of how a data-subject request was answered: what was sent,
    corrected or erased, by whom and when. Written by the request's actions only."""

    _name = "beneficiary.data.subject.request.evidence"
    _description = "Data-Subject Request Evidence"
    _inherit = ["beneficiary.workflow.fields"]
    _unlink_draft_states = ()
    _order = "date, id"

    request_id = fields.Many2one(
        "beneficiary.data.subject.request",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="By", required=True, readonly=True)
    kind = fields.Selection(
        [
            ("exported", "Data Exported"),
            ("sent", "Answer Sent"),
            ("corrected", "Data Corrected"),
            ("erased", "Data Erased"),
            ("refused", "Refused"),
        ],
        required=True,
        readonly=True,
    )
    description = fields.Text(readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True)
    holds_confidential = fields.Boolean(
        string="Holds Confidential Data",
        readonly=True,
        copy=False,
        help="The exported copy holds sensitive categories or documents of the file: only "
        "the social researcher assigned to the file and managers open it.",
    )


class BeneficiaryDataSubjectRequest(models.Model):
    """Identity codes, the staff's export of a person's data and the destruction."""

    _inherit = "beneficiary.data.subject.request"

    identity_code_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    identity_code_expiry = fields.Datetime(readonly=True, copy=False)
    identity_code_attempts = fields.Integer(readonly=True, copy=False)
    identity_code = fields.Char(
        string="Code Read by the Person",
        copy=False,
        help="The code the person reads back from the SMS sent to the mobile recorded on "
        "their file.",
    )

    def _code_hash(self, code):
        # sudo: the secret only keys the code's hash; it never leaves the server
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        message = ("%s:%s" % (self.id, code)).encode()
        return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()

    @workflow_action
    def action_send_code(self):
        """Send a one-time code to the mobile recorded on the file (never to a number the
        requester typed): the person proves they hold it by reading it back."""
        _ = self.env._
        self.ensure_one()
        self._check_officer()
        self._check_state(("received",), _("verified"))
        mobile = self.beneficiary_id.mobile
        if mobile and not self.beneficiary_id._br_number_allowed(self.beneficiary_id.partner_id):
            # P33: the number on file must not be used (e.g. a shared family phone).
            raise UserError(
                _(
                    "The file must not be contacted on its number: check the ID document "
                    "at the counter instead."
                )
            )
        if not self.beneficiary_id or not mobile:
            raise UserError(
                _(
                    "Choose the beneficiary file first; the code goes to the mobile recorded "
                    "on it. Without one, check the ID document at the counter."
                )
            )
        code = "%06d" % secrets.randbelow(1000000)
        # sudo: _check_officer and state above; only the code fields (hash is system-only)
        self.sudo().write(
            {
                "identity_code_hash": self._code_hash(code),
                "identity_code_expiry": fields.Datetime.now() + timedelta(minutes=CODE_MINUTES),
                "identity_code_attempts": 0,
                "identity_method": "code",
            }
        )
        # sudo: _check_officer above; the code goes to the file's own recorded mobile
        self.env["sms.sms"].sudo().create(
            {
                "body": _(
                    "Your verification code: %(code)s. Give it only to the staff member "
                    "you are speaking with.",
                    code=code,
                ),
                "partner_id": self.beneficiary_id.partner_id.id,
                "number": mobile,
                "state": "outgoing",
            }
        )
        self.message_post(
            body=_("A verification code was sent to the mobile recorded on the file."),
            subtype_xmlid="mail.mt_note",
        )
        return True

    @workflow_action
    def action_check_code(self):
        _ = self.env._
        self.ensure_one()
        self._check_officer()
        self._check_state(("received",), _("verified"))
        # sudo: _check_officer and state above; the hash is compared, never returned
        request_sudo = self.sudo()
        code = (self.identity_code or "").strip()
        if not request_sudo.identity_code_hash:
            raise UserError(_("Send a code to the file's mobile first."))
        if (
            request_sudo.identity_code_attempts >= CODE_ATTEMPTS
            or request_sudo.identity_code_expiry < fields.Datetime.now()
        ):
            request_sudo.write({"identity_code_hash": False})
            raise UserError(_("The code has expired: send a new one."))
        if not hmac.compare_digest(request_sudo.identity_code_hash, self._code_hash(code)):
            # Counted, so the refusal is an answer rather than an error rolled back.
            request_sudo.write(
                {
                    "identity_code_attempts": request_sudo.identity_code_attempts + 1,
                    "identity_code": False,
                }
            )
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "danger",
                    "message": _("This is not the code that was sent."),
                },
            }
        request_sudo.write(
            {"identity_code_hash": False, "identity_code_expiry": False, "identity_code": False}
        )
        self._mark_verified()
        return True

    @workflow_action
    def action_export_data(self):
        """For people without a portal account: the same content as the portal export,
        attached to the request as evidence, to be handed or sent to the person."""
        _ = self.env._
        self.ensure_one()
        self._check_officer()
        self._check_state(("verified", "in_progress"), _("exported"))
        if not self.beneficiary_id:
            raise UserError(_("The request has no beneficiary file."))
        # The officer may read this file (record rules): checked before reading in sudo.
        self.beneficiary_id.check_access("read")
        confidential = self._export_confidential_names()
        # sudo: the file is readable (check_access above) and its confidential part
        # (sensitive categories and documents) by this user (_export_confidential_names)
        data = self.beneficiary_id.sudo()._portal_export_data()
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        name = "data-%s-%s.json" % (self.beneficiary_id.ref, self.name)
        attachment = (
            self.env["ir.attachment"]
            # sudo: _check_officer, check_access and the confidential check above; attached to this
            # request
            .sudo()
            .create(
                {
                    "name": name.replace("/", "-"),
                    "datas": base64.b64encode(body.encode()),
                    "mimetype": "application/json",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        evidence = self._add_evidence(
            "exported",
            _("Copy of the data of file %(ref)s exported.", ref=self.beneficiary_id.ref),
            attachment,
        )
        if confidential:
            # sudo: the evidence just written by this action; the flag hides its file from
            # whoever may not read the file's confidential part
            evidence.sudo().holds_confidential = True
            self.beneficiary_id._log_confidential_access(
                {self.beneficiary_id.id: confidential}, "export"
            )
        if self.state == "verified":
            self.write({"state": "in_progress"})
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s?download=true" % attachment.id,
            "target": "download",
        }

    def _export_confidential_names(self):
        """What of the file's confidential data the copy holds (sensitive categories, the
        content of sensitive documents), once checked that the user may read it (P7): the
        copy is made by the researcher assigned to the file or a manager when it holds any.
        """
        beneficiary = self.beneficiary_id
        # sudo: only whether the file has sensitive categories or documents is read, to
        # decide the check just below
        file_sudo = beneficiary.sudo()
        names = tuple(
            name
            for name, sensitive in (
                ("category_ids", file_sudo.category_ids.filtered("is_sensitive")),
                ("document_ids", file_sudo.document_ids.filtered("document_type_id.is_sensitive")),
            )
            if sensitive
        )
        if names and not beneficiary._confidential_readable():
            raise AccessError(
                self.env._(
                    "File %(ref)s holds confidential health data: the social researcher "
                    "assigned to it or a manager exports the copy of its data.",
                    ref=beneficiary.ref,
                )
            )
        return names

    @workflow_action
    def action_destroy(self):
        """Destruction: the existing anonymisation of the file, with this request as its
        reason; the erasure is recorded as evidence."""
        _ = self.env._
        self.ensure_one()
        if not self.env.user.has_group(MANAGER):
            raise AccessError(_("Only a manager can destroy a person's data."))
        if self.kind != "destruction":
            raise UserError(_("Only a destruction request erases the file."))
        self._check_state(("verified", "in_progress"), _("carried out"))
        if not self.beneficiary_id:
            raise UserError(_("The request has no beneficiary file."))
        self.beneficiary_id._br_anonymise(
            _("Destruction requested by the person (%(ref)s)", ref=self.name)
        )
        self._add_evidence("erased", _("File %(ref)s anonymised.", ref=self.beneficiary_id.ref))
        # What the person typed identifies them as well as the file did.
        # sudo: manager check above; the requester's typed identity is erased
        self.sudo().write(
            {
                **dict.fromkeys(("requester_national_id", "requester_mobile", "requester_email")),
                # sudo: manager check above; the anonymised file's label replaces the name
                "requester_name": self.beneficiary_id.sudo().name,
            }
        )
        if self.state == "verified":
            self.write({"state": "in_progress"})
        return True

    def _erase_requester_identity(self):
        """Server code only (the retention job): the requester's typed identity goes;
        the kind, dates and answer stay as the account of the association's duty."""
        if not self:
            return
        # sudo: retention job only (private method); the identity fields are erased
        records = self.sudo().with_context(tracking_disable=True)
        label = self.env._("Erased at the end of the retention period")
        records.env["mail.message"].search(
            [("model", "=", self._name), ("res_id", "in", records.ids)]
        ).unlink()
        records.write(
            {
                **dict.fromkeys(("requester_national_id", "requester_mobile", "requester_email")),
                "requester_name": label,
                "details": False,
                "identity_note": False,
                "identity_erased": True,
            }
        )
