import psycopg2

from odoo import api, fields, models

from ..tools.server_context import server_value

# How the confidential data was reached; set by the hooks with ``server_context``, never
# through the client's context (threat model, principle 6).
CHANNEL_KEY = "sensitive_access_channel"
# Server flag that silences the hooks (reads done by the hooks themselves, onchanges).
SKIP_KEY = "sensitive_access_log_skip"


class BeneficiarySensitiveAccessLog(models.Model):
    """Who looked at or changed confidential (health) data, and when (P7, PDPL).

    The Saudi Personal Data Protection Law asks that access to sensitive data be
    restricted to the staff who need it *and logged*. Entries are written only by
    :meth:`_record_entries`, called with ``sudo()`` by the hooks of
    ``beneficiary.beneficiary`` (its mirrored confidential fields) and of
    ``beneficiary.sensitive.file``; one batched ``create`` per call. No group has write,
    create or unlink access: managers read the log, nobody changes it.

    Entries name the fields concerned by their technical names (stable across
    languages and renames of labels); ``field_labels`` shows them translated. The file
    number and name are copied into the entry so that it stays readable after the
    beneficiary's file is deleted.
    """

    _name = "beneficiary.sensitive.access.log"
    _description = "Confidential Data Access Log"
    _order = "date desc, id desc"
    _rec_name = "beneficiary_name"

    date = fields.Datetime(required=True, readonly=True, index=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="restrict"
    )
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", readonly=True, index=True, ondelete="set null"
    )
    beneficiary_ref = fields.Char(string="File Number", readonly=True)
    beneficiary_name = fields.Char(string="Name", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="restrict"
    )
    kind = fields.Selection(
        [("viewed", "Viewed"), ("changed", "Changed"), ("created", "Created")],
        string="Access",
        required=True,
        readonly=True,
        index=True,
    )
    field_names = fields.Char(
        string="Technical Field Names",
        readonly=True,
        help="Technical names of the confidential fields concerned, comma-separated.",
    )
    field_labels = fields.Char(string="Fields", compute="_compute_field_labels")
    channel = fields.Selection(
        [
            ("beneficiary", "Beneficiary Form"),
            ("file", "Confidential File"),
            ("export", "Export"),
            ("document", "Document"),
            ("request", "Support Request"),
            ("report", "Grouped Report"),
        ],
        string="Through",
        required=True,
        readonly=True,
    )

    @api.depends("field_names")
    @api.depends_context("lang")
    def _compute_field_labels(self):
        # Where the logged names come from: the confidential file, the documents' content,
        # the research report and the categories (P7).
        models = [
            self.env[model]._fields
            for model in (
                "beneficiary.sensitive.file",
                "beneficiary.document",
                "beneficiary.support.request",
                "beneficiary.beneficiary",
            )
        ]

        def label(name):
            for model_fields in models:
                if name in model_fields:
                    return model_fields[name]._description_string(self.env)
            return None

        for entry in self:
            names = (entry.field_names or "").split(",")
            entry.field_labels = ", ".join(filter(None, (label(name) for name in names)))

    @api.model
    def _record_entries(self, kind, fields_by_beneficiary, channel=None):
        """Write one entry per beneficiary, in one ``create``; hooks call it with ``sudo()``.

        The entry is the current user's (``sudo()`` keeps the user).

        :param kind: ``viewed``, ``changed`` or ``created``
        :param fields_by_beneficiary: ``{beneficiary id: technical names of the
            confidential fields concerned}``; beneficiaries without fields are skipped
        :param channel: how; by default the one in the context, else the confidential
            file itself
        """
        fields_by_beneficiary = {
            beneficiary_id: names
            for beneficiary_id, names in fields_by_beneficiary.items()
            if names
        }
        if not fields_by_beneficiary:
            return self.browse()
        if self.env.cr.readonly:
            # A read served on a read-only cursor (a replica): ask Odoo to serve it again
            # on a read/write one, as the database would, without a failed query.
            raise psycopg2.errors.ReadOnlySqlTransaction(
                "the confidential access log is written on every read"
            )
        channel = channel or server_value(CHANNEL_KEY) or "file"
        now = fields.Datetime.now()
        # sudo: only the reference, name and company of the files just read, for the entry
        beneficiaries = self.env["beneficiary.beneficiary"].sudo().browse(fields_by_beneficiary)
        # sudo: the log is written by the server for the current user; nobody writes it by hand
        return self.sudo().create(
            [
                {
                    "date": now,
                    "user_id": self.env.uid,
                    "beneficiary_id": beneficiary.id,
                    "beneficiary_ref": beneficiary.ref,
                    "beneficiary_name": beneficiary.name,
                    "company_id": beneficiary.company_id.id,
                    "kind": kind,
                    "field_names": ",".join(fields_by_beneficiary[beneficiary.id]),
                    "channel": channel,
                }
                for beneficiary in beneficiaries
            ]
        )


def is_logged_env(env):
    """Whether accesses made in ``env`` are a person's, to be logged.

    The superuser (and ``sudo()``), scheduled jobs and the hooks' own reads are not:
    they are the system working, not someone looking at the data.
    """
    # Scheduled jobs run as the superuser. Nothing here reads the client's context: a
    # key sent over RPC cannot switch the log off.
    return not (env.su or server_value(SKIP_KEY))
