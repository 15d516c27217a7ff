"""Confidential data (P7): kept in beneficiary.sensitive.file, mirrored on the file for the
assigned researcher and managers, every view logged."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.server_context import server_context
from .beneficiary_beneficiary import MANAGER, RESEARCHER
from .beneficiary_sensitive_access_log import CHANNEL_KEY as SENSITIVE_CHANNEL_KEY


class BeneficiaryBeneficiary(models.Model):
    _inherit = "beneficiary.beneficiary"

    # Confidential data (P7): stored in beneficiary.sensitive.file, shown here to
    # researchers assigned to the file and to managers.
    sensitive_file_readable = fields.Boolean(
        compute="_compute_sensitive_file_readable",
        groups=RESEARCHER,
        string="Confidential File Readable",
    )
    health_condition = fields.Text(
        compute="_compute_sensitive", inverse="_inverse_sensitive", groups=RESEARCHER
    )
    disability_type = fields.Selection(
        selection=lambda self: (
            self.env["beneficiary.sensitive.file"]
            ._fields["disability_type"]
            ._description_selection(self.env)
        ),
        compute="_compute_sensitive",
        inverse="_inverse_sensitive",
        groups=RESEARCHER,
    )
    disability_details = fields.Text(
        compute="_compute_sensitive", inverse="_inverse_sensitive", groups=RESEARCHER
    )
    treatment_details = fields.Text(
        compute="_compute_sensitive", inverse="_inverse_sensitive", groups=RESEARCHER
    )
    research_notes = fields.Html(
        string="Social Research Notes",
        compute="_compute_sensitive",
        inverse="_inverse_sensitive",
        groups=RESEARCHER,
    )

    @api.depends_context("uid")
    def _compute_sensitive_file_readable(self):
        sensitive = self.env["beneficiary.sensitive.file"]
        files = sensitive._for_beneficiaries(self)
        with_file = set(
            # sudo: only which of these files have a confidential file, not its content
            sensitive.sudo().search([("beneficiary_id", "in", self._origin.ids)]).beneficiary_id.ids
        )
        is_manager = self.env.user.has_group(MANAGER)
        for beneficiary in self:
            # Readable (and editable): an accessible file, or no file yet and the user is
            # the assigned researcher or a manager.
            beneficiary.sensitive_file_readable = beneficiary._origin.id in files or (
                beneficiary._origin.id not in with_file
                and (is_manager or beneficiary.researcher_id == self.env.user)
            )

    @api.depends_context("uid")
    def _compute_sensitive(self):
        sensitive = self.env["beneficiary.sensitive.file"]
        files = sensitive._for_beneficiaries(self)
        names = sensitive.MIRRORED_FIELDS
        for beneficiary in self:
            file = files.get(beneficiary._origin.id)
            for name in names:
                beneficiary[name] = file[name] if file else False
        # PDPL: log who looked at the confidential data (see _log_sensitive_view).
        self._log_sensitive_view(files)

    def _inverse_sensitive(self):
        with server_context(**{SENSITIVE_CHANNEL_KEY: "beneficiary"}):
            self._write_sensitive_files()

    def _write_sensitive_files(self):
        sensitive = self.env["beneficiary.sensitive.file"]
        files = sensitive._for_beneficiaries(self)
        hidden = self.filtered(lambda b: b.id not in files)
        # sudo: only whether a hidden confidential file exists, to refuse the write
        if hidden and sensitive.sudo().search_count([("beneficiary_id", "in", hidden.ids)]):
            # The file exists but the rules hide it: say so, rather than fail on the
            # "one confidential file per beneficiary" constraint by creating another.
            raise AccessError(
                self.env._(
                    "Only the social researcher assigned to the file and managers can "
                    "change its confidential data."
                )
            )
        # Only the fields in cache: those written (and those read before, unchanged). The
        # ORM does not compute the other fields of this inverse during the write: it
        # reads them as empty, and writing them would erase the file's data.
        cache = self.env.cache
        for beneficiary in self:
            vals = {
                name: beneficiary[name]
                for name in sensitive.MIRRORED_FIELDS
                if cache.contains(beneficiary, self._fields[name])
            }
            file = files.get(beneficiary.id)
            if file:
                # Only what changed, so that the access log names the fields changed.
                vals = {name: value for name, value in vals.items() if value != file[name]}
                if vals:
                    file.write(vals)
            elif any(vals.values()):
                sensitive.create(dict(vals, beneficiary_id=beneficiary.id))
