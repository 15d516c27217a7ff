from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import hijri, saudi


class BeneficiaryFamilyMember(models.Model):
    """Member of the beneficiary's household (income and size count for eligibility)."""

    _name = "beneficiary.family.member"
    _description = "Household Member"
    _order = "beneficiary_id, birth_date"

    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    name = fields.Char(required=True)
    relation = fields.Selection(
        [
            ("spouse", "Spouse"),
            ("son", "Son"),
            ("daughter", "Daughter"),
            ("father", "Father"),
            ("mother", "Mother"),
            ("brother", "Brother"),
            ("sister", "Sister"),
            ("other", "Other"),
        ],
        required=True,
        default="son",
    )
    national_id = fields.Char(string="National ID / Iqama")
    birth_date = fields.Date()
    birth_date_hijri = fields.Char(string="Birth Date (Hijri)", compute="_compute_birth_date_hijri")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    monthly_income = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="beneficiary_id.currency_id")
    is_dependent = fields.Boolean(string="Dependent", default=True)

    @api.depends("birth_date")
    def _compute_birth_date_hijri(self):
        for member in self:
            member.birth_date_hijri = hijri.hijri_str(member.birth_date)

    @api.constrains("national_id")
    def _check_national_id(self):
        for member in self.filtered("national_id"):
            if not saudi.is_valid_national_id(member.national_id):
                raise ValidationError(
                    self.env._(
                        "The ID number of household member %(name)s is not valid.", name=member.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("national_id"):
                vals["national_id"] = saudi.normalize_digits(vals["national_id"])
        members = super().create(vals_list)
        members._reevaluate_eligibility()
        return members

    def write(self, vals):
        if vals.get("national_id"):
            vals["national_id"] = saudi.normalize_digits(vals["national_id"])
        res = super().write(vals)
        if {"monthly_income", "beneficiary_id"} & set(vals):
            self._reevaluate_eligibility()
        return res

    def unlink(self):
        beneficiaries = self.beneficiary_id
        res = super().unlink()
        self.env["beneficiary.support.request"]._reevaluate_open(beneficiaries=beneficiaries)
        return res

    def _reevaluate_eligibility(self):
        """Household income counts for eligibility (P18): re-run it for open requests."""
        self.env["beneficiary.support.request"]._reevaluate_open(beneficiaries=self.beneficiary_id)
