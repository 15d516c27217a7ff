from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext
from odoo.tools.misc import clean_context

from ..tools import saudi
from .beneficiary_workflow_fields import workflow_action


class CrmLead(models.Model):
    """Intake of inquiries and applications from every channel (P2, P4, P8)."""

    _inherit = "crm.lead"

    beneficiary_national_id = fields.Char(string="Applicant's National ID / Iqama")
    beneficiary_id = fields.Many2one("beneficiary.beneficiary", index="btree_not_null", copy=False)
    support_request_id = fields.Many2one("beneficiary.support.request", copy=False)
    requested_service_id = fields.Many2one("beneficiary.service")
    is_inquiry = fields.Boolean(
        string="Inquiry Only", help="Needs only an answer, not a service (P4)."
    )
    inquiry_answer = fields.Text(copy=False)
    beneficiary_researcher_id = fields.Many2one(
        "res.users", string="Social-Research Officer", tracking=True, copy=False
    )
    # P34: the branch office that received the inquiry or application.
    beneficiary_branch_id = fields.Many2one(
        "beneficiary.branch",
        string="Branch",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )

    @api.model
    def default_get(self, fields_list):
        # Not a field default: an upgrade would run it for every existing lead before the
        # branches' tables exist.
        values = super().default_get(fields_list)
        if "beneficiary_branch_id" in fields_list and "beneficiary_branch_id" not in values:
            values["beneficiary_branch_id"] = self.env["beneficiary.branch"]._default_for_user().id
        return values

    @api.onchange("beneficiary_national_id")
    def _onchange_beneficiary_national_id(self):
        if self.beneficiary_national_id:
            self.beneficiary_national_id = saudi.normalize_digits(self.beneficiary_national_id)

    def _find_or_create_beneficiary(self):
        """The beneficiary with the lead's national ID in its company, or a new draft."""
        self.ensure_one()
        Beneficiary = self.env["beneficiary.beneficiary"]
        number = saudi.normalize_digits(self.beneficiary_national_id or "")
        company = self.company_id or self.env.company
        beneficiary = Beneficiary._find_by_national_id(number, company)
        if beneficiary:
            return beneficiary
        name = (self.contact_name or self.partner_name or self.name or "").split()
        parts = dict(
            zip(
                ("first_name", "father_name", "grandfather_name", "family_name"), name, strict=False
            )
        )
        if len(name) > 4:
            parts["family_name"] = " ".join(name[3:])
        vals = dict(
            parts,
            national_id=number or False,
            mobile=self.mobile or self.phone,
            email=self.email_from,
            company_id=company.id,
            lang=self.lang_id.code or self.env.lang,
        )
        if self.beneficiary_branch_id:
            vals["branch_id"] = self.beneficiary_branch_id.id
        if not parts:
            vals["name"] = self.name
        return Beneficiary.create(vals)

    @workflow_action
    def action_convert_to_beneficiary(self):
        """Find or create the beneficiary and open a draft support request (P2, P5)."""
        self.ensure_one()
        if self.support_request_id:
            raise UserError(self.env._("This lead was already converted."))
        if not self.requested_service_id:
            raise UserError(self.env._("Choose the requested service first."))
        # The intake screens pass default_type='opportunity' (and the like) in the
        # context: it must not reach the beneficiary's partner (res.partner.type) or the
        # request. Replacing the context is the point: with_context(**kw) would merge.
        lead = self.with_context(clean_context(self.env.context))  # pylint: disable=context-overridden
        beneficiary = lead._find_or_create_beneficiary()
        channel = self.medium_id or self.env.ref("beneficiary_relations.utm_medium_interview")
        vals = {
            "beneficiary_id": beneficiary.id,
            "service_id": self.requested_service_id.id,
            "channel_id": channel.id,
            "lead_id": self.id,
            "description": self._html_to_text(self.description),
        }
        if self.beneficiary_intake_channel_id:
            # P2, P31: the request keeps the lead's channel as the association names it.
            vals["intake_channel_id"] = self.beneficiary_intake_channel_id.id
        if self.beneficiary_branch_id:
            vals["branch_id"] = self.beneficiary_branch_id.id
        request = lead.env["beneficiary.support.request"].create(vals)
        self.write({"beneficiary_id": beneficiary.id, "support_request_id": request.id})
        self.action_set_won()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Support Request"),
            "res_model": "beneficiary.support.request",
            "res_id": request.id,
            "view_mode": "form",
        }

    @staticmethod
    def _html_to_text(html):
        return html2plaintext(html) if html else False

    @workflow_action
    def action_refer_to_researcher(self):
        """P8: the procedure is unclear to the applicant: one click to the research officer."""
        for lead in self:
            company = lead.company_id or self.env.company
            researcher = lead._least_busy_research_officer(company)
            if not researcher:
                raise UserError(
                    self.env._(
                        "Set the social-research officer in the Beneficiary Relations settings."
                    )
                )
            lead.beneficiary_researcher_id = researcher
            lead.activity_schedule(
                "beneficiary_relations.mail_activity_type_social_research",
                user_id=researcher.id,
                summary=self.env._("Explain the procedure to the applicant"),
            )

    def _least_busy_research_officer(self, company):
        """Of the association's social-research officers, the one with the fewest open
        referred applicants (the main officer on a tie)."""
        officers = (
            company.beneficiary_research_officer_id | company.beneficiary_research_officer_ids
        )
        if len(officers) < 2:
            return officers
        counts = dict(
            # sudo: only a count of open leads per research officer of the company
            self.sudo()._read_group(
                [("beneficiary_researcher_id", "in", officers.ids), ("active", "=", True)],
                ["beneficiary_researcher_id"],
                ["__count"],
            )
        )
        return min(officers, key=lambda user: counts.get(user, 0))

    @workflow_action
    def action_answer_inquiry(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Answer the Inquiry"),
            "res_model": "crm.lead.answer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }
