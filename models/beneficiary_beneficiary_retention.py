import logging
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.batch import Queue, run_batch
from ..tools.server_context import server_context, server_value
from .beneficiary_beneficiary import MANAGER, NAME_PARTS
from .beneficiary_workflow_fields import workflow_action

_logger = logging.getLogger(__name__)

# Contact data erased from the file's partner (the city and the region stay for statistics).
PARTNER_FIELDS = ("email", "phone", "mobile", "street", "street2", "zip", "vat", "website")
FILE_FIELDS = ("building_number", "district", "additional_number", "unit_number", "short_address")


class BeneficiaryBeneficiary(models.Model):
    """Anonymising a closed file when its retention period ends (PDPL).

    What goes: the name, the ID number, the contact data and the national address, the
    confidential file, the documents and their attachments, the signatures, the family
    members' identities and the chatter (its messages and tracking values quote the name,
    the ID number and the mobile). What stays for the statistics: categories, gender, birth
    year (the date becomes the 1st of January of that year), city, region, nationality,
    household size and income, requests with their states, decisions, dates and
    satisfaction scores. The access log of the confidential file keeps its entries (who
    read what, when): the log is the proof of the controls and its name snapshot is
    replaced by the neutral label.
    """

    _inherit = "beneficiary.beneficiary"

    closed_on = fields.Date(readonly=True, copy=False, index=True, tracking=True)
    anonymised_on = fields.Datetime(readonly=True, copy=False, index=True)
    anonymised_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @workflow_action
    def _apply_transition(self, transition, reason):
        res = super()._apply_transition(transition, reason)
        if transition == "close":
            self.write({"closed_on": fields.Date.context_today(self)})
        return res

    def write(self, vals):
        if not server_value("anonymising") and any(b.anonymised_on for b in self):
            raise UserError(self.env._("An anonymised file can no longer be changed or reopened."))
        return super().write(vals)

    @workflow_action
    def action_reopen(self):
        if any(b.anonymised_on for b in self):
            raise UserError(self.env._("An anonymised file can no longer be changed or reopened."))
        return super().action_reopen()

    @workflow_action
    def action_anonymise(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only a manager can anonymise a file."))
        self._check_anonymisable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Anonymise the File"),
            "res_model": "beneficiary.beneficiary.anonymise",
            "view_mode": "form",
            "target": "new",
            "context": {"default_beneficiary_ids": self.ids},
        }

    def _check_anonymisable(self):
        if any(b.state != "closed" for b in self):
            raise UserError(self.env._("Only a closed file can be anonymised."))
        if any(b.anonymised_on for b in self):
            raise UserError(self.env._("This file is already anonymised."))

    def _br_anonymise(self, reason):
        """Erase the personal data of closed files, keep what the statistics need."""
        with server_context(anonymising=True):
            return self._br_anonymise_files(reason)

    def _br_anonymise_files(self, reason):
        if not (self.env.su or self.env.user.has_group(MANAGER)):
            raise AccessError(self.env._("Only a manager can anonymise a file."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason."))
        self._check_anonymisable()
        if not self:
            return
        user = self.env.user
        # sudo: manager check and _check_anonymisable above; the files of self only
        files = self.sudo().with_context(tracking_disable=True)
        env = files.env
        ids = files.ids
        labels = {b.id: self.env._("Anonymised file %(ref)s", ref=b.ref) for b in files}
        # Confidential file, documents (their binaries are attachments removed with them),
        # every attachment and message of the file, its activities.
        env["beneficiary.sensitive.file"].search([("beneficiary_id", "in", ids)]).unlink()
        env["beneficiary.document"].search([("beneficiary_id", "in", ids)]).unlink()
        env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "in", ids)]
        ).unlink()
        # Changes not tracked yet (e.g. closed then anonymised in one transaction) would
        # post their old values after the erasure.
        files._track_discard()
        files.partner_id._track_discard()
        env["mail.message"].search(
            [
                "|",
                "&",
                ("model", "=", self._name),
                ("res_id", "in", ids),
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "in", files.partner_id.ids),
            ]
        ).unlink()
        env["mail.activity"].search(
            [("res_model", "=", self._name), ("res_id", "in", ids)]
        ).unlink()
        env["mail.followers"].search(
            [("res_model", "=", self._name), ("res_id", "in", ids)]
        ).unlink()
        # One write per file for its declarations and its log entries (same label).
        declarations = env["beneficiary.declaration"].search([("beneficiary_id", "in", ids)])
        for beneficiary_id, records in declarations.grouped("beneficiary_id").items():
            records.write(
                {
                    "signer_name": labels[beneficiary_id.id],
                    "signature": False,
                    "ip_address": False,
                    "user_agent": False,
                }
            )
        members = env["beneficiary.family.member"].search([("beneficiary_id", "in", ids)])
        for member in members:
            member.write(
                {
                    "name": labels[member.beneficiary_id.id],
                    "national_id": False,
                    "birth_date": member.birth_date and date(member.birth_date.year, 1, 1),
                }
            )
        log = env["beneficiary.sensitive.access.log"].search([("beneficiary_id", "in", ids)])
        for beneficiary_id, entries in log.grouped("beneficiary_id").items():
            entries.write({"beneficiary_name": labels[beneficiary_id.id]})
        partners = files.partner_id
        partners.user_ids.write({"active": False})
        now = fields.Datetime.now()
        common = dict.fromkeys((*NAME_PARTS, *FILE_FIELDS, "national_id"), False)
        common.update(
            id_exception=False,
            id_exception_reason=False,
            status_reason=reason,
            anonymised_on=now,
            anonymised_by_id=user.id,
        )
        for beneficiary in files:
            vals = dict(common, name=labels[beneficiary.id])
            if beneficiary.birth_date:
                vals["birth_date"] = date(beneficiary.birth_date.year, 1, 1)
            beneficiary.write(vals)
        partner_vals = dict.fromkeys(PARTNER_FIELDS, False)
        partner_vals["active"] = False
        for beneficiary in files.filtered("partner_id"):
            beneficiary.partner_id.write(dict(partner_vals, name=labels[beneficiary.id]))
        bodies = {
            b.id: self.env._(
                "Anonymised on %(date)s by %(user)s: %(reason)s",
                date=fields.Date.to_string(fields.Date.context_today(self)),
                user=user.name,
                reason=reason,
            )
            for b in files
        }
        files.with_context(tracking_disable=False)._message_log_batch(bodies=bodies)
        _logger.info("Anonymised %s beneficiary files", len(files))

    # ------------------------------------------------------------------- cron
    def _retention_due_domain(self, company):
        rule = self.env["beneficiary.retention.rule"]._get_rule(company, "closed_file")
        limit = rule._limit_date() if rule else date.min
        return [
            ("company_id", "=", company.id),
            ("state", "=", "closed"),
            ("anonymised_on", "=", False),
            ("closed_on", "!=", False),
            ("closed_on", "<", limit),
        ]

    @api.model
    def _cron_anonymise_closed_files(self, batch_size=200):
        """Anonymise, one batch per call, the files of ``_anonymise_queues``."""
        __, remaining = run_batch(self.env, self._anonymise_queues(), batch_size)
        return remaining

    @api.model
    def _anonymise_queues(self):
        """The closed files past their retention period, association by association."""
        companies = (
            self.env["beneficiary.retention.rule"]
            # sudo: scheduled job (private method); reads which companies apply the rule
            .sudo()
            .search([("kind", "=", "closed_file"), ("enabled", "=", True)])
            .company_id
        )
        # sudo: scheduled job (private method); closed files past the rule's period only
        Beneficiary = self.sudo().with_context(active_test=False)
        reason = self.env._("Retention period ended")
        return [
            Queue(
                Beneficiary,
                Beneficiary._retention_due_domain(company),
                "closed_on, id",
                lambda due, company=company: due.with_company(company)._br_anonymise(reason),
            )
            for company in companies
        ]
