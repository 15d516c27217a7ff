import base64
import io
import zipfile
from datetime import datetime, time

from odoo import models

from ..models.beneficiary_satisfaction_report import MIN_GROUP_SIZE

POLICY_REPORT = "beneficiary_relations.action_report_policy"
SUMMARY_REPORT = "beneficiary_relations.action_report_evidence_pack"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BeneficiaryEvidencePack(models.TransientModel):
    """The governance evidence pack of a period (issue 17, P26, P27, P36): a zip of PDFs
    and xlsx files an association hands to its governance assessment — the policy
    version(s) in force and their approval, the staff's acknowledgements, decision
    timeliness, appeals, satisfaction, suggestions and complaints with their answers,
    personal-data breaches with their clocks. Managers only; the current association
    only. The acknowledgements are added by beneficiary_evidence_pack_acknowledgement.py,
    the data-subject requests of the period by beneficiary_evidence_pack_data_subject.py."""

    _name = "beneficiary.evidence.pack"
    _inherit = ["beneficiary.report.period"]
    _description = "Governance Evidence Pack"

    # ------------------------------------------------------------------ data
    def _bounds(self):
        start, end = self._period()
        return start, end, datetime.combine(start, time.min), datetime.combine(end, time.max)

    def _yes_no(self, value):
        return self.env._("Yes") if value else self.env._("No")

    @staticmethod
    def _labels(records, field_name):
        return dict(records._fields[field_name]._description_selection(records.env))

    def _policies(self):
        """The versions in force during the period, newest first."""
        start, end = self._period()
        return self.env["beneficiary.policy"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("approved", "superseded")),
                ("approval_date", "<=", end),
                "|",
                ("superseded_date", "=", False),
                ("superseded_date", ">=", start),
            ],
            order="approval_date desc, id desc",
        )

    def _evidence(self):
        """Everything the pack holds, as sheets ``[(title, header, rows)]`` by file, and
        the summary figures of the PDF."""
        _ = self.env._
        start, end, first, last = self._bounds()
        company = [("company_id", "=", self.company_id.id)]
        policies = self._policies()

        Request = self.env["beneficiary.support.request"]
        decided = Request.search(
            [*company, ("decision_date", ">=", first), ("decision_date", "<=", last)],
            order="decision_date",
        )
        decisions = self._labels(Request, "decision")
        in_time = len(decided.filtered("decided_in_time"))

        appeals = self.env["beneficiary.appeal"].search(
            [
                *company,
                "|",
                "&",
                ("filed_date", ">=", first),
                ("filed_date", "<=", last),
                "&",
                ("decision_date", ">=", first),
                ("decision_date", "<=", last),
            ],
            order="filed_date",
        )
        appeal_states = self._labels(appeals, "state")
        appeals_decided = appeals.filtered(lambda a: a.state in ("upheld", "overturned"))

        headline = self.env["beneficiary.headline.report"].new(
            {
                "company_id": self.company_id.id,
                "calendar": "gregorian",
                "date_from": start,
                "date_to": end,
            }
        )
        figures = headline._headline_figures()
        by_service = Request._read_group(
            [
                *company,
                ("satisfaction_state", "=", "answered"),
                ("satisfaction_answer_date", ">=", first),
                ("satisfaction_answer_date", "<=", last),
            ],
            ["service_id"],
            ["__count", "satisfaction_score:avg"],
        )

        suggestions = self.env["beneficiary.suggestion"].search(
            [*company, ("create_date", ">=", first), ("create_date", "<=", last)],
            order="create_date",
        )
        kinds = self._labels(suggestions, "kind")
        suggestion_states = self._labels(suggestions, "state")

        breaches = self.env["beneficiary.data.breach"].search(
            [*company, ("discovered_on", ">=", first), ("discovered_on", "<=", last)],
            order="discovered_on",
        )
        breach_states = self._labels(breaches, "state")
        risks = self._labels(breaches, "risk_level")

        files = {
            "04-decision-timeliness.xlsx": [
                (
                    _("Decision Timeliness"),
                    [
                        _("Request"),
                        _("Service"),
                        _("Submitted On"),
                        _("Decision Deadline"),
                        _("Decided On"),
                        _("Days to Decision"),
                        _("Decided Within Deadline"),
                        _("Decision"),
                    ],
                    [
                        (
                            r.ref,
                            r.service_id.display_name,
                            self._dual_date(r.submit_date),
                            self._dual_date(r.decision_deadline),
                            self._dual_date(r.decision_date),
                            r.decision_days_taken,
                            self._yes_no(r.decided_in_time),
                            decisions.get(r.decision, ""),
                        )
                        for r in decided
                    ],
                )
            ],
            "05-appeals.xlsx": [
                (
                    _("Appeals"),
                    [
                        _("Appeal"),
                        _("Request"),
                        _("Filed On"),
                        _("Decision Deadline"),
                        _("State"),
                        _("Decided On"),
                        _("Days to Decide"),
                        _("Decided Within Deadline"),
                    ],
                    [
                        (
                            a.ref,
                            a.request_id.ref,
                            self._dual_date(a.filed_date),
                            self._dual_date(a.decision_deadline),
                            appeal_states[a.state],
                            self._dual_date(a.decision_date),
                            a.days_to_decide if a.decision_date else "",
                            self._yes_no(a.decided_in_time) if a.decision_date else "",
                        )
                        for a in appeals
                    ],
                )
            ],
            "06-satisfaction.xlsx": [
                (
                    _("Satisfaction"),
                    [_("Figure"), _("Value")],
                    [
                        (_("Satisfaction surveys sent"), figures["invited"]),
                        (_("Satisfaction surveys answered"), figures["answered"]),
                        (_("Response rate (%)"), figures["response_rate"]),
                        (_("Satisfaction score (%)"), figures["score"]),
                    ],
                ),
                (
                    _("By Service"),
                    [_("Service"), _("Answered"), _("Satisfaction score (%)")],
                    [
                        (
                            service.display_name,
                            count,
                            round(score, 1)
                            if count >= MIN_GROUP_SIZE and score is not None
                            else _("Fewer than %(count)s answers", count=MIN_GROUP_SIZE),
                        )
                        for service, count, score in by_service
                    ],
                ),
            ],
            "07-suggestions-complaints.xlsx": [
                (
                    _("Suggestions and Complaints"),
                    [
                        _("Reference"),
                        _("Kind"),
                        _("Subject"),
                        _("Received On"),
                        _("Answer Due"),
                        _("State"),
                        _("Answered On"),
                        _("Days to Answer"),
                        _("Overdue"),
                        _("Answer"),
                    ],
                    [
                        (
                            s.ref,
                            kinds[s.kind],
                            s.name,
                            self._dual_date(s.create_date),
                            self._dual_date(s.response_deadline),
                            suggestion_states[s.state],
                            self._dual_date(s.answer_date),
                            s.answer_days if s.answer_date else "",
                            self._yes_no(s.is_overdue),
                            s.response or "",
                        )
                        for s in suggestions
                    ],
                )
            ],
            "08-breaches.xlsx": [
                (
                    _("Personal Data Breaches"),
                    [
                        _("Reference"),
                        _("Breach Title"),
                        _("Risk"),
                        _("State"),
                        _("Discovered On"),
                        _("SDAIA Deadline"),
                        _("SDAIA Notified On"),
                        _("SDAIA Reference"),
                        _("Not Notifiable"),
                        _("SDAIA Overdue"),
                        _("People Notified On"),
                        _("Contained On"),
                        _("Closed On"),
                    ],
                    [
                        (
                            b.name,
                            b.title,
                            risks.get(b.risk_level, ""),
                            breach_states[b.state],
                            self._dual_date(b.discovered_on),
                            self._dual_date(b.sdaia_deadline),
                            self._dual_date(b.sdaia_notified_on),
                            b.sdaia_reference or "",
                            self._yes_no(b.not_notifiable),
                            self._yes_no(b.is_sdaia_overdue),
                            self._dual_date(b.subjects_notified_on),
                            self._dual_date(b.contained_on),
                            self._dual_date(b.closed_on),
                        )
                        for b in breaches
                    ],
                )
            ],
        }
        summary = {
            "policies": policies,
            "decided": len(decided),
            "in_time": in_time,
            "in_time_rate": round(100.0 * in_time / len(decided), 1) if decided else None,
            "days_avg": round(sum(decided.mapped("decision_days_taken")) / len(decided), 1)
            if decided
            else None,
            "appeals": len(appeals),
            "appeals_decided": len(appeals_decided),
            "appeals_overturned": len(appeals.filtered(lambda a: a.state == "overturned")),
            "satisfaction": figures,
            "suggestions": len(suggestions.filtered(lambda s: s.kind == "suggestion")),
            "complaints": len(suggestions.filtered(lambda s: s.kind == "complaint")),
            "answered": len(suggestions.filtered("answer_date")),
            "breaches": len(breaches),
            "breaches_overdue": len(breaches.filtered("is_sdaia_overdue")),
        }
        return files, summary

    # ------------------------------------------------------------------ the zip
    def _evidence_summary(self):
        """For the summary PDF."""
        return self._evidence()[1]

    def _pdf(self, xmlid, records):
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(xmlid, res_ids=records.ids)
        return pdf

    def _evidence_zip(self):
        """``(file name, zip bytes)`` of the pack."""
        start, end = self._period()
        files, summary = self._evidence()
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("00-summary.pdf", self._pdf(SUMMARY_REPORT, self))
            for policy in summary["policies"]:
                archive.writestr(
                    "01-policy-%s.pdf" % policy.version, self._pdf(POLICY_REPORT, policy)
                )
                if policy.signed_file:
                    archive.writestr(
                        "02-policy-%s-signed-copy.pdf" % policy.version,
                        base64.b64decode(policy.with_context(bin_size=False).signed_file),
                    )
            for name, sheets in sorted(files.items()):
                archive.writestr(name, self._xlsx(sheets))
        return "governance-evidence-%s-%s.zip" % (start, end), output.getvalue()

    def action_export(self):
        filename, content = self.with_context(lang=self._print_lang())._evidence_zip()
        return self._download(content, filename, "application/zip")
