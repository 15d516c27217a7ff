import hashlib
import hmac
from datetime import timedelta

from odoo import api, fields, models

LIMIT_PARAMS = {
    "apply": ("beneficiary_relations.apply_limit_per_hour", 5),
    "suggestion": ("beneficiary_relations.suggestion_limit_per_hour", 10),
}
# Entries older than this are of no use to the limit and are deleted by the daily job.
KEEP_HOURS = 48


class BeneficiaryPublicSubmission(models.Model):
    """What the public forms received from one connection, to limit floods (spam, scripts).

    The public pages (online application, suggestions) need no login: without a limit, a
    script could fill the registry with files, portal accounts and requests, or try ID
    numbers one after another. Each attempt (P10: accepted, refused or with a typing
    mistake alike) is counted against a key derived from the sender's IP address; the address
    itself is never stored (PDPL: the key is a keyed hash that cannot be turned back into
    an address without the database secret), and entries are deleted after two days.
    """

    _name = "beneficiary.public.submission"
    _description = "Public Form Submission"
    _order = "date desc, id desc"
    _log_access = False

    form = fields.Selection(
        [("apply", "Online Application"), ("suggestion", "Suggestion or Complaint")],
        required=True,
        readonly=True,
    )
    client_key = fields.Char(required=True, readonly=True, index=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)

    @api.model
    def _client_key(self, address):
        # sudo: the secret only keys the address's hash; it never leaves the server
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        return hmac.new(secret.encode(), (address or "").encode(), hashlib.sha256).hexdigest()

    @api.model
    def _limit(self, form):
        param, default = LIMIT_PARAMS[form]
        # sudo: only the form's hourly limit setting
        value = self.env["ir.config_parameter"].sudo().get_param(param)
        try:
            return int(value) if value not in (None, False, "") else default
        except ValueError:
            return default

    @api.model
    def _allowed(self, form, address):
        """Whether the connection ``address`` may still send ``form`` this hour (0: no limit)."""
        limit = self._limit(form)
        if limit <= 0:
            return True
        since = fields.Datetime.now() - timedelta(hours=1)
        # sudo: only a count of this address's attempts, for the limit
        sent = self.sudo().search_count(
            [
                ("form", "=", form),
                ("client_key", "=", self._client_key(address)),
                ("date", ">=", since),
            ]
        )
        return sent < limit

    @api.model
    def _record(self, form, address):
        # sudo: one attempt of this address, for the limit; no one else reads it
        self.sudo().create({"form": form, "client_key": self._client_key(address)})

    @api.model
    def _limit_message(self, form):
        if form == "apply":
            return self.env._(
                "Too many applications were sent from your connection in the last hour. "
                "Please try again later, or call or visit the association."
            )
        return self.env._(
            "Too many messages were sent from your connection in the last hour. "
            "Please try again later."
        )

    @api.model
    def _cron_purge(self):
        """Delete the entries older than two days, in one statement."""
        self.flush_model()
        self.env.cr.execute(
            "DELETE FROM beneficiary_public_submission WHERE date < %s",
            (fields.Datetime.now() - timedelta(hours=KEEP_HOURS),),
        )
        self.env["ir.cron"]._notify_progress(done=self.env.cr.rowcount, remaining=0)
        self.invalidate_model()
