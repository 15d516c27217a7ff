from odoo import fields, models


class BeneficiaryPolicyDocument(models.Model):
    """The staff toolkit (P3) attached to a policy version."""

    _name = "beneficiary.policy.document"
    _description = "Staff Toolkit Document"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one("beneficiary.policy", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    policy_state = fields.Selection(related="policy_id.state", store=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("bylaws", "Association Bylaws"),
            ("research_guide", "Social-Research Services Guide"),
            ("support_guide", "Beneficiary-Support Policy Guide"),
            ("request_form", "Support Request Form"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    name = fields.Char(required=True)
    file = fields.Binary(attachment=True, required=True)
    file_name = fields.Char()
