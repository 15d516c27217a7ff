import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools.batch import Queue, run_batch
from .beneficiary_workflow_fields import workflow_action

_logger = logging.getLogger(__name__)

MANAGER = "beneficiary_relations.group_beneficiary_manager"
DEFAULT_SURVEY = "beneficiary_relations.survey_beneficiary_satisfaction"
SATISFACTION_STATES = [
    ("not_invited", "Not Invited"),
    ("invited", "Invited"),
    ("reminded", "Reminded"),
    ("answered", "Answered"),
    ("unreachable", "No Email or Mobile"),
]


class BeneficiarySupportRequest(models.Model):
    """Measuring the beneficiary's satisfaction at the end of the service (P14, P28).

    The invitation is a personal ``survey.user_input`` of the service's survey (or the
    shipped default one), linked to the request. It is sent once: when the request is
    done, or when the last session of a programme is recorded or its end date passes.
    Individual answers and scores are for managers only; rating is the beneficiary's
    right and a tool for improvement, never for punishing staff (P28).
    """

    _inherit = "beneficiary.support.request"

    # Programmes of several sessions (P14: measured at the end of the programme)
    is_programme = fields.Boolean(related="service_id.is_programme")
    session_count = fields.Integer(related="service_id.session_count")
    sessions_attended = fields.Integer(copy=False, tracking=True)
    programme_end_date = fields.Date(
        copy=False,
        tracking=True,
        help="The satisfaction survey is sent on this date if the last session was not "
        "recorded before.",
    )
    # Invitation
    satisfaction_state = fields.Selection(
        SATISFACTION_STATES,
        string="Satisfaction Survey",
        default="not_invited",
        required=True,
        copy=False,
        index=True,
        readonly=True,
    )
    satisfaction_invite_date = fields.Datetime(
        string="Survey Invitation Date", copy=False, readonly=True, index="btree_not_null"
    )
    satisfaction_reminder_date = fields.Datetime(
        string="Survey Reminder Date", copy=False, readonly=True
    )
    satisfaction_answer_date = fields.Datetime(
        string="Survey Answer Date", copy=False, readonly=True
    )
    # P28: individual answers and scores are for managers only.
    satisfaction_input_id = fields.Many2one(
        "survey.user_input",
        string="Satisfaction Answer",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups=MANAGER,
    )
    satisfaction_score = fields.Float(
        string="Satisfaction Score (%)",
        copy=False,
        readonly=True,
        index=True,
        aggregator="avg",
        digits=(5, 1),
        groups=MANAGER,
    )

    # ------------------------------------------------------------------ workflow
    @workflow_action
    def action_done(self):
        res = super().action_done()
        # Programmes are measured at their end (last session or end date), not here,
        # unless they were closed before any session was recorded.
        self.filtered(
            lambda r: not r.is_programme or r.sessions_attended >= r.session_count
        )._satisfaction_invite()
        return res

    @workflow_action
    def action_record_session(self):
        """Record one attended session of a programme; the last one sends the survey."""
        _ = self.env._
        self._check_state(("in_service",), _("given a session"))
        for request in self:
            if not request.is_programme:
                raise UserError(
                    _("%(ref)s: the service is not a programme of sessions.", ref=request.ref)
                )
            if request.sessions_attended >= request.session_count:
                raise UserError(
                    _(
                        "%(ref)s: all %(count)s sessions of the programme are already recorded.",
                        ref=request.ref,
                        count=request.session_count,
                    )
                )
            request.sessions_attended += 1
        self.filtered(lambda r: r.sessions_attended >= r.session_count)._satisfaction_invite()
        return True

    # ---------------------------------------------------------------- invitation
    def _satisfaction_survey(self):
        self.ensure_one()
        return self.service_id.survey_id or self.env.ref(DEFAULT_SURVEY, raise_if_not_found=False)

    def _satisfaction_url(self):
        """The beneficiary's personal link to their survey (for the messages)."""
        self.ensure_one()
        # sudo: the request is readable; only its own survey answer's link
        answer = self.sudo().satisfaction_input_id
        if not answer:
            return ""
        return self.get_base_url() + answer.get_start_url()

    def _satisfaction_invite(self):
        """Create the beneficiary's personal answer and invite them, once per request."""
        to_invite = self.filtered(
            lambda r: r.satisfaction_state == "not_invited" and r._satisfaction_survey()
        )
        now = fields.Datetime.now()
        for request in to_invite:
            # sudo: the request's workflow action; one answer for its own beneficiary
            survey_sudo = request._satisfaction_survey().sudo()
            answer = survey_sudo._create_answer(
                partner=request.partner_id,
                check_attempts=False,
                support_request_id=request.id,
            )
            # sudo: the request's workflow action; its survey fields only
            request.sudo().write(
                {
                    "satisfaction_input_id": answer.id,
                    "satisfaction_invite_date": now,
                    "satisfaction_state": "invited",
                }
            )
            if not request._satisfaction_send("invitation"):
                request.satisfaction_state = "unreachable"
        return to_invite

    def _satisfaction_send(self, kind):
        """Email and/or SMS the personal link in the beneficiary's language.

        The messages are not posted in the chatter: their link opens the beneficiary's
        own answers, which staff must not read (P28); a short note records the sending.
        :return: whether the beneficiary could be reached
        """
        self.ensure_one()
        partner = self.partner_id
        mail_template = self.env.ref(
            "beneficiary_relations.mail_template_request_satisfaction_%s" % kind
        )
        sms_template = self.env.ref(
            "beneficiary_relations.sms_template_request_satisfaction_%s" % kind
        )
        channels = []
        file = self.beneficiary_id
        reach = file._br_message_channels(partner)
        if reach["staff"]:
            # P33: the preferred call or WhatsApp message is staff's, nothing is sent.
            file._br_staff_contact(self, reach["staff"], self.officer_id or self.env.user)
            channels.append(self.env._("an activity for staff"))
        elif file._br_discreet() and (reach["email"] or reach["sms"]):
            file._br_send_discreet(
                partner, self._satisfaction_url(), email=reach["email"], sms=reach["sms"]
            )
            channels.append(self.env._("a discreet notice"))
        else:
            if reach["email"]:
                # Detached from the request (no model / res_id): not in its chatter.
                # sudo: the request's workflow action; to the request's own recipient
                mail_template.sudo().send_mail(
                    self.id,
                    email_layout_xmlid="mail.mail_notification_light",
                    email_values={"model": False, "res_id": False},
                )
                channels.append(self.env._("email"))
            if reach["sms"]:
                body = sms_template._render_field("body", self.ids, compute_lang=True)[self.id]
                # Queued: the SMS gateway is called by its cron, never during the click.
                # sudo: the request's workflow action; to the request's own recipient
                self.env["sms.sms"].sudo().create(
                    {"number": reach["sms"], "body": body, "partner_id": partner.id}
                )
                channels.append(self.env._("SMS"))
        if channels:
            body = (
                self.env._("Satisfaction survey invitation sent by %(channels)s.")
                if kind == "invitation"
                else self.env._("Satisfaction survey reminder sent by %(channels)s.")
            )
            self.message_post(
                body=body % {"channels": ", ".join(channels)}, subtype_xmlid="mail.mt_note"
            )
        else:
            self.message_post(
                body=self.env._(
                    "The beneficiary could not be invited to the satisfaction survey "
                    "(no email or mobile)."
                ),
                subtype_xmlid="mail.mt_note",
            )
        return bool(channels)

    # ------------------------------------------------------------------- answers
    def _satisfaction_record(self, score):
        """Store the score of the answered survey; a low one opens a follow-up (P14)."""
        self.ensure_one()
        vals = {"satisfaction_state": "answered", "satisfaction_answer_date": fields.Datetime.now()}
        if score is not None:
            vals["satisfaction_score"] = score
        # sudo: the answer is the request's own (survey token); its score fields only
        self.sudo().write(vals)
        if score is None:
            return
        threshold = self.company_id.beneficiary_satisfaction_threshold
        manager = self.company_id.beneficiary_manager_id
        if score < threshold and manager:
            # sudo: a low score of the request's own answer; an activity for its manager
            self.sudo().activity_schedule(
                "beneficiary_relations.mail_activity_type_satisfaction_followup",
                user_id=manager.id,
                summary=self.env._(
                    "Low satisfaction (%(score)s%%): listen to the beneficiary and improve "
                    "the service",
                    score=round(score),
                ),
            )

    # ---------------------------------------------------------------------- cron
    @api.model
    def _satisfaction_reminder_domain(self):
        """Invited, not answered, not reminded, and invited at least N days ago."""
        now = fields.Datetime.now()
        domain = []
        for company in self.env["res.company"].search([]):
            days = company.beneficiary_survey_reminder_days
            if days <= 0:
                continue
            domain.append(
                [
                    ("company_id", "=", company.id),
                    ("satisfaction_invite_date", "<=", now - timedelta(days=days)),
                ]
            )
        if not domain:
            return [("id", "=", 0)]
        return expression.AND(
            [
                [
                    ("satisfaction_state", "=", "invited"),
                    ("satisfaction_reminder_date", "=", False),
                ],
                expression.OR(domain),
            ]
        )

    @api.model
    def _programme_end_domain(self):
        return [
            ("service_id.is_programme", "=", True),
            ("state", "in", ("in_service", "done")),
            ("satisfaction_state", "=", "not_invited"),
            ("programme_end_date", "<=", fields.Date.context_today(self)),
        ]

    @api.model
    def _cron_satisfaction(self, batch_size=200):
        """Invite beneficiaries of programmes that ended, then send one reminder.

        One batch per call with progress reported, as ``_cron_periodic_review`` does.
        """
        (ended, reminded), remaining = run_batch(
            self.env,
            [
                Queue(
                    self, self._programme_end_domain(), "id", lambda due: due._satisfaction_invite()
                ),
                Queue(
                    self,
                    self._satisfaction_reminder_domain(),
                    "satisfaction_invite_date, id",
                    lambda due: due._satisfaction_remind(),
                ),
            ],
            batch_size,
        )
        _logger.info(
            "Satisfaction: %s programme ends invited, %s reminders, %s remaining",
            ended,
            reminded,
            remaining,
        )
        return remaining

    def _satisfaction_remind(self):
        now = fields.Datetime.now()
        for request in self:
            request._satisfaction_send("reminder")
        # sudo: scheduled job (private method); the reminders it just sent
        self.sudo().write({"satisfaction_state": "reminded", "satisfaction_reminder_date": now})
