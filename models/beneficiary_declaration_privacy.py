from odoo import api, fields, models


class BeneficiaryDeclaration(models.Model):
    """Each consent records the privacy notice version in force when it was given (PDPL):
    set by the server at creation, whatever the client sends."""

    _inherit = "beneficiary.declaration"

    privacy_notice_id = fields.Many2one(
        "beneficiary.privacy.notice",
        string="Privacy Notice Shown",
        readonly=True,
        index="btree_not_null",
    )
    privacy_notice_version = fields.Char(
        related="privacy_notice_id.version", string="Privacy Notice Version"
    )

    @api.model_create_multi
    def create(self, vals_list):
        Notice = self.env["beneficiary.privacy.notice"]
        # sudo: only the company of the file, to record the notice in force there
        files = self.env["beneficiary.beneficiary"].sudo()
        for vals in vals_list:
            company = files.browse(vals.get("beneficiary_id")).company_id
            vals["privacy_notice_id"] = Notice._get_in_force(company or None).id or False
        return super().create(vals_list)
