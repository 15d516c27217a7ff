from odoo import fields, models


class BeneficiaryDocumentType(models.Model):
    """Kind of supporting document (P17): national ID, national address, CV, report…"""

    _name = "beneficiary.document.type"
    _description = "Beneficiary Document Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
    has_expiry = fields.Boolean(
        string="Has Expiry Date", help="The document must carry an expiry date."
    )
    allowed_mimetypes = fields.Char(
        default="application/pdf,image/jpeg,image/png",
        help="Comma-separated list of accepted file types.",
    )
