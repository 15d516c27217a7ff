from odoo import fields, models

from ..tools.server_context import server_context, server_value
from .beneficiary_sensitive_access_log import CHANNEL_KEY, SKIP_KEY, is_logged_env

MANAGER = "beneficiary_relations.group_beneficiary_manager"
# The confidential fields a read asked for (set by _read_format, read by the compute).
READ_FIELDS_KEY = "sensitive_read_fields"


class BeneficiaryBeneficiary(models.Model):
    """Access log of the confidential fields mirrored on the beneficiary (P7, PDPL).

    The mirrored fields (``health_condition`` …) are computed, not stored: the ORM
    computes them for all the records of a ``read`` at once, the first time one of them
    is accessed (``read`` → ``_read_format`` → ``record[field]`` → ``_compute_sensitive``
    on the whole prefetch set), and keeps them in the transaction's cache. So one
    ``web_read`` of the form (one RPC, one transaction) computes them once and logs once,
    and a read of other fields only (lists, name, ID number) never computes them and
    logs nothing; ``sensitive_file_readable`` has its own compute for that reason.
    """

    _inherit = "beneficiary.beneficiary"

    sensitive_access_count = fields.Integer(
        compute="_compute_sensitive_access_count", groups=MANAGER, string="Access Log"
    )

    def _compute_sensitive_access_count(self):
        groups = self.env["beneficiary.sensitive.access.log"]._read_group(
            [("beneficiary_id", "in", self._origin.ids)], ["beneficiary_id"], ["__count"]
        )
        counts = {beneficiary.id: count for beneficiary, count in groups}
        for beneficiary in self:
            beneficiary.sensitive_access_count = counts.get(beneficiary._origin.id, 0)

    # ------------------------------------------------------------------ reads
    def _read_format(self, fnames, load="_classic_read"):
        """Tell the compute which confidential fields this read asked for."""
        names = tuple(
            name
            for name in self.env["beneficiary.sensitive.file"].MIRRORED_FIELDS
            if name in fnames
        )
        with server_context(**{READ_FIELDS_KEY: names}):
            return super()._read_format(fnames, load=load)

    # Reading the form writes its access log: ask for a read/write cursor rather than
    # let Odoo try a read-only one (a replica) and retry the request.
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields=fields, load=load)

    read._readonly = False

    def web_read(self, specification):
        return super().web_read(specification)

    web_read._readonly = False

    def onchange(self, values, field_names, fields_spec):
        """Onchanges while editing log nothing: the form already logged its read.

        Except on the first call (``field_names`` empty), an onchange returns only values
        that changed, and the mirrored fields depend on nothing, so their stored values
        never leave the server here even though the ORM computes them.
        """
        with server_context(**{SKIP_KEY: bool(field_names)}):
            return super().onchange(values, field_names, fields_spec)

    def export_data(self, fields_to_export):
        """Exports are logged as such, with the confidential fields exported."""
        names = tuple(
            name
            for name in self.env["beneficiary.sensitive.file"].MIRRORED_FIELDS
            if any(path.split("/")[0] == name for path in fields_to_export)
        )
        with server_context(**{CHANNEL_KEY: "export", READ_FIELDS_KEY: names}):
            return super().export_data(fields_to_export)

    def _log_sensitive_view(self, files):
        """Log that the current user viewed the confidential data of ``self``.

        Called by ``_compute_sensitive`` with the files the user may read, by
        beneficiary id: one "viewed" entry per beneficiary whose file exists and is
        readable; none for a beneficiary without a file or whose file the rules hide
        (the user saw empty fields), none for new records (onchanges of a form being
        filled in), none for the superuser, ``sudo()`` and scheduled jobs. The fields
        named are those the read asked for, or all mirrored fields when the compute was
        reached some other way (server code reading ``record.health_condition``).
        """
        if not files or not is_logged_env(self.env):
            return
        names = server_value(READ_FIELDS_KEY) or (
            self.env["beneficiary.sensitive.file"].MIRRORED_FIELDS
        )
        viewed = {
            beneficiary.id: names
            for beneficiary in self
            if isinstance(beneficiary.id, int) and beneficiary.id in files
        }
        # sudo: the log is written for the current user's own read, never read back
        self.env["beneficiary.sensitive.access.log"].sudo()._record_entries(
            "viewed", viewed, channel=server_value(CHANNEL_KEY) or "beneficiary"
        )

    # ---------------------------------------------------------------- actions
    def action_view_sensitive_access_log(self):
        """The access log of this beneficiary's confidential data (managers)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_sensitive_access_log_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["name"] = self.env._("Access Log of %(file)s", file=self.ref)
        return action
