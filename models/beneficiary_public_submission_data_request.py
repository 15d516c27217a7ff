from odoo import fields, models

from .beneficiary_public_submission import LIMIT_PARAMS

# The public data-subject request form counts its attempts as the other public forms do.
LIMIT_PARAMS.setdefault("data_request", ("beneficiary_relations.data_request_limit_per_hour", 5))


class BeneficiaryPublicSubmission(models.Model):
    _inherit = "beneficiary.public.submission"

    form = fields.Selection(
        selection_add=[("data_request", "Personal Data Request")],
        ondelete={"data_request": "cascade"},
    )
