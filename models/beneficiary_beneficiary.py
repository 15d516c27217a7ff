import copy
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import hijri, saudi
from ..tools.server_context import server_context, server_value
from .beneficiary_sensitive_access_log import CHANNEL_KEY as SENSITIVE_CHANNEL_KEY
from .beneficiary_service import ELIGIBILITY_BENEFICIARY_FIELDS
from .beneficiary_workflow_fields import workflow_action

_logger = logging.getLogger(__name__)

RESEARCHER = "beneficiary_relations.group_beneficiary_researcher"
MANAGER = "beneficiary_relations.group_beneficiary_manager"
NAME_PARTS = ("first_name", "father_name", "grandfather_name", "family_name")
ADDRESS_FIELDS = ("building_number", "street", "district", "city", "zip", "additional_number")
REVIEW_ACTIVITY = "beneficiary_relations.mail_activity_type_beneficiary_review"


def _with_defaults(defaults, vals):
    """``vals`` completed with ``defaults`` (commands copied: each record its own)."""
    return {
        **{
            name: copy.deepcopy(value) if isinstance(value, list | dict) else value
            for name, value in defaults.items()
        },
        **vals,
    }


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
    # Documents (P17)
    document_ids = fields.One2many("beneficiary.document", "beneficiary_id", string="Documents")
    support_request_ids = fields.One2many(
        "beneficiary.support.request", "beneficiary_id", string="Support Requests"
    )
    document_count = fields.Integer(compute="_compute_document_count")
    # Not stored: shown on the file, while "documents complete" is what lists filter on.
    missing_document_type_ids = fields.Many2many(
        "beneficiary.document.type",
        string="Missing Documents",
        compute="_compute_missing_documents",
    )
    documents_complete = fields.Boolean(
        compute="_compute_documents_complete", store=True, precompute=True, index=True
    )
    # Declaration (P9) and consent (P12)
    declaration_ids = fields.One2many("beneficiary.declaration", "beneficiary_id")
    declaration_date = fields.Datetime(compute="_compute_declarations", store=True, precompute=True)
    declaration_version = fields.Char(compute="_compute_declarations", store=True, precompute=True)
    consent_date = fields.Datetime(compute="_compute_declarations", store=True, precompute=True)
    consent_version = fields.Char(compute="_compute_declarations", store=True, precompute=True)
    # People in charge
    officer_id = fields.Many2one("res.users", default=lambda self: self.env.user, tracking=True)
    researcher_id = fields.Many2one(
        "res.users",
        string="Social Researcher",
        tracking=True,
        index=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(RESEARCHER).id)],
    )
    # Registration and periodic review (P11, P19)
    registration_date = fields.Date(readonly=True, copy=False, tracking=True)
    last_review_date = fields.Date(copy=False, tracking=True)
    next_review_date = fields.Date(
        compute="_compute_next_review_date", store=True, precompute=True, index=True, tracking=True
    )
    review_requested_date = fields.Date(
        copy=False, readonly=True, help="Date the review activity was opened by the review job."
    )
    status_reason = fields.Text(string="Suspension / Closure Reason", tracking=True, copy=False)
    duplicate_warning = fields.Char(compute="_compute_duplicate_warning")
    # Confidential data (P7): stored in beneficiary.sensitive.file, shown here to
    # researchers assigned to the file and to managers.
    sensitive_file_readable = fields.Boolean(
        compute="_compute_sensitive_file_readable",
        groups=RESEARCHER,
        string="Confidential File Readable",
    )
    health_condition = fields.Text(
        compute="_compute_sensitive", inverse="_inverse_sensitive", groups=RESEARCHER
    )
    disability_type = fields.Selection(
        selection=lambda self: (
            self.env["beneficiary.sensitive.file"]
            ._fields["disability_type"]
            ._description_selection(self.env)
        ),
        compute="_compute_sensitive",
        inverse="_inverse_sensitive",
        groups=RESEARCHER,
    )
    disability_details = fields.Text(
        compute="_compute_sensitive", inverse="_inverse_sensitive", groups=RESEARCHER
    )
    treatment_details = fields.Text(
        compute="_compute_sensitive", inverse="_inverse_sensitive", groups=RESEARCHER
    )
    research_notes = fields.Html(
        string="Social Research Notes",
        compute="_compute_sensitive",
        inverse="_inverse_sensitive",
        groups=RESEARCHER,
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

    def _compute_document_count(self):
        counts = dict(
            self.env["beneficiary.document"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.document_count = counts.get(beneficiary, 0)

    @api.depends(
        "category_ids.document_type_ids",
        "document_ids.state",
        "document_ids.is_expired",
        "document_ids.document_type_id",
    )
    def _compute_missing_documents(self):
        self._assign_grouped(
            lambda b: (("missing_document_type_ids", b._missing_document_types()),)
        )

    @api.depends(
        "category_ids.document_type_ids",
        "document_ids.state",
        "document_ids.is_expired",
        "document_ids.document_type_id",
    )
    def _compute_documents_complete(self):
        by_categories = {}  # files without documents: what their categories require

        def complete(beneficiary):
            if beneficiary.document_ids:
                return (("documents_complete", not beneficiary._missing_document_types()),)
            categories = beneficiary.category_ids
            if categories not in by_categories:
                by_categories[categories] = not categories.document_type_ids
            return (("documents_complete", by_categories[categories]),)

        self._assign_grouped(complete)

    def _missing_document_types(self):
        """The document types the file's categories require and no valid document gives."""
        self.ensure_one()
        required = self.category_ids.document_type_ids
        if self.document_ids:
            required -= self.document_ids.filtered(
                lambda doc: doc.state == "verified" and not doc.is_expired
            ).document_type_id
        return required

    @api.depends("declaration_ids.date", "declaration_ids.kind", "declaration_ids.version")
    def _compute_declarations(self):
        none = (
            ("declaration_date", False),
            ("declaration_version", False),
            ("consent_date", False),
            ("consent_version", False),
        )

        def latest(beneficiary):
            if not beneficiary.declaration_ids:
                return none
            values = []
            for kind in ("declaration", "consent"):
                found = beneficiary.declaration_ids.filtered(lambda d, k=kind: d.kind == k)[:1]
                values += [(f"{kind}_date", found.date), (f"{kind}_version", found.version)]
            return tuple(values)

        # New files have no declaration yet: one assignment for all of them.
        self._assign_grouped(latest)

    @api.depends(
        "state",
        "registration_date",
        "last_review_date",
        "category_ids.review_interval_months",
        "company_id.beneficiary_review_months",
    )
    def _compute_next_review_date(self):
        def next_review(beneficiary):
            start = beneficiary.last_review_date or beneficiary.registration_date
            if beneficiary.state not in ("registered", "active") or not start:
                return (("next_review_date", False),)
            intervals = beneficiary.category_ids.mapped("review_interval_months")
            months = (
                min(intervals) if intervals else beneficiary.company_id.beneficiary_review_months
            )
            return (("next_review_date", start + relativedelta(months=months or 12)),)

        self._assign_grouped(next_review)

    @api.depends("national_id", "mobile", "name", "birth_date")
    def _compute_duplicate_warning(self):
        """Warn (without blocking) about files sharing a mobile, or a name and birth date."""
        self.duplicate_warning = False
        mobiles = {b.mobile for b in self if b.mobile}
        names = {b.name for b in self if b.name and b.birth_date}
        if not (mobiles or names):
            return
        domain = ["|", ("mobile", "in", list(mobiles)), ("name", "in", list(names))]
        others = self.with_context(active_test=False).search_fetch(
            domain, ["ref", "mobile", "name", "birth_date"]
        )
        for beneficiary in self:
            same_mobile = others.filtered(
                lambda o, b=beneficiary: o.id != b._origin.id and b.mobile and o.mobile == b.mobile
            )
            same_person = others.filtered(
                lambda o, b=beneficiary: (
                    o.id != b._origin.id
                    and b.birth_date
                    and o.name == b.name
                    and o.birth_date == b.birth_date
                )
            )
            messages = []
            if same_mobile:
                messages.append(
                    self.env._(
                        "Same mobile as file %(refs)s.", refs=", ".join(same_mobile.mapped("ref"))
                    )
                )
            if same_person:
                messages.append(
                    self.env._(
                        "Same name and birth date as file %(refs)s.",
                        refs=", ".join(same_person.mapped("ref")),
                    )
                )
            beneficiary.duplicate_warning = " ".join(messages) or False

    @api.depends_context("uid")
    def _compute_sensitive_file_readable(self):
        sensitive = self.env["beneficiary.sensitive.file"]
        files = sensitive._for_beneficiaries(self)
        with_file = set(
            sensitive.sudo().search([("beneficiary_id", "in", self._origin.ids)]).beneficiary_id.ids
        )
        is_manager = self.env.user.has_group(MANAGER)
        for beneficiary in self:
            # Readable (and editable): an accessible file, or no file yet and the user is
            # the assigned researcher or a manager.
            beneficiary.sensitive_file_readable = beneficiary._origin.id in files or (
                beneficiary._origin.id not in with_file
                and (is_manager or beneficiary.researcher_id == self.env.user)
            )

    @api.depends_context("uid")
    def _compute_sensitive(self):
        sensitive = self.env["beneficiary.sensitive.file"]
        files = sensitive._for_beneficiaries(self)
        names = sensitive.MIRRORED_FIELDS
        for beneficiary in self:
            file = files.get(beneficiary._origin.id)
            for name in names:
                beneficiary[name] = file[name] if file else False
        # PDPL: log who looked at the confidential data (see _log_sensitive_view).
        self._log_sensitive_view(files)

    def _inverse_sensitive(self):
        with server_context(**{SENSITIVE_CHANNEL_KEY: "beneficiary"}):
            self._write_sensitive_files()

    def _write_sensitive_files(self):
        sensitive = self.env["beneficiary.sensitive.file"]
        files = sensitive._for_beneficiaries(self)
        hidden = self.filtered(lambda b: b.id not in files)
        if hidden and sensitive.sudo().search_count([("beneficiary_id", "in", hidden.ids)]):
            # The file exists but the rules hide it: say so, rather than fail on the
            # "one confidential file per beneficiary" constraint by creating another.
            raise AccessError(
                self.env._(
                    "Only the social researcher assigned to the file and managers can "
                    "change its confidential data."
                )
            )
        # Only the fields in cache: those written (and those read before, unchanged). The
        # ORM does not compute the other fields of this inverse during the write: it
        # reads them as empty, and writing them would erase the file's data.
        cache = self.env.cache
        for beneficiary in self:
            vals = {
                name: beneficiary[name]
                for name in sensitive.MIRRORED_FIELDS
                if cache.contains(beneficiary, self._fields[name])
            }
            file = files.get(beneficiary.id)
            if file:
                # Only what changed, so that the access log names the fields changed.
                vals = {name: value for name, value in vals.items() if value != file[name]}
                if vals:
                    file.write(vals)
            elif any(vals.values()):
                sensitive.create(dict(vals, beneficiary_id=beneficiary.id))

    def _compute_access_url(self):
        for beneficiary in self:
            beneficiary.access_url = "/my/beneficiary/%s" % beneficiary.id

    # --------------------------------------------------------------- constraints
    @api.constrains("national_id", "id_exception", "nationality_id", "kind")
    def _check_national_id(self):
        messages = self._national_id_messages()
        for beneficiary in self:
            if not beneficiary.national_id or beneficiary.id_exception:
                continue
            error = saudi.national_id_error(beneficiary.national_id)
            if error:
                raise ValidationError(messages[error] % {"number": beneficiary.national_id})
            id_type = saudi.national_id_type(beneficiary.national_id)
            if beneficiary.nationality_id and (id_type == "citizen") != beneficiary.is_saudi:
                raise ValidationError(
                    self.env._(
                        "ID number %(number)s is a %(kind)s but the nationality is %(country)s.",
                        number=beneficiary.national_id,
                        kind=messages[id_type],
                        country=beneficiary.nationality_id.name,
                    )
                )

    @api.model
    def _check_national_id_unique(self, numbers, exclude=()):
        """Refuse an ID number already registered in the company, naming the file.

        Called before the values reach the database: the SQL constraint would refuse
        them first, with a message that does not say which file holds the number.

        :param numbers: ``(national_id, company_id)`` pairs about to be saved
        :param exclude: ids of the files being changed
        """
        numbers = [(number, company_id) for number, company_id in numbers if number]
        if not numbers:
            return
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("national_id", "in", [number for number, _company in numbers]),
                    ("id", "not in", list(exclude)),
                ],
                ["national_id", "company_id", "ref"],
            )
        )
        for number, company_id in numbers:
            same = existing.filtered(
                lambda o, n=number, c=company_id: o.national_id == n and o.company_id.id == c
            )
            if same:
                raise ValidationError(
                    self.env._(
                        "ID number %(number)s is already registered in file %(ref)s.",
                        number=number,
                        ref=same[0].ref,
                    )
                )

    def _national_id_messages(self):
        _ = self.env._
        return {
            "digits": _("The ID number %(number)s must contain digits only."),
            "length": _("The ID number %(number)s must have exactly 10 digits."),
            "prefix": _(
                "The ID number %(number)s must start with 1 (Saudi national ID) "
                "or 2 (Iqama of a resident)."
            ),
            "checksum": _(
                "The ID number %(number)s is not valid: its check digit does not match. "
                "Check the number, or ask a manager to record an exception."
            ),
            "citizen": _("Saudi national ID"),
            "resident": _("resident's Iqama"),
        }

    @api.constrains("id_exception", "id_exception_reason")
    def _check_id_exception(self):
        for beneficiary in self:
            if beneficiary.id_exception and not (beneficiary.id_exception_reason or "").strip():
                raise ValidationError(self.env._("Give the reason for the ID number exception."))

    @api.constrains("building_number", "additional_number", "zip", "short_address")
    def _check_national_address(self):
        _ = self.env._
        checks = (
            (
                "building_number",
                saudi.BUILDING_NUMBER_RE,
                _("The building number must have 4 digits."),
            ),
            (
                "additional_number",
                saudi.ADDITIONAL_NUMBER_RE,
                _("The additional number must have 4 digits."),
            ),
            ("zip", saudi.POSTAL_CODE_RE, _("The postal code must have 5 digits.")),
            (
                "short_address",
                saudi.SHORT_ADDRESS_RE,
                _("The short address must be 4 letters followed by 4 digits, e.g. RRRD2929."),
            ),
        )
        for field_name, pattern, message in checks:
            if any(value and not pattern.match(value) for value in self.mapped(field_name)):
                raise ValidationError(message)

    @api.constrains("birth_date")
    def _check_birth_date(self):
        today = fields.Date.context_today(self)
        for beneficiary in self:
            if beneficiary.birth_date and beneficiary.birth_date > today:
                raise ValidationError(self.env._("The birth date cannot be in the future."))

    @api.onchange("national_id")
    def _onchange_national_id(self):
        if self.national_id:
            self.national_id = saudi.normalize_digits(self.national_id)
            if saudi.national_id_type(self.national_id) == "citizen":
                self.nationality_id = self.env.ref("base.sa", raise_if_not_found=False)

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

    @api.model
    def _prepare_create_values(self, vals_list):
        """Take the default values once for the batch, not once per file.

        ``create`` asks ``default_get`` for every new file, and the defaults do not
        depend on the file's values. Once the contacts exist (every file has its
        ``partner_id``), the defaults of this model are the same for all the files.
        """
        if len(vals_list) < 2 or not all("partner_id" in vals for vals in vals_list):
            return super()._prepare_create_values(vals_list)
        defaults = self._add_missing_default_values({"partner_id": False})
        del defaults["partner_id"]
        vals_list = [_with_defaults(defaults, vals) for vals in vals_list]
        with server_context(beneficiary_defaults_added=True):
            return super()._prepare_create_values(vals_list)

    @api.model
    def _add_precomputed_values(self, vals_list):
        """Compute the stored computed fields before the files are inserted.

        Computed after the insert, they would cost an UPDATE of every new file. Odoo
        computes them on new records made of all the values given (some forty for a
        file): these new records hold only the values the fields depend on.
        """
        precomputable = [
            field for field in self._fields.values() if field.precompute and not field.inherited
        ]
        depends = {
            path.split(".")[0] for field in precomputable for path in self.pool.field_depends[field]
        }
        todo = [vals for vals in vals_list if any(f.name not in vals for f in precomputable)]
        if not todo or any(name in self._inherits.values() for name in depends):
            return super()._add_precomputed_values(vals_list)
        records = self.browse().concat(
            # Defaults are in the values by now: a field left out is empty (and a new
            # record would otherwise ask default_get for it, once per record and field).
            *(self.new({name: vals.get(name, False) for name in depends}) for vals in todo)
        )
        for record, vals in zip(records, todo, strict=True):
            vals["__precomputed__"] = precomputed = set()
            for field in precomputable:
                if field.name not in vals:
                    vals[field.name] = field.convert_to_write(record[field.name], self)
                    precomputed.add(field)
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _add_missing_default_values(self, values):
        if server_value("beneficiary_defaults_added") and not any(
            field.type == "properties" for field in self._fields.values()
        ):
            return values
        return super()._add_missing_default_values(values)

    @api.model
    def _create_contacts(self, vals_list):
        """Create the contacts of the new files, in the files' companies.

        What ``_inherits`` would do, with the contact's values taken from ``vals_list``;
        but the contact logs no "created" message of its own (the file's chatter records
        the registration), gets no follower (people follow the file) and is not written
        again for its company: registering a file costs little more than creating a
        contact. A salesperson given for the contact is still subscribed to it.
        """
        new = [vals for vals in vals_list if not vals.get("partner_id")]
        if not new:
            return
        inherited = {name for name, field in self._fields.items() if field.inherited}
        contact_vals_list = []
        for vals in new:
            contact_vals = {name: vals.pop(name) for name in list(vals) if name in inherited}
            contact_vals["company_id"] = vals.get("company_id") or self.env.company.id
            contact_vals_list.append(contact_vals)
        Partner = self.env["res.partner"]
        if any(contact_vals.get("user_id") for contact_vals in contact_vals_list):
            Partner = Partner.with_context(mail_create_nolog=True)
        elif len(contact_vals_list) > 1:
            # No chatter work at all: then the contacts' defaults may be given with their
            # values, taken once for the batch rather than once per contact.
            Partner = Partner.with_context(tracking_disable=True)
            defaults = Partner._add_missing_default_values({})
            contact_vals_list = [_with_defaults(defaults, vals) for vals in contact_vals_list]
        else:
            Partner = Partner.with_context(tracking_disable=True)
        contacts = Partner.create(contact_vals_list)
        for vals, contact in zip(new, contacts, strict=True):
            vals["partner_id"] = contact.id

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
        if ELIGIBILITY_BENEFICIARY_FIELDS & set(vals):
            self.env["beneficiary.support.request"]._reevaluate_for_beneficiaries(self)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(beneficiary.state != "draft" for beneficiary in self):
            raise UserError(
                self.env._("A registered beneficiary file is never deleted: archive it instead.")
            )

    # ------------------------------------------------------------------- actions
    def _registration_problems(self):
        """Everything that keeps the file from being registered (P6, P9, P11, P12, P17)."""
        self.ensure_one()
        _ = self.env._
        problems = []
        if self.kind == "direct":
            labels = self.fields_get(list(NAME_PARTS) + ["national_id", "birth_date", "gender"])
            for field_name in (*NAME_PARTS, "national_id", "birth_date", "gender"):
                if not self[field_name]:
                    problems.append(_("%(field)s is missing.", field=labels[field_name]["string"]))
            if not (self.mobile or self.phone):
                problems.append(_("A mobile or phone number is missing."))
            address = self.fields_get(list(ADDRESS_FIELDS))
            missing_address = [address[f]["string"] for f in ADDRESS_FIELDS if not self[f]]
            if missing_address:
                problems.append(
                    _(
                        "The national address is incomplete: %(fields)s.",
                        fields=", ".join(missing_address),
                    )
                )
            if not self.declaration_date:
                problems.append(_("The applicant has not signed the declaration of correct data."))
            if self.missing_document_type_ids:
                problems.append(
                    _(
                        "Documents not verified yet: %(docs)s.",
                        docs=", ".join(self.missing_document_type_ids.mapped("name")),
                    )
                )
        if not self.consent_date:
            problems.append(_("The applicant has not given consent to the service terms."))
        return problems

    @workflow_action
    def action_register(self):
        for beneficiary in self:
            if beneficiary.state != "draft":
                raise UserError(self.env._("Only a draft file can be registered."))
            problems = beneficiary._registration_problems()
            if problems:
                raise UserError(
                    self.env._("File %(ref)s cannot be registered yet:", ref=beneficiary.ref)
                    + "\n- "
                    + "\n- ".join(problems)
                )
        self.write({"state": "registered", "registration_date": fields.Date.context_today(self)})

    @workflow_action
    def action_activate(self):
        if any(b.state not in ("registered", "suspended") for b in self):
            raise UserError(self.env._("Only a registered or suspended file can be activated."))
        self.write({"state": "active", "status_reason": False})

    @workflow_action
    def action_suspend(self):
        return self._open_transition("suspend")

    @workflow_action
    def action_close(self):
        return self._open_transition("close")

    @workflow_action
    def action_reopen(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only a manager can reopen a closed file."))
        if any(b.state != "closed" for b in self):
            raise UserError(self.env._("Only a closed file can be reopened."))
        self.write({"state": "active", "status_reason": False, "active": True})

    def _open_transition(self, transition):
        titles = {
            "suspend": self.env._("Suspend the File"),
            "close": self.env._("Close the File"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[transition],
            "res_model": "beneficiary.beneficiary.transition",
            "view_mode": "form",
            "target": "new",
            "context": {"default_transition": transition, "default_beneficiary_ids": self.ids},
        }

    @workflow_action
    def _apply_transition(self, transition, reason):
        allowed = {
            "suspend": ("registered", "active"),
            "close": ("draft", "registered", "active", "suspended"),
        }
        if any(b.state not in allowed[transition] for b in self):
            raise UserError(
                self.env._("This change of state is not allowed for the selected files.")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason."))
        state = "suspended" if transition == "suspend" else "closed"
        self.write({"state": state, "status_reason": reason})
        if state == "closed":
            self.activity_unlink([REVIEW_ACTIVITY])

    @workflow_action
    def action_sign(self):
        """Open the wizard recording the declaration and the consent (P9, P12)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Declaration and Consent"),
            "res_model": "beneficiary.beneficiary.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_beneficiary_id": self.id},
        }

    @workflow_action
    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_document_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id}
        return action

    # ------------------------------------------------------------------- crons
    def _review_due_domain(self):
        return [
            ("next_review_date", "<=", fields.Date.context_today(self)),
            ("state", "in", ("registered", "active")),
            ("review_requested_date", "=", False),
        ]

    @api.model
    def _cron_periodic_review(self, batch_size=500):
        """Open a review activity for each file due (P19) and flag expired documents.

        Works one batch per call and reports progress: Odoo's cron runner commits after
        each batch and calls again while records remain, so a crash loses one batch at
        most and the next run resumes where it stopped.
        """
        domain = self._review_due_domain()
        due = self.search(domain, limit=batch_size, order="next_review_date, id")
        remaining = self.search_count(domain) - len(due) if len(due) == batch_size else 0
        if due:
            due._schedule_review_activities()
        expired = self.env["beneficiary.document"]._cron_flag_expired(limit=batch_size)
        self.env["ir.cron"]._notify_progress(done=len(due) + expired, remaining=remaining)
        _logger.info(
            "Periodic review: %s files due, %s documents expired, %s remaining",
            len(due),
            expired,
            remaining,
        )
        return remaining

    def _schedule_review_activities(self):
        activity_type = self.env.ref(REVIEW_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": beneficiary.id,
                "activity_type_id": activity_type.id,
                "user_id": (beneficiary.researcher_id or beneficiary.officer_id or fallback).id,
                "date_deadline": max(beneficiary.next_review_date, today),
                "summary": activity_type.summary,
                # As activity_schedule() does: activity_feedback() and activity_unlink()
                # only look for automated activities.
                "automated": True,
            }
            for beneficiary in self
        ]
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)
        self.write({"review_requested_date": today})
