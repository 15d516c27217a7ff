from odoo import api, fields, models


class BeneficiaryBranch(models.Model):
    """A branch office of the association (P34): intake through a branch is recorded with
    its branch, and work queues and reports are filtered by it."""

    _name = "beneficiary.branch"
    _description = "Branch Office"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code of the branch, shown in lists and reports.")
    sequence = fields.Integer(default=10)
    city = fields.Char()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_ids = fields.Many2many(
        "res.users",
        "beneficiary_branch_user_rel",
        string="Staff",
        domain=[("share", "=", False)],
        help="Files, requests and inquiries these staff record start in this branch.",
    )

    _sql_constraints = [
        ("code_company_uniq", "UNIQUE(code, company_id)", "Each branch code is used once."),
    ]

    @api.model
    def _default_for_user(self, company=None):
        """The branch where the current user works in ``company`` (the first one listing
        them as staff), or nothing."""
        company = company or self.env.company
        return self.search(
            [("user_ids", "in", self.env.uid), ("company_id", "=", company.id)], limit=1
        )
