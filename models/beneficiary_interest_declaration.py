from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import hijri, saudi
from .beneficiary_workflow_fields import workflow_action

MANAGER = "beneficiary_relations.group_beneficiary_manager"
RELATIONS = [
    ("family", "Close Family"),
    ("relative", "Other Relative"),
    ("friend", "Friend"),
    ("neighbour", "Neighbour"),
    ("work", "Work or Business Relation"),
    ("other", "Other"),
]


class BeneficiaryInterestDeclaration(models.Model):
    """A staff or committee member's declared relation to an applicant (P35).

    The declarant names the beneficiary's file, or the person's ID number when they
    cannot or should not open the file (a household member, someone not registered
    yet). While in force, the declarant is recused from the vote on that file's requests
    and may neither verify nor decide them. Declarants see and record their own
    declarations; managers see them all and may record one for a member. Never deleted:
    a declaration that no longer holds is withdrawn.
    """

    _name = "beneficiary.interest.declaration"
    _description = "Conflict of Interest Declaration"
    _inherit = ["beneficiary.workflow.fields", "mail.thread"]
    # Who is recused depends on the declarant: only a manager records for someone else.
    _access_fields = {"declarant_id": MANAGER}
    _unlink_draft_states = ()
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "declarant_id"

    declarant_id = fields.Many2one(
        "res.users",
        string="Declared By",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        string="Beneficiary File",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        ondelete="restrict",
    )
    national_id = fields.Char(
        string="Person's ID Number",
        index="btree_not_null",
        tracking=True,
        help="The ID or Iqama number of the person the relation is with, when the file is "
        "not named: the applicant or a member of their household.",
    )
    person_name = fields.Char(string="Person's Name")
    relation = fields.Selection(RELATIONS, required=True, tracking=True)
    note = fields.Text(string="Details")
    date = fields.Date(
        string="Declared On",
        readonly=True,
        copy=False,
        default=fields.Date.context_today,
    )
    date_hijri = fields.Char(string="Declared On (Hijri)", compute="_compute_date_hijri")
    state = fields.Selection(
        [("active", "In Force"), ("withdrawn", "Withdrawn")],
        default="active",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    withdrawn_date = fields.Date(readonly=True, copy=False)

    @api.depends("date")
    def _compute_date_hijri(self):
        for declaration in self:
            declaration.date_hijri = hijri.hijri_str(declaration.date)

    @api.constrains("beneficiary_id", "national_id", "relation")
    def _check_person(self):
        for declaration in self:
            if not declaration.beneficiary_id and not declaration.national_id:
                raise ValidationError(
                    self.env._("Name the beneficiary's file or give the person's ID number.")
                )
            if declaration.national_id and not saudi.is_valid_national_id(declaration.national_id):
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid ID or Iqama number.",
                        number=declaration.national_id,
                    )
                )

    def _check_file_readable(self):
        """A declarant names only a file they may read (threat model 4)."""
        if not self.env.su:
            self.beneficiary_id.check_access("read")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("national_id"):
                vals["national_id"] = saudi.normalize_digits(vals["national_id"]).strip()
        declarations = super().create(vals_list)
        declarations._check_file_readable()
        return declarations

    def write(self, vals):
        if vals.get("national_id"):
            vals["national_id"] = saudi.normalize_digits(vals["national_id"]).strip()
        res = super().write(vals)
        if "beneficiary_id" in vals:
            self._check_file_readable()
        return res

    @workflow_action
    def action_withdraw(self):
        """The relation no longer holds: the declarant is no longer recused."""
        self._check_state(("active",), self.env._("withdrawn"))
        self.write({"state": "withdrawn", "withdrawn_date": fields.Date.context_today(self)})

    def _check_state(self, states, label):
        for declaration in self:
            if declaration.state not in states:
                raise ValidationError(
                    self.env._(
                        "This declaration cannot be %(action)s: it is already withdrawn.",
                        action=label,
                    )
                )

    # --------------------------------------------------------------- matching
    @api.model
    def _declarants_by_request(self, requests):
        """``{request id: set of user ids}`` of the declarations in force on each
        request's applicant or household (one query, whatever the number of requests).

        Reads past the record rules: it tells who must step aside, nothing else.
        """
        if not requests:
            return {}
        for model in (
            "beneficiary.interest.declaration",
            "beneficiary.support.request",
            "beneficiary.beneficiary",
            "beneficiary.family.member",
        ):
            self.env[model].flush_model()
        self.env.cr.execute(
            """
            SELECT r.id, d.declarant_id
              FROM beneficiary_support_request r
              JOIN beneficiary_beneficiary b ON b.id = r.beneficiary_id
              JOIN beneficiary_interest_declaration d
                ON d.state = 'active'
               AND d.company_id = r.company_id
               AND (d.beneficiary_id = r.beneficiary_id
                    OR d.national_id = b.national_id
                    OR d.national_id IN (SELECT m.national_id FROM beneficiary_family_member m
                                          WHERE m.beneficiary_id = b.id
                                            AND m.national_id IS NOT NULL))
             WHERE r.id = ANY(%s)
            """,
            [list(requests.ids)],
        )
        result = {}
        for request_id, user_id in self.env.cr.fetchall():
            result.setdefault(request_id, set()).add(user_id)
        return result
