import base64

from odoo import api, models
from odoo.tools import SQL


class BeneficiaryCommitteeMeeting(models.Model):
    """Minutes of the meetings that decided on anonymised files: they account for the
    other requests too, so they stay, without the person's identifiers, and their PDF is
    rendered again (the decision lines now show the file's neutral label)."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.committee.meeting"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        requests = erasure.ids("beneficiary.support.request")
        if not requests:
            return
        meetings = (
            self.env["beneficiary.committee.decision"]
            .search([("request_id", "in", requests)])
            .meeting_id
        )
        if not meetings:
            return
        erasure.scrub(self.env, self._name, ["minutes"], SQL("id IN %s", tuple(meetings.ids)))
        # Their chatter (notes of the meeting) loses the identifiers too.
        erasure.scrub(
            self.env,
            "mail.message",
            ["body", "subject"],
            SQL("model = %s AND res_id IN %s", self._name, tuple(meetings.ids)),
        )
        meetings.filtered("minutes_attachment_id")._br_render_minutes_again()

    def _br_render_minutes_again(self):
        report = self.env.ref("beneficiary_relations.action_report_committee_minutes")
        for meeting in self:
            content, _type = report.with_context(lang=meeting._print_lang())._render_qweb_pdf(
                report.report_name, res_ids=meeting.ids
            )
            meeting.minutes_attachment_id.write({"datas": base64.b64encode(content)})
