from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from . import beneficiary_eligibility_criteria as criteria
from .beneficiary_workflow_fields import workflow_action

OPEN_STATES = (
    "draft",
    "submitted",
    "verification",
    "research",
    "committee",
    "approved",
    "in_service",
)


class BeneficiaryOutreach(models.Model):
    """Reaching people who did not ask (P30): when a service opens or changes its
    criteria, staff list the registered beneficiaries who meet its conditions and invite
    them in their language by the channel they prefer, then follow who applied."""

    _name = "beneficiary.outreach"
    _description = "Outreach to Eligible Beneficiaries"
    _inherit = ["beneficiary.workflow.fields", "beneficiary.printable", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, default=lambda self: self.env._("Invitation"))
    service_id = fields.Many2one(
        "beneficiary.service", required=True, index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent")], default="draft", required=True, tracking=True
    )
    sent_on = fields.Datetime(readonly=True, copy=False)
    sent_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    line_ids = fields.One2many(
        "beneficiary.outreach.line", "outreach_id", string="Beneficiaries", readonly=True
    )
    invited_count = fields.Integer(compute="_compute_counts")
    applied_count = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.applied")
    def _compute_counts(self):
        for outreach in self:
            outreach.invited_count = len(
                outreach.line_ids.filtered(lambda line: line.channel != "none")
            )
            outreach.applied_count = len(outreach.line_ids.filtered("applied"))

    # ------------------------------------------------------------------ actions
    @workflow_action
    def action_find_beneficiaries(self):
        """List the registered beneficiaries who meet the service's conditions and have no
        open request for it, with the channel each prefers."""
        for outreach in self:
            if outreach.state != "draft":
                raise UserError(self.env._("The invitations were already sent."))
            eligible = outreach.service_id._eligible_beneficiaries()
            outreach.line_ids.unlink()
            self.env["beneficiary.outreach.line"].create(
                [
                    {
                        "outreach_id": outreach.id,
                        "beneficiary_id": beneficiary.id,
                        "channel": outreach._channel_for(beneficiary),
                    }
                    for beneficiary in eligible
                ]
            )

    def _channel_for(self, beneficiary):
        # One channel each (tools/contact.py): those who prefer a call, a WhatsApp message
        # or a visit are contacted by staff, not messaged; a number marked "do not
        # contact" is never texted (P33).
        channels = beneficiary._br_message_channels(beneficiary.partner_id, visit=True, single=True)
        if channels["sms"]:
            return "sms"
        if channels["email"]:
            return "email"
        return "none"

    @workflow_action
    def action_send(self):
        """Invite each listed beneficiary in their language: one batch of e-mails, one of
        SMS; those who prefer a call or a visit stay listed for staff to contact."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("The invitations were already sent."))
        if not self.line_ids:
            raise UserError(self.env._("Find the eligible beneficiaries first."))
        lines = self.line_ids
        emails = lines.filtered(lambda line: line.channel == "email")
        texts = lines.filtered(lambda line: line.channel == "sms")
        if self.company_id.beneficiary_discreet_messages:
            # P33: the invitation would name the service; a neutral notice instead.
            for line in emails | texts:
                beneficiary = line.beneficiary_id
                beneficiary._br_send_discreet(
                    beneficiary.partner_id,
                    beneficiary._br_portal_link(),
                    email=line.channel == "email",
                    sms=line.channel == "sms" and line._number(),
                )
        elif emails:
            self.env.ref("beneficiary_relations.mail_template_outreach_invitation").send_mail_batch(
                emails.ids
            )
        if texts and not self.company_id.beneficiary_discreet_messages:
            template = self.env.ref("beneficiary_relations.sms_template_outreach_invitation")
            bodies = template._render_field("body", texts.ids, compute_lang=True)
            # sudo: action_send checked the outreach is still a draft; invitations to the files it
            # listed only
            self.env["sms.sms"].sudo().create(
                [
                    {
                        "body": bodies[line.id],
                        "partner_id": line.beneficiary_id.partner_id.id,
                        "number": line._number(),
                        "state": "outgoing",
                    }
                    for line in texts
                ]
            )
        # The transaction's time, as create_date: requests made after it count as answers.
        self.write({"state": "sent", "sent_on": self.env.cr.now(), "sent_by_id": self.env.uid})
        self.message_post(
            body=self.env._(
                "Invitations sent: %(emails)s by e-mail, %(sms)s by SMS, %(others)s to contact "
                "by phone or visit.",
                emails=len(emails),
                sms=len(texts),
                others=len(lines) - len(emails) - len(texts),
            ),
            subtype_xmlid="mail.mt_note",
        )


class BeneficiaryOutreachLine(models.Model):
    _name = "beneficiary.outreach.line"
    _description = "Outreach Invitation"
    _inherit = ["beneficiary.workflow.fields", "beneficiary.printable"]
    _unlink_draft_states = ()
    _order = "id"

    outreach_id = fields.Many2one(
        "beneficiary.outreach", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="outreach_id.company_id", store=True, index=True)
    service_id = fields.Many2one(related="outreach_id.service_id")
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", required=True, index=True, readonly=True
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id")
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS"), ("none", "Phone or Visit")],
        required=True,
        readonly=True,
    )
    applied = fields.Boolean(
        compute="_compute_applied", help="Applied for the service after the invitation."
    )

    def _is_deletable_draft(self):
        return self.outreach_id.state == "draft"

    def _number(self):
        """The number the invitation is texted to (never one marked "do not contact")."""
        self.ensure_one()
        file = self.beneficiary_id
        return file._br_message_channels(file.partner_id, visit=True, single=True)["sms"]

    @api.depends("outreach_id.sent_on")
    def _compute_applied(self):
        sent = self.filtered(lambda line: line.outreach_id.sent_on)
        (self - sent).applied = False
        if not sent:
            return
        applied = set()
        for outreach, lines in sent.grouped("outreach_id").items():
            requests = (
                self.env["beneficiary.support.request"]
                # sudo: only whether the listed people applied for the outreach's service
                .sudo()
                .search_fetch(
                    [
                        ("service_id", "=", outreach.service_id.id),
                        ("beneficiary_id", "in", lines.beneficiary_id.ids),
                        ("create_date", ">=", outreach.sent_on),
                    ],
                    ["beneficiary_id"],
                )
            )
            applied |= {(outreach.id, r.beneficiary_id.id) for r in requests}
        for line in sent:
            line.applied = (line.outreach_id.id, line.beneficiary_id.id) in applied


class BeneficiaryService(models.Model):
    _inherit = "beneficiary.service"

    def _eligible_beneficiaries(self):
        """Registered and active files of the service's association that meet all its
        conditions (the eligibility engine's own checks) and have no open request for it."""
        self.ensure_one()
        Request = self.env["beneficiary.support.request"]
        Beneficiary = self.env["beneficiary.beneficiary"]
        rows = self._eligibility_facts()
        if not rows:
            return Beneficiary
        other_ok = {}
        domain = self._get_eligibility_domain()
        if domain:
            # sudo: only the files of the service's company already listed by the facts query; a
            # yes/no each
            matching = Beneficiary.sudo().search(
                domain + [("id", "in", [row["beneficiary_id"] for row in rows])]
            )
            other_ok[self.id] = set(matching.ids)
        checker = Request._eligibility_checker(
            {self.id: self}, rows, other_ok, fields.Date.context_today(self)
        )
        return Beneficiary.browse(
            row["beneficiary_id"] for row in rows if all(check["met"] for check in checker(row))
        )

    def _eligibility_facts(self):
        """What the criteria need, per registered file without an open request for the
        service, in one query (the same facts as a request's check)."""
        self.env["beneficiary.beneficiary"].flush_model(["company_id", "active", "state"])
        criteria.flush_facts(self.env)
        self.env["beneficiary.support.request"].flush_model(
            ["service_id", "beneficiary_id", "state"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT beneficiary.id AS id, %(service)s AS service_id,
                       beneficiary.company_id, beneficiary.id AS beneficiary_id, %(facts)s
                  FROM beneficiary_beneficiary beneficiary
                  JOIN res_partner partner ON partner.id = beneficiary.partner_id
                 WHERE beneficiary.company_id = %(company)s
                   AND beneficiary.active
                   AND beneficiary.state IN ('registered', 'active')
                   AND NOT EXISTS (
                       SELECT 1 FROM beneficiary_support_request request
                        WHERE request.beneficiary_id = beneficiary.id
                          AND request.service_id = %(service)s
                          AND request.state = ANY(%(open)s))
                 ORDER BY beneficiary.id
                """,
                service=self.id,
                company=self.company_id.id,
                open=list(OPEN_STATES),
                facts=criteria.fact_columns(self.env),
            )
        )
        return self.env.cr.dictfetchall()
