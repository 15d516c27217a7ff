from odoo import fields, models

from ..models.beneficiary_data_subject_request import CLOCK_STATES

DATA_REQUESTS_FILE = "09-data-subject-requests.xlsx"


class BeneficiaryEvidencePack(models.TransientModel):
    """The data-subject requests of the period in the governance evidence pack (issue 16,
    PDPL): each request with its 30-day clock, and their count in the summary PDF.

    A request belongs to the period when it was received or answered in it, or when it is
    still open (its clock ran during the period). Nothing identifies the person: the
    reference and the right exercised only, never the requester's name, ID or contact.
    A request is overdue when it was answered after its due date, or is still open past
    it."""

    _inherit = "beneficiary.evidence.pack"

    def _data_requests(self):
        start, end, first, last = self._bounds()
        return self.env["beneficiary.data.subject.request"].search(
            [
                ("company_id", "=", self.company_id.id),
                "|",
                "|",
                "&",
                ("received_date", ">=", start),
                ("received_date", "<=", end),
                "&",
                ("answered_on", ">=", first),
                ("answered_on", "<=", last),
                "&",
                ("state", "in", CLOCK_STATES),
                ("received_date", "<=", end),
            ],
            order="received_date, id",
        )

    def _data_request_overdue(self, request, today):
        if request.answered_on:
            answered = fields.Datetime.context_timestamp(self, request.answered_on).date()
            return answered > request.due_date
        return bool(request.is_overdue or request.due_date < today)

    def _evidence(self):
        files, summary = super()._evidence()
        _ = self.env._
        requests = self._data_requests()
        kinds = self._labels(requests, "kind")
        states = self._labels(requests, "state")
        today = fields.Date.context_today(self)
        overdue = {r.id: self._data_request_overdue(r, today) for r in requests}
        files[DATA_REQUESTS_FILE] = [
            (
                _("Data-Subject Requests"),
                [
                    _("Reference"),
                    _("Right Exercised"),
                    _("State"),
                    _("Received On"),
                    _("Due Date"),
                    _("Answered On"),
                    _("Overdue"),
                ],
                [
                    (
                        r.name,
                        kinds[r.kind],
                        states[r.state],
                        self._dual_date(r.received_date),
                        self._dual_date(r.due_date),
                        self._dual_date(r.answered_on),
                        self._yes_no(overdue[r.id]),
                    )
                    for r in requests
                ],
            )
        ]
        summary.update(
            data_requests=len(requests),
            data_requests_open=len(requests.filtered(lambda r: r.state in CLOCK_STATES)),
            data_requests_overdue=sum(overdue.values()),
        )
        return files, summary
