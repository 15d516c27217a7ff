"""The beneficiary file (P1): a contact with the association's own data.

The model is split by concern, one file each (``models/beneficiary_beneficiary_*.py``):
identity (ID number, address, duplicates), documents (documents, declaration and
consent), sensitive (confidential data), lifecycle (registration, suspension, closure,
review), create (batch registration), and the later features (guardian, branch,
portal, retention, access logs...). This file holds the fields that make up a file and
its create/write.
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import hijri, saudi
from .beneficiary_eligibility_criteria import BENEFICIARY_FIELDS as ELIGIBILITY_FIELDS

RESEARCHER = "beneficiary_relations.group_beneficiary_researcher"
MANAGER = "beneficiary_relations.group_beneficiary_manager"
NAME_PARTS = ("first_name", "father_name", "grandfather_name", "family_name")
ADDRESS_FIELDS = ("building_number", "street", "district", "city", "zip", "additional_number")
REVIEW_ACTIVITY = "beneficiary_relations.mail_activity_type_beneficiary_review"


class BeneficiaryBeneficiary(models.Model):
    """A beneficiary of the association (P1): the person's file in the registry."""

    _name = "beneficiary.beneficiary"
    _description = "Beneficiary"
    _inherit = ["beneficiary.workflow.fields", "mail.thread", "mail.activity.mixin", "portal.mixin"]
    _workflow_number = ("ref", "beneficiary.beneficiary")
    # Managers assign the researcher (who then reads the confidential file) and link the
    # file to a contact (whose portal account then sees it); an officer proposes.
    _access_fields = {"researcher_id": MANAGER, "partner_id": MANAGER}
    _inherits = {"res.partner": "partner_id"}
    _order = "id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "ref", "national_id", "mobile"]
    _mail_post_access = "read"

    partner_id = fields.Many2one(
        "res.partner", string="Beneficiary Contact", required=True, ondelete="restrict", index=True
    )
    ref = fields.Char(string="File Number", readonly=True, copy=False, default="/", index=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    # Computed rather than related: the ORM then takes the currency of the amounts once
    # for a batch of new files, where a related field costs a new record per file.
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    kind = fields.Selection(
        [("direct", "Direct"), ("indirect", "Indirect")],
        required=True,
        default="direct",
        tracking=True,
        help="Direct: receives a service, full data recorded. Indirect: benefits from "
        "publications or content, little or no personal data (P1).",
    )
    state = fields.Selection(
        string="File Status",
        selection=[
            ("draft", "Draft"),
            ("registered", "Registered"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    # Four-part Arabic name (الاسم الرباعي) composing the contact's name.
    first_name = fields.Char(tracking=True)
    father_name = fields.Char(tracking=True)
    grandfather_name = fields.Char(tracking=True)
    family_name = fields.Char(tracking=True)
    # Identity
    national_id = fields.Char(string="National ID / Iqama", tracking=True, copy=False, index=True)
    id_type = fields.Selection(
        [("citizen", "National ID (Citizen)"), ("resident", "Iqama (Resident)")],
        string="ID Type",
        compute="_compute_id_type",
        store=True,
        precompute=True,
    )
    id_exception = fields.Boolean(
        string="ID Exception",
        tracking=True,
        copy=False,
        help="A manager accepts an ID number that fails the usual checks (reason required).",
    )
    id_exception_reason = fields.Text(string="ID Exception Reason", tracking=True, copy=False)
    birth_date = fields.Date(tracking=True)
    birth_date_hijri = fields.Char(string="Birth Date (Hijri)", compute="_compute_birth_date_hijri")
    age = fields.Integer(compute="_compute_age")
    gender = fields.Selection([("male", "Male"), ("female", "Female")], tracking=True)
    nationality_id = fields.Many2one(
        "res.country",
        # Not env.ref(): it checks that the record exists, one query per new file.
        default=lambda self: self.env["ir.model.data"]._xmlid_to_res_id(
            "base.sa", raise_if_not_found=False
        ),
    )
    is_saudi = fields.Boolean(
        string="Saudi", compute="_compute_is_saudi", store=True, precompute=True
    )
    marital_status = fields.Selection(
        [
            ("single", "Single"),
            ("married", "Married"),
            ("divorced", "Divorced"),
            ("widowed", "Widowed"),
        ]
    )
    education_level_id = fields.Many2one(
        "beneficiary.education.level", string="Qualification", tracking=True, index=True
    )
    employment_status_id = fields.Many2one(
        "beneficiary.employment.status", tracking=True, index=True
    )
    monthly_income = fields.Monetary(currency_field="currency_id", tracking=True)
    family_member_ids = fields.One2many(
        "beneficiary.family.member", "beneficiary_id", string="Household Members"
    )
    household_size = fields.Integer(compute="_compute_household", store=True, precompute=True)
    household_income = fields.Monetary(
        compute="_compute_household", store=True, precompute=True, currency_field="currency_id"
    )
    income_per_capita = fields.Monetary(
        compute="_compute_household", store=True, precompute=True, currency_field="currency_id"
    )
    # National address (SPL): street, city and zip come from the contact.
    building_number = fields.Char(tracking=True)
    district = fields.Char(tracking=True)
    additional_number = fields.Char(tracking=True)
    unit_number = fields.Char()
    short_address = fields.Char(tracking=True)
    preferred_channel = fields.Selection(
        [
            ("phone", "Phone Call"),
            ("sms", "SMS"),
            ("whatsapp", "WhatsApp"),
            ("email", "Email"),
            ("portal", "Portal"),
            ("visit", "Visit"),
        ],
        string="Preferred Contact Channel",
        default="sms",
    )
    category_ids = fields.Many2many(
        "beneficiary.category", string="Categories", tracking=True, check_company=True
    )
    # People in charge
    officer_id = fields.Many2one("res.users", default=lambda self: self.env.user, tracking=True)
    researcher_id = fields.Many2one(
        "res.users",
        string="Social Researcher",
        tracking=True,
        index=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(RESEARCHER).id)],
    )

    _sql_constraints = [
        (
            "national_id_company_unique",
            "UNIQUE(company_id, national_id)",
            "This ID number is already registered for another beneficiary.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("company_id.currency_id")
    def _compute_currency_id(self):
        for company, beneficiaries in self.grouped("company_id").items():
            beneficiaries.currency_id = company.currency_id

    def _assign_grouped(self, values_of):
        """Assign computed values to the files grouped by value: one assignment per
        distinct value rather than one per file (registering files by the hundred).

        :param values_of: function of a file returning a tuple of ``(field, value)``
        """
        groups = defaultdict(list)
        for beneficiary in self:
            groups[values_of(beneficiary)].append(beneficiary.id)
        for values, ids in groups.items():
            files = self.browse(ids)
            for field_name, value in values:
                files[field_name] = value

    @api.depends("national_id")
    def _compute_id_type(self):
        self._assign_grouped(lambda b: (("id_type", saudi.national_id_type(b.national_id)),))

    @api.depends("birth_date")
    def _compute_birth_date_hijri(self):
        for beneficiary in self:
            beneficiary.birth_date_hijri = hijri.hijri_str(beneficiary.birth_date)

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for beneficiary in self:
            birth = beneficiary.birth_date
            beneficiary.age = relativedelta(today, birth).years if birth else 0

    @api.depends("nationality_id")
    def _compute_is_saudi(self):
        saudi_arabia = self.env.ref("base.sa", raise_if_not_found=False)
        saudis = self.filtered(lambda b: saudi_arabia and b.nationality_id == saudi_arabia)
        saudis.is_saudi = True
        (self - saudis).is_saudi = False

    @api.depends("monthly_income", "family_member_ids.monthly_income")
    def _compute_household(self):
        def household(beneficiary):
            members = beneficiary.family_member_ids
            size = 1 + len(members)
            income = beneficiary.monthly_income
            if members:
                income += sum(members.mapped("monthly_income"))
            return (
                ("household_size", size),
                ("household_income", income),
                ("income_per_capita", income / size),
            )

        self._assign_grouped(household)

    def _compute_access_url(self):
        for beneficiary in self:
            beneficiary.access_url = "/my/beneficiary/%s" % beneficiary.id

    @api.onchange(*NAME_PARTS)
    def _onchange_name_parts(self):
        name = self._compose_name({part: self[part] for part in NAME_PARTS})
        if name:
            self.name = name

    # ---------------------------------------------------------------------- CRUD
    @staticmethod
    def _compose_name(parts):
        return " ".join(p.strip() for p in (parts.get(n) for n in NAME_PARTS) if p and p.strip())

    @api.model
    def _normalize_vals(self, vals):
        for field_name in (
            "national_id",
            "building_number",
            "additional_number",
            "zip",
            "unit_number",
        ):
            if vals.get(field_name):
                vals[field_name] = saudi.normalize_digits(vals[field_name])
        if vals.get("short_address"):
            vals["short_address"] = saudi.normalize_short_address(vals["short_address"])
        exception = "id_exception" in vals or "id_exception_reason" in vals
        if exception and not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only a manager can record an ID number exception."))
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        # sudo: only the currency of the company named in the values is read, to round the income
        companies = self.env["res.company"].sudo()
        for vals in vals_list:
            # Before the contacts are made from the values (the mixin checks too late).
            self._check_workflow_vals(vals, creating=True)
            self._normalize_vals(vals)
            name = self._compose_name(vals)
            if name:
                vals["name"] = name
            if vals.get("monthly_income"):
                # Rounded to the currency here: the currency being computed, not related,
                # the ORM does not round the amount it inserts.
                currency = companies.browse(
                    vals.get("company_id") or self.env.company.id
                ).currency_id
                vals["monthly_income"] = currency.round(vals["monthly_income"])
        self._check_national_id_unique(
            (vals.get("national_id"), vals.get("company_id") or self.env.company.id)
            for vals in vals_list
        )
        linked = {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        self._create_contacts(vals_list)
        beneficiaries = super().create(vals_list)
        existing = beneficiaries.filtered(lambda b: b.partner_id.id in linked)
        for company, group in existing.grouped("company_id").items():
            group.partner_id.write({"company_id": company.id})
        return beneficiaries

    def write(self, vals):
        self._normalize_vals(vals)
        if any(part in vals for part in NAME_PARTS) and "name" not in vals:
            for beneficiary in self:
                parts = {part: vals.get(part, beneficiary[part]) for part in NAME_PARTS}
                name = self._compose_name(parts)
                if name:
                    beneficiary.partner_id.name = name
        if "company_id" in vals:
            self.partner_id.write({"company_id": vals["company_id"]})
        if vals.get("national_id") or "company_id" in vals:
            self._check_national_id_unique(
                (
                    (
                        vals.get("national_id", beneficiary.national_id),
                        vals.get("company_id", beneficiary.company_id.id),
                    )
                    for beneficiary in self
                ),
                exclude=self.ids,
            )
        res = super().write(vals)
        if ELIGIBILITY_FIELDS & set(vals):
            self.env["beneficiary.support.request"]._reevaluate_open(beneficiaries=self)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(beneficiary.state != "draft" for beneficiary in self):
            raise UserError(
                self.env._("A registered beneficiary file is never deleted: archive it instead.")
            )
