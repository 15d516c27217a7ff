from odoo import api, fields, models

from ..tools.server_context import server_context
from .beneficiary_sensitive_access_log import CHANNEL_KEY, is_logged_env


class BeneficiarySensitiveFile(models.Model):
    """Confidential part of a beneficiary's file (P7, PDPL health data).

    Kept apart from the beneficiary so that record rules can restrict it: a social
    researcher reaches only the files assigned to them, a manager all of them, and no
    other role any of them.
    """

    _name = "beneficiary.sensitive.file"
    _description = "Confidential Beneficiary File"
    _rec_name = "beneficiary_id"

    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    researcher_id = fields.Many2one(related="beneficiary_id.researcher_id", store=True, index=True)
    health_condition = fields.Text()
    disability_type = fields.Selection(
        [
            ("physical", "Physical / Mobility"),
            ("visual", "Visual"),
            ("hearing", "Hearing"),
            ("intellectual", "Intellectual"),
            ("autism", "Autism Spectrum"),
            ("multiple", "Multiple"),
            ("other", "Other"),
        ]
    )
    disability_details = fields.Text()
    treatment_details = fields.Text(
        help="Treatment or rehabilitation programme (e.g. addiction recovery)."
    )
    research_notes = fields.Html(string="Social Research Notes")

    _sql_constraints = [
        (
            "beneficiary_unique",
            "UNIQUE(beneficiary_id)",
            "A beneficiary has one confidential file.",
        ),
    ]

    # Fields mirrored on the beneficiary form (see beneficiary.beneficiary).
    MIRRORED_FIELDS = (
        "health_condition",
        "disability_type",
        "disability_details",
        "treatment_details",
        "research_notes",
    )

    @api.model
    def _for_beneficiaries(self, beneficiaries):
        """The files of ``beneficiaries`` the current user may read, by beneficiary."""
        files = self.search([("beneficiary_id", "in", beneficiaries.ids)])
        return {file.beneficiary_id.id: file for file in files}

    # ------------------------------------------------------- access log (PDPL)
    def _confidential_names(self, names):
        """The confidential fields among ``names``, in a stable order."""
        return tuple(name for name in self.MIRRORED_FIELDS if name in names)

    def _log_sensitive_access(self, kind, names_by_file):
        """One batched log entry per file: ``{file: confidential field names}``."""
        if not is_logged_env(self.env):
            return
        # sudo: the log is written for the current user's own read, never read back
        self.env["beneficiary.sensitive.access.log"].sudo()._record_entries(
            kind, {file.beneficiary_id.id: names for file, names in names_by_file.items()}
        )

    @api.model_create_multi
    def create(self, vals_list):
        files = super().create(vals_list)
        self._log_sensitive_access(
            "created",
            {
                file: self._confidential_names([name for name, value in vals.items() if value])
                for file, vals in zip(files, vals_list, strict=True)
            },
        )
        return files

    def write(self, vals):
        result = super().write(vals)
        names = self._confidential_names(vals)
        if names:
            self._log_sensitive_access("changed", dict.fromkeys(self, names))
        return result

    def _read_format(self, fnames, load="_classic_read"):
        """Direct reads (``read``, ``search_read``, ``web_read``, the list and form views)
        log "viewed" with the confidential fields actually read, for the files returned.

        The list view shows ``disability_type`` only, so opening it logs
        ``disability_type`` for every file listed; the form logs all five fields. Reads
        of other fields only (beneficiary, researcher: the name of a file in a
        many2one) log nothing. Grouping the list by disability type returns counts, not
        files, and is not logged.
        """
        result = super()._read_format(fnames, load=load)
        names = self._confidential_names(fnames)
        if names and result:
            returned = self.browse(vals["id"] for vals in result if isinstance(vals["id"], int))
            self._log_sensitive_access("viewed", dict.fromkeys(returned, names))
        return result

    def export_data(self, fields_to_export):
        """Exports log "viewed" through "export" with the confidential fields exported."""
        result = super().export_data(fields_to_export)
        names = self._confidential_names({path.split("/")[0] for path in fields_to_export})
        if names:
            with server_context(**{CHANNEL_KEY: "export"}):
                self._log_sensitive_access("viewed", dict.fromkeys(self, names))
        return result

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        """Groups and aggregates of confidential fields (``read_group``, pivots,
        ``array_agg``) log "viewed" through "report" for every file counted: a group of
        one file tells its value. The record rules already keep the files one may not
        read out of the groups; the access rights keep out the other roles."""
        specs = {spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)}
        names = self._confidential_names(specs)
        if names and is_logged_env(self.env):
            files = self.search(domain or [])
            with server_context(**{CHANNEL_KEY: "report"}):
                self._log_sensitive_access("viewed", dict.fromkeys(files, names))
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )

    # Every read of this model writes its access log: ask for a read/write cursor rather
    # than let Odoo try a read-only one (a replica) and retry the request.
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields=fields, load=load)

    read._readonly = False

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        return super().search_read(
            domain=domain, fields=fields, offset=offset, limit=limit, order=order, **kwargs
        )

    search_read._readonly = False

    def web_read(self, specification):
        return super().web_read(specification)

    web_read._readonly = False

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    web_search_read._readonly = False

    def action_view_access_log(self):
        """The access log of this file (managers)."""
        return self.beneficiary_id.action_view_sensitive_access_log()
