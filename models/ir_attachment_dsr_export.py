from odoo import api, models
from odoo.tools import SQL

from ..tools.attachments import domain_without

MANAGER = "beneficiary_relations.group_beneficiary_manager"


class IrAttachment(models.Model):
    """The copy of a person's data exported for a data-subject request holds the file's
    sensitive categories and documents when it has any (P7): the JSON file is read only by
    those who may read that part of the file, the researcher assigned to it and managers
    (and the person, on the portal), like the confidential data itself. Other officers see
    the evidence line, not the file: ``ir.attachment`` reads, ``/web/content`` by id and the
    access checks all go through this search."""

    # The model is split by concern (see the project's style guide).
    _inherit = "ir.attachment"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if self.env.su or self.env.user.has_group(MANAGER):
            return super()._search(domain, offset=offset, limit=limit, order=order)
        user = self.env.user
        evidence = (
            self.env["beneficiary.data.subject.request.evidence"]
            # sudo: only the ids of the confidential copies of files the user may not read
            # (not their researcher, not their own file) are taken out of the result, as a
            # subquery
            .sudo()
            ._search(
                [
                    ("holds_confidential", "=", True),
                    ("attachment_id", "!=", False),
                    ("request_id.beneficiary_id.researcher_id", "!=", user.id),
                    ("request_id.beneficiary_id.partner_id", "!=", user.partner_id.id),
                ]
            )
        )
        hidden = evidence.subselect(SQL.identifier(evidence.table, "attachment_id"))
        domain = domain_without(self.env, domain, hidden)
        return super()._search(domain, offset=offset, limit=limit, order=order)
