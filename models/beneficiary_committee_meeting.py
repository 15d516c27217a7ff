import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import hijri
from ..tools.activities import schedule_activities
from .beneficiary_workflow_fields import trusted_write, workflow_action

_logger = logging.getLogger(__name__)

MEETING_ACTIVITY = "beneficiary_relations.mail_activity_type_committee_meeting"


class BeneficiaryCommitteeMeeting(models.Model):
    """A meeting of a committee: attendance, agenda of requests, decisions, minutes (P10)."""

    _name = "beneficiary.committee.meeting"
    _description = "Committee Meeting"
    _inherit = [
        "beneficiary.workflow.fields",
        "beneficiary.printable",
        "mail.thread",
        "mail.activity.mixin",
    ]
    # Being marked present lets a member vote: the chair, the secretary or a manager
    # records attendance (P10).
    _access_fields = {"attendee_ids": "beneficiary_relations.group_beneficiary_manager"}
    _order = "date desc, id desc"
    _check_company_auto = True

    # Empty until the record is inserted: numbers are given in ``create``, and "/" for
    # every new meeting would break the uniqueness of the numbers.
    name = fields.Char(string="Number", readonly=True, copy=False, index=True)
    committee_id = fields.Many2one(
        "beneficiary.committee", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    date_hijri = fields.Char(string="Date (Hijri)", compute="_compute_date_hijri")
    location = fields.Char(tracking=True)
    video_url = fields.Char(string="Video Link")
    state = fields.Selection(
        [("draft", "Planned"), ("convened", "Convened"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    member_ids = fields.Many2many(related="committee_id.member_ids", string="Members")
    chair_id = fields.Many2one(related="committee_id.chair_id")
    secretary_id = fields.Many2one(related="committee_id.secretary_id")
    quorum = fields.Integer(related="committee_id.quorum")
    attendee_ids = fields.Many2many(
        "res.users",
        "beneficiary_committee_meeting_attendee_rel",
        "meeting_id",
        "user_id",
        string="Present Members",
        tracking=True,
    )
    attendee_count = fields.Integer(compute="_compute_quorum")
    quorum_met = fields.Boolean(compute="_compute_quorum")
    decision_ids = fields.One2many(
        "beneficiary.committee.decision", "meeting_id", string="Agenda", copy=False
    )
    decision_count = fields.Integer(compute="_compute_decision_count", store=True)
    minutes = fields.Html(help="Notes of the meeting, printed in the minutes.")
    minutes_attachment_id = fields.Many2one("ir.attachment", readonly=True, copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("name_committee_unique", "UNIQUE(committee_id, name)", "Meeting numbers are unique."),
    ]

    @api.depends("date")
    def _compute_date_hijri(self):
        for meeting in self:
            meeting.date_hijri = hijri.hijri_str(meeting.date)

    @api.depends("attendee_ids", "committee_id.quorum")
    def _compute_quorum(self):
        for meeting in self:
            meeting.attendee_count = len(meeting.attendee_ids)
            meeting.quorum_met = meeting.attendee_count >= meeting.committee_id.quorum

    @api.depends("decision_ids")
    def _compute_decision_count(self):
        for meeting in self:
            meeting.decision_count = len(meeting.decision_ids)

    @api.constrains("attendee_ids", "committee_id")
    def _check_attendees(self):
        for meeting in self:
            strangers = meeting.attendee_ids - meeting.committee_id.member_ids
            if strangers:
                raise UserError(
                    self.env._(
                        "%(names)s are not members of the committee.",
                        names=", ".join(strangers.mapped("name")),
                    )
                )

    def _access_field_allowed(self, name, vals, creating):
        if name == "attendee_ids":
            committees = (
                self.env["beneficiary.committee"].browse(vals.get("committee_id"))
                if creating
                else self.committee_id
            )
            user = self.env.user
            if committees and all(user in (c.chair_id | c.secretary_id) for c in committees):
                return True
        return super()._access_field_allowed(name, vals, creating)

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        with trusted_write():
            for meeting in meetings.filtered(lambda m: not m.name or m.name == "/"):
                meeting.name = meeting._next_number()
        meetings._schedule_member_activities()
        return meetings

    def write(self, vals):
        if self.filtered(lambda m: m.state == "closed") and set(vals) - {"minutes_attachment_id"}:
            raise UserError(self.env._("A closed meeting cannot be changed."))
        return super().write(vals)

    def _next_number(self):
        """``CODE/YEAR/NNN``, numbered per committee and year."""
        self.ensure_one()
        year = self.date.year
        prefix = "%s/%s/" % (self.committee_id.code, year)
        count = self.search_count(
            [("committee_id", "=", self.committee_id.id), ("name", "=like", prefix + "%")]
        )
        return "%s%03d" % (prefix, count + 1)

    def _schedule_member_activities(self):
        """Each member gets the meeting in their activities (their calendar of work)."""
        # Automated, so that closing the meeting removes them (activity_unlink).
        schedule_activities(
            self,
            MEETING_ACTIVITY,
            (
                (
                    meeting,
                    member,
                    meeting.date.date(),
                    self.env._(
                        "Committee meeting %(name)s at %(place)s",
                        name=meeting.name,
                        place=meeting.location or meeting.video_url or "-",
                    ),
                )
                for meeting in self
                for member in meeting.committee_id.member_ids
            ),
        )

    # ------------------------------------------------------------------ agenda
    def _agenda_candidates(self):
        """Requests waiting for this committee, oldest deadline first (P10)."""
        self.ensure_one()
        # Members cannot see requests not yet on an agenda: look them up as superuser,
        # restricted to this committee's services and company.
        return (
            self.env["beneficiary.support.request"]
            # sudo: the meeting is readable; requests of its committee and company waiting for it
            # only
            .sudo()
            .search(
                [
                    ("state", "=", "committee"),
                    ("service_id.committee_id", "=", self.committee_id.id),
                    # Not already on the agenda of an open meeting (one sub-query).
                    (
                        "committee_decision_ids",
                        "not any",
                        [("meeting_id.state", "!=", "closed")],
                    ),
                    ("company_id", "=", self.company_id.id),
                ],
                order="decision_deadline, id",
            )
        )

    @workflow_action
    def action_load_agenda(self):
        for meeting in self:
            if meeting.state == "closed":
                raise UserError(self.env._("A closed meeting's agenda cannot change."))
            requests = meeting._agenda_candidates()
            start = len(meeting.decision_ids)
            self.env["beneficiary.committee.decision"].create(
                [
                    {"meeting_id": meeting.id, "request_id": request.id, "sequence": start + i}
                    for i, request in enumerate(requests, 1)
                ]
            )

    # ------------------------------------------------------------------ states
    @workflow_action
    def action_convene(self):
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(self.env._("Only a planned meeting can be convened."))
            if not meeting.quorum_met:
                raise UserError(
                    self.env._(
                        "Quorum not reached: %(present)s members present, %(quorum)s needed.",
                        present=meeting.attendee_count,
                        quorum=meeting.committee_id.quorum,
                    )
                )
        self.write({"state": "convened"})

    @workflow_action
    def action_close(self):
        """Apply every decision to its request, then file the minutes (P10)."""
        for meeting in self:
            if meeting.state != "convened":
                raise UserError(self.env._("Only a convened meeting can be closed."))
            undecided = meeting.decision_ids.filtered(lambda d: not d.outcome)
            if undecided:
                raise UserError(
                    self.env._(
                        "Record a decision for every request on the agenda: %(refs)s.",
                        refs=", ".join(undecided.request_id.mapped("ref")),
                    )
                )
        for meeting in self:
            meeting.decision_ids._apply_to_requests()
        self.write({"state": "closed", "closed_date": fields.Datetime.now()})
        self.activity_unlink([MEETING_ACTIVITY])
        self._file_minutes()

    def _file_minutes(self):
        """Render the minutes PDF; attach it to the meeting and to each request's chatter."""
        report = self.env.ref("beneficiary_relations.action_report_committee_minutes")
        for meeting in self:
            content, _type = report.with_context(lang=meeting._print_lang())._render_qweb_pdf(
                report.report_name, res_ids=meeting.ids
            )
            filename = "%s.pdf" % meeting.name.replace("/", "-")
            attachment = self.env["ir.attachment"].create(
                {
                    "name": filename,
                    "datas": base64.b64encode(content),
                    "res_model": meeting._name,
                    "res_id": meeting.id,
                    "mimetype": "application/pdf",
                }
            )
            meeting.minutes_attachment_id = attachment
            meeting.message_post(
                body=self.env._("Minutes of meeting %(name)s.", name=meeting.name),
                attachment_ids=attachment.ids,
            )
            # sudo: action_close checked the meeting is convened and fully decided, and writes it
            # (write access); the requests it decided only
            for request in meeting.decision_ids.request_id.sudo():
                # sudo: the minutes of this meeting, copied onto the requests it decided
                copy = attachment.sudo().copy({"res_model": request._name, "res_id": request.id})
                request.message_post(
                    body=self.env._(
                        "Committee decision in meeting %(name)s (minutes attached).",
                        name=meeting.name,
                    ),
                    attachment_ids=copy.ids,
                    subtype_xmlid="mail.mt_note",
                )

    # ------------------------------------------------------------------ minutes PDF
    def _minutes_date(self):
        """Day of the meeting, Hijri beside Gregorian, in the current language."""
        self.ensure_one()
        local = fields.Datetime.context_timestamp(self, self.date)
        return hijri.dual_date_str(local.date(), self.env.lang or "ar_001")

    def _minutes_time(self):
        """``10:30``: hour of the meeting in the user's time zone."""
        self.ensure_one()
        return fields.Datetime.context_timestamp(self, self.date).strftime("%H:%M")

    @workflow_action
    def action_print_minutes(self):
        return self.env.ref("beneficiary_relations.action_report_committee_minutes").report_action(
            self, config=False
        )
