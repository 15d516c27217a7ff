from odoo import fields, models


class BeneficiaryDocumentTypeEasyRead(models.Model):
    """Plain-language explanation of a document (issue #19): what the paper is and where
    people get it, in short sentences, for the online application's easy-read section."""

    _inherit = "beneficiary.document.type"

    easy_read_description = fields.Text(
        string="Plain-Language Explanation",
        translate=True,
        help="What this document is and where to get it, in short everyday words. "
        "Shown to applicants in the easy-read section of the online application.",
    )

    def _easy_read_text(self):
        """The explanation shown to applicants: the plain one, else the description."""
        self.ensure_one()
        return self.easy_read_description or self.description or ""
