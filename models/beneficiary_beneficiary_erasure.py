from odoo import models
from odoo.osv import expression

from ..tools.erasure import Erasure
from ..tools.server_context import server_value

ANONYMISE_WIZARD = "beneficiary.beneficiary.anonymise"
# Who owns which copies of the person's data: each model erases its own
# (``_br_erase_for_files``), in this order: records first (they tell which chatters,
# mails and attachments are about the person), then the chatters, the mails and SMS, the
# attachments, and last the contact and its portal account.
ERASERS = (
    "beneficiary.support.request",
    "beneficiary.appeal",
    "beneficiary.committee.decision",
    "beneficiary.committee.meeting",
    "beneficiary.review",
    "crm.lead",
    "beneficiary.suggestion",
    "survey.user_input",
    "beneficiary.declaration",
    "mail.activity",
    "mail.message",
    "mail.mail",
    "mail.notification",
    "sms.sms",
    "ir.attachment",
    "res.users",
    "res.partner",
)


class BeneficiaryBeneficiary(models.Model):
    """Anonymisation that leaves nothing (PDPL, issue 16): beyond the file's own fields,
    every copy of the person's identifiers made by the other records of the addon and by
    Odoo (chatter notes and tracking values, research reports, referral and delivery
    notes, committee minutes, leads, complaints, queued and sent mails and SMS,
    attachments, survey answers, the portal account) is erased or neutralised.
    """

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.beneficiary"  # pylint: disable=consider-merging-classes-inherited

    def _br_anonymise_files(self, reason):
        if not server_value("anonymising") or not self:
            return super()._br_anonymise_files(reason)
        # What identifies the people is read before the file's own fields are erased; the
        # checks (manager, closed files, reason) are the caller's, run first by super().
        # sudo: the manager and reason checks of _br_anonymise run first; only these files' people
        erasure = Erasure.of(self.sudo(), self.env._("[anonymised]"))
        res = super()._br_anonymise_files(reason)
        # sudo: anonymisation checked above (manager, closed files, reason); erases these files only
        self.sudo().with_context(active_test=False, tracking_disable=True)._br_erase_everywhere(
            erasure
        )
        return res

    def _br_erase_everywhere(self, erasure):
        """Call each owner's eraser on the batch (see ``ERASERS``)."""
        erasure.add(self._name, self.ids)
        erasure.add("res.partner", self.partner_id.ids)
        # Before the guardian's link goes: a guardian is never taken for the person.
        self.env["res.partner"]._br_same_person(erasure)
        self._br_erase_guardian_link()
        for model in ERASERS:
            self.env[model]._br_erase_for_files(erasure)
        self._br_erase_wizards(erasure)
        self.env.flush_all()

    def _br_erase_wizards(self, erasure):
        """Wizards opened on the erased records (a referral's note, a signer's name, a
        composer's body) would keep their text until the transient records' vacuum: they
        go now. Found through their relational fields, whatever the wizard."""
        for model in self.env.registry.values():
            # The anonymisation's own wizard is running (it holds only the reason).
            if not model._transient or model._abstract or model._name == ANONYMISE_WIZARD:
                continue
            domains = [
                [(name, "in", erasure.ids(field.comodel_name))]
                for name, field in model._fields.items()
                if field.type in ("many2one", "many2many")
                and field.store
                and erasure.ids(field.comodel_name)
            ]
            if domains:
                self.env[model._name].search(expression.OR(domains)).unlink()
        composers = self.env["mail.compose.message"].search(
            [("model", "in", [m for m, ids in erasure.records.items() if ids])]
        )
        composers.filtered(
            lambda c: set(c._evaluate_res_ids() or ()) & set(erasure.ids(c.model))
        ).unlink()

    def _br_erase_guardian_link(self):
        """The guardian is another person, who keeps their contact: only the link to the
        anonymised person and its proof go."""
        linked = self.filtered(lambda b: b.guardian_partner_id or b.guardian_proof_file)
        if linked:
            linked.write(
                {
                    "guardian_partner_id": False,
                    "guardian_relation": False,
                    "guardian_proof_document_id": False,
                    "guardian_proof_file": False,
                    "guardian_proof_file_name": False,
                    "guardian_receives_messages": False,
                }
            )
