from odoo import api, models
from odoo.exceptions import AccessError

from ..tools.server_context import server_context
from .beneficiary_sensitive_access_log import CHANNEL_KEY

MANAGER = "beneficiary_relations.group_beneficiary_manager"
REPORT_FIELDS = ("research_report",)


class BeneficiarySupportRequest(models.Model):
    """The social research report of a request is confidential (P7, PDPL).

    It describes the household, health and circumstances of the applicant. It is
    readable by:

    * the request's social researcher (who writes it) and managers;
    * the members of a committee while the request is on the agenda of one of that
      committee's meetings and still awaits its decision (state "committee"): the
      committee decides on the research (P10), so its members must read it; once the
      request is decided, they no longer do.

    Every staff read of it is logged in the confidential access log (the file of the
    request's beneficiary). Anyone else (officers, other researchers, partnerships,
    committee members of other committees or once decided) gets it empty in reads, cannot
    export, group or search on it, and cannot overwrite it.
    """

    _inherit = "beneficiary.support.request"

    def _report_readable(self):
        """The requests of ``self`` whose research report the current user may read."""
        if self.env.su or self.env.user.has_group(MANAGER):
            return self
        user = self.env.user
        return (
            # sudo: filters self (already readable) to the researcher's or deciding committee's
            # requests
            self.sudo()
            .filtered(
                lambda r: (
                    r.researcher_id == user
                    or (
                        r.state == "committee"
                        and user in r.committee_decision_ids.meeting_id.committee_id.member_ids
                    )
                )
            )
            .with_env(self.env)
        )

    def _check_report_access(self):
        if self - self._report_readable():
            raise AccessError(
                self.env._(
                    "Only the request's social researcher, managers and the committee "
                    "deciding on it can read its social research report."
                )
            )

    def _log_report_access(self, channel="request"):
        names = {
            request.beneficiary_id.id: REPORT_FIELDS
            # sudo: only whether these readable reports are filled, for the log
            for request in self.sudo()
            if request.research_report
        }
        self.env["beneficiary.beneficiary"]._log_confidential_access(names, channel)

    # ------------------------------------------------------------------ reads
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if "research_report" in fnames and result:
            requests = self.browse(row["id"] for row in result if isinstance(row["id"], int))
            readable = requests._report_readable()
            for row in result:
                if isinstance(row["id"], int) and row["id"] not in readable.ids:
                    row["research_report"] = False
            readable._log_report_access()
        return result

    def export_data(self, fields_to_export):
        if any(path.split("/")[0] in REPORT_FIELDS for path in fields_to_export):
            self._check_report_access()
            result = super().export_data(fields_to_export)
            with server_context(**{CHANNEL_KEY: "export"}):
                self._log_report_access()
            return result
        return super().export_data(fields_to_export)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """A condition on the report only finds the reports the user may read."""
        if (
            domain
            and not (self.env.su or self.env.user.has_group(MANAGER))
            and any(
                isinstance(leaf, list | tuple) and leaf and str(leaf[0]) in REPORT_FIELDS
                for leaf in domain
            )
        ):
            uid = self.env.uid
            domain = [
                "&",
                "|",
                ("researcher_id", "=", uid),
                "&",
                ("state", "=", "committee"),
                ("committee_decision_ids.meeting_id.committee_id.member_ids", "in", uid),
                *domain,
            ]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        """Groups and aggregates of the report: refused unless every report is readable."""
        specs = {spec.split(":")[0].split(".")[0] for spec in (*groupby, *aggregates)}
        if specs & set(REPORT_FIELDS):
            requests = self.search(domain)
            requests._check_report_access()
            with server_context(**{CHANNEL_KEY: "report"}):
                requests._log_report_access()
        return super()._read_group(
            domain, groupby, aggregates, having=having, offset=offset, limit=limit, order=order
        )

    def write(self, vals):
        if any(name in vals for name in REPORT_FIELDS):
            self._check_report_access()
        return super().write(vals)


class BeneficiaryCommitteeDecision(models.Model):
    """The decision shows its request's research report under the request's rule."""

    _inherit = "beneficiary.committee.decision"

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if "research_report" in fnames and result:
            decisions = self.browse(row["id"] for row in result if isinstance(row["id"], int))
            # sudo: the decisions are readable; their requests go through _report_readable
            requests = decisions.sudo().request_id.with_env(self.env)
            readable = requests._report_readable()
            # sudo: the decisions are readable; only their request ids
            request_of = {d.id: d.request_id.id for d in decisions.sudo()}
            for row in result:
                if request_of.get(row["id"]) not in readable.ids:
                    row["research_report"] = False
            readable._log_report_access()
        return result

    def export_data(self, fields_to_export):
        if any(path.split("/")[0] in REPORT_FIELDS for path in fields_to_export):
            # sudo: the decisions are readable; _check_report_access on their requests next
            requests = self.sudo().request_id.with_env(self.env)
            requests._check_report_access()
            result = super().export_data(fields_to_export)
            with server_context(**{CHANNEL_KEY: "export"}):
                requests._log_report_access()
            return result
        return super().export_data(fields_to_export)
