from odoo import api, fields, models


class BeneficiarySensitiveFile(models.Model):
    """Confidential part of a beneficiary's file (P7, PDPL health data).

    Kept apart from the beneficiary so that record rules can restrict it: a social
    researcher reaches only the files assigned to them, a manager all of them, and no
    other role any of them.
    """

    _name = "beneficiary.sensitive.file"
    _description = "Confidential Beneficiary File"
    _rec_name = "beneficiary_id"

    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    researcher_id = fields.Many2one(related="beneficiary_id.researcher_id", store=True, index=True)
    health_condition = fields.Text()
    disability_type = fields.Selection(
        [
            ("physical", "Physical / Mobility"),
            ("visual", "Visual"),
            ("hearing", "Hearing"),
            ("intellectual", "Intellectual"),
            ("autism", "Autism Spectrum"),
            ("multiple", "Multiple"),
            ("other", "Other"),
        ]
    )
    disability_details = fields.Text()
    treatment_details = fields.Text(
        help="Treatment or rehabilitation programme (e.g. addiction recovery)."
    )
    research_notes = fields.Html(string="Social Research Notes")

    _sql_constraints = [
        (
            "beneficiary_unique",
            "UNIQUE(beneficiary_id)",
            "A beneficiary has one confidential file.",
        ),
    ]

    # Fields mirrored on the beneficiary form (see beneficiary.beneficiary).
    MIRRORED_FIELDS = (
        "health_condition",
        "disability_type",
        "disability_details",
        "treatment_details",
        "research_notes",
    )

    @api.model
    def _for_beneficiaries(self, beneficiaries):
        """The files of ``beneficiaries`` the current user may read, by beneficiary."""
        files = self.search([("beneficiary_id", "in", beneficiaries.ids)])
        return {file.beneficiary_id.id: file for file in files}
