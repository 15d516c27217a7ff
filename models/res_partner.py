from odoo import api, fields, models
from odoo.exceptions import AccessError


class ResPartner(models.Model):
    _inherit = "res.partner"

    beneficiary_ids = fields.One2many("beneficiary.beneficiary", "partner_id")
    is_referral_association = fields.Boolean(
        string="Referral Association",
        help="Another association to which requests for services not offered here are "
        "referred (P15).",
    )
    # Partner associations served under MOUs (P21–P25)
    is_partner_association = fields.Boolean(
        string="Partner Association",
        help="A beneficiary association that requests services under an MOU (P21).",
    )
    association_licence_number = fields.Char(
        string="Licence Number",
        help="Registration number of the association at the National Center for Non-Profit Sector.",
    )
    association_region_id = fields.Many2one(
        "beneficiary.region", string="Region", help="Where the association works (P23)."
    )
    association_mou_ids = fields.One2many("beneficiary.mou", "partner_id", string="MOUs")

    # Who is a partner association decides who reaches the partner portal's requests and
    # MOUs; who is a referral association decides where beneficiaries are sent (P15, P21).
    _BR_FLAGS = ("is_partner_association", "is_referral_association")
    _BR_FLAG_GROUPS = (
        "beneficiary_relations.group_beneficiary_partnerships",
        "beneficiary_relations.group_beneficiary_manager",
    )

    def _br_check_flags(self, vals_list, records=None):
        names = {
            name
            for vals in vals_list
            for name in self._BR_FLAGS
            if name in vals
            and (
                records is None
                and vals[name]
                or records
                and any(r[name] != vals[name] for r in records)
            )
        }
        if (
            names
            and not self.env.su
            and not any(self.env.user.has_group(g) for g in self._BR_FLAG_GROUPS)
        ):
            raise AccessError(
                self.env._(
                    "Only partnerships staff and managers mark a partner or referral association."
                )
            )
        return sorted(names)

    def _br_log_flags(self, names):
        for partner in self:
            # sudo: _br_check_flags passed; the server's log note, whatever the context
            partner.sudo().message_post(
                body=self.env._(
                    "Association flags changed by %(user)s: %(flags)s",
                    user=self.env.user.name,
                    flags=", ".join(
                        "%s = %s"
                        % (self._fields[name]._description_string(self.env), partner[name])
                        for name in names
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model_create_multi
    def create(self, vals_list):
        names = self._br_check_flags(vals_list)
        partners = super().create(vals_list)
        if names:
            partners._br_log_flags(names)
        return partners

    def write(self, vals):
        names = self._br_check_flags([vals], self)
        res = super().write(vals)
        if names:
            self._br_log_flags(names)
        return res
