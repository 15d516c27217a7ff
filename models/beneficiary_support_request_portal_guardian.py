from dateutil.relativedelta import relativedelta
from werkzeug.datastructures import MultiDict

from odoo import api, fields, models

from ..tools import hijri, saudi
from ..tools.server_context import server_value
from .beneficiary_beneficiary_guardian import MAJORITY_AGE
from .beneficiary_support_request_guardian_apply import GUARDIAN_APPLY


class BeneficiarySupportRequest(models.Model):
    """The online application: a birth date typed in Hijri, and no self-consent for a
    minor (P32), who is offered the guardian's path instead."""

    _inherit = "beneficiary.support.request"  # pylint: disable=consider-merging-classes-inherited

    # Stored and indexed for the portal's record rule: "own or represented" stays two
    # index lookups on the request table, not a subquery on every file (P32, speed).
    guardian_partner_id = fields.Many2one(
        related="beneficiary_id.guardian_partner_id", store=True, index="btree_not_null"
    )

    @api.model
    def _portal_apply_check(self, service, post, uploads):
        _ = self.env._
        typed_hijri = (post.get("birth_date_hijri") or "").strip()
        hijri_error = None
        if typed_hijri:
            try:
                converted = hijri.from_hijri(typed_hijri)
            except ValueError:
                converted = None
                hijri_error = _(
                    "This is not a Hijri date: type year/month/day, e.g. 1446/06/28 "
                    "(Umm al-Qura calendar, years 1343 to 1500)."
                )
            gregorian = saudi.western_digits((post.get("birth_date") or "").strip())
            if converted and not gregorian:
                post = MultiDict(post)
                post["birth_date"] = converted.isoformat()
            elif converted and gregorian != converted.isoformat():
                hijri_error = _(
                    "The Hijri and Gregorian birth dates are not the same day: check them, or "
                    "fill in only one of them."
                )
        values, errors = super()._portal_apply_check(service, post, uploads)
        if hijri_error:
            errors["birth_date_hijri"] = hijri_error
            if not (post.get("birth_date") or "").strip():
                errors.pop("birth_date", None)
        elif (
            values.get("birth_date")
            and not errors.get("birth_date")
            # On the guardian's form, the guardian consents for the person (P32).
            and not server_value(GUARDIAN_APPLY)
        ):
            today = fields.Date.context_today(self)
            if relativedelta(today, values["birth_date"]).years < MAJORITY_AGE:
                errors["birth_date"] = _(
                    "Applicants under 18 cannot accept the declaration and consent themselves."
                )
                errors["__all__"] = _(
                    "A person under 18 is represented by their guardian. The guardian "
                    "applies for them with the guardian's form of this service (link at the "
                    "top of this page), giving their own ID, the minor's data and the proof "
                    "of guardianship (guardianship deed, power of attorney or family record); "
                    "the guardian signs, receives the messages and follows the request."
                )
        return values, errors
