from odoo import fields, models


class ResCompany(models.Model):
    """P36 (Tuwaiq 7-1): staff of the association also read the anti-money-laundering
    regulations; when the association asks for it, acknowledging the policy includes
    confirming that reading (``beneficiary.policy.acknowledgement.aml_read_date``)."""

    # The model is split by concern (see the project's style guide).
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    beneficiary_policy_aml_reading = fields.Boolean(
        string="Staff Also Confirm Reading the Anti-Money-Laundering Regulations",
        help="When acknowledging the policy, every worker also confirms having read the "
        "anti-money-laundering regulations; until both are confirmed the acknowledgement "
        "stays pending and is reminded (P36).",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    beneficiary_policy_aml_reading = fields.Boolean(
        related="company_id.beneficiary_policy_aml_reading", readonly=False
    )
