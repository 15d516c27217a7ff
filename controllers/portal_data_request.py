from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import email_normalize

from ..tools import saudi

DSR_MODEL = "beneficiary.data.subject.request"
KINDS = ("access", "copy", "correction", "destruction", "objection")
MAX_LENGTH = {
    "details": 5000,
    "requester_name": 120,
    "requester_mobile": 30,
    "requester_email": 120,
}


class BeneficiaryDataRequestPortal(CustomerPortal):
    """PDPL rights on the portal and the public site: data-subject requests and the
    association's privacy notice."""

    def _br_dsr_domain(self):
        return [("requester_partner_id", "=", request.env.user.partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "br_data_request_count" in counters:
            Request = request.env[DSR_MODEL]
            values["br_data_request_count"] = (
                Request.search_count(self._br_dsr_domain()) if Request.has_access("read") else 0
            )
        return values

    def _br_dsr_files(self):
        """The files the user may file for: their own and those of the people they are the
        recorded guardian of (P32), through the portal's record rules."""
        partner = request.env.user.partner_id
        return request.env["beneficiary.beneficiary"].search(
            ["|", ("partner_id", "=", partner.id), ("guardian_partner_id", "=", partner.id)]
        )

    def _br_dsr_check(self, post, public=False):
        _ = request.env._
        errors = {}
        values = {key: (post.get(key) or "").strip() for key in MAX_LENGTH}
        kind = post.get("kind")
        if kind not in KINDS:
            errors["kind"] = _("Choose what you ask for.")
        for key, limit in MAX_LENGTH.items():
            if len(values[key]) > limit:
                errors[key] = _("At most %(count)s characters.", count=limit)
        if kind in ("correction", "objection") and not values["details"]:
            errors["details"] = _(
                "Tell us what to correct, or which use of your data you object to."
            )
        if public:
            values["national_id"] = saudi.normalize_digits(post.get("national_id") or "") or ""
            if not values["requester_name"]:
                errors["requester_name"] = _("Give your full name.")
            if not saudi.is_valid_national_id(values["national_id"]):
                errors["national_id"] = _(
                    "Enter your national ID or Iqama number: 10 digits starting with 1 or 2."
                )
            if not values["requester_mobile"]:
                errors["requester_mobile"] = _("Give your mobile number so that we can reach you.")
            if values["requester_email"] and not email_normalize(values["requester_email"]):
                errors["requester_email"] = _("This email address is not valid.")
        return values, kind, errors

    def _br_dsr_form_values(self, form=None, errors=None, files=None):
        labels = dict(request.env[DSR_MODEL]._fields["kind"]._description_selection(request.env))
        return {
            "br_kinds": [(kind, labels[kind]) for kind in KINDS],
            "br_form": form or {},
            "br_errors": errors or {},
            "br_files": files,
        }

    def _br_dsr_sudo(self, request_id, access_token=None):
        try:
            return self._document_check_access(DSR_MODEL, request_id, access_token)
        except MissingError as error:
            raise NotFound() from error
        except AccessError as error:
            raise Forbidden() from error

    # -------------------------------------------------------------------- portal
    @http.route(["/my/data-requests"], type="http", auth="user", website=True)
    def portal_my_data_requests(self, **kw):
        Request = request.env[DSR_MODEL]
        requests = Request.search(self._br_dsr_domain()) if Request.has_access("read") else Request
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "br_data_requests", "br_data_requests": requests})
        return request.render("beneficiary_relations.portal_my_data_requests", values)

    @http.route(["/my/data-requests/new"], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_data_request_new(self, **kw):
        files = self._br_dsr_files()
        if not files:
            raise NotFound()
        values = self._prepare_portal_layout_values()
        values.update(self._br_dsr_form_values(form={"kind": kw.get("kind")}, files=files))
        values["page_name"] = "br_data_request_new"
        return request.render("beneficiary_relations.portal_my_data_request_new", values)

    @http.route(["/my/data-requests/new"], type="http", auth="user", website=True, methods=["POST"])
    def portal_my_data_request_create(self, **post):
        files = self._br_dsr_files()
        if not files:
            raise NotFound()
        values, kind, errors = self._br_dsr_check(post)
        beneficiary = files if len(files) == 1 else files.browse()
        if post.get("beneficiary_id"):
            beneficiary = files.filtered(lambda f: str(f.id) == str(post["beneficiary_id"]))
        if not beneficiary:
            errors["beneficiary_id"] = request.env._("Choose whose data the request is about.")
        if errors:
            page = self._prepare_portal_layout_values()
            page.update(self._br_dsr_form_values(post, errors, files))
            page["page_name"] = "br_data_request_new"
            return request.render("beneficiary_relations.portal_my_data_request_new", page)
        partner = request.env.user.partner_id
        # The file is the user's own or one they represent (record rules, checked above):
        # the account is the identity check.
        # sudo: the user's own file or one they represent (_br_dsr_files, record rules)
        beneficiary_sudo = beneficiary.sudo()
        relation = "self" if beneficiary_sudo.partner_id == partner else "guardian"
        dsr = (
            request.env[DSR_MODEL]
            # sudo: the user's own file or one they represent; the request is about it
            .sudo()
            .create(
                {
                    "kind": kind,
                    "details": values["details"] or False,
                    "channel": "portal",
                    "requester_partner_id": partner.id,
                    "requester_relation": relation,
                    "requester_name": partner.name,
                    "requester_email": partner.email or False,
                    "requester_mobile": partner.mobile or False,
                    "beneficiary_id": beneficiary_sudo.id,
                    "company_id": beneficiary_sudo.company_id.id,
                    "user_id": (
                        beneficiary_sudo.company_id.beneficiary_portal_officer_id
                        or beneficiary_sudo.company_id.beneficiary_manager_id
                    ).id,
                    "state": "verified",
                    "identity_method": "portal",
                    "identity_verified_on": fields.Datetime.now(),
                }
            )
        )
        return request.redirect("/my/data-requests/%s?sent=1" % dsr.id)

    @http.route(["/my/data-requests/<int:request_id>"], type="http", auth="public", website=True)
    def portal_my_data_request(self, request_id, access_token=None, sent=None, **kw):
        dsr_sudo = self._br_dsr_sudo(request_id, access_token)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "br_data_request", "br_dsr": dsr_sudo, "br_sent": sent})
        values = self._get_page_view_values(
            dsr_sudo, access_token, values, "my_br_data_requests_history", False
        )
        return request.render("beneficiary_relations.portal_my_data_request", values)

    # -------------------------------------------------------------------- public
    def _br_public_company(self, company_id=None):
        if company_id:
            # sudo: public privacy notice of the association given; nothing else is read
            company = request.env["res.company"].sudo().browse(company_id).exists()
            if not company:
                raise NotFound()
            return company
        return request.env.company

    @http.route(["/data-request"], type="http", auth="public", website=True, methods=["GET"])
    def public_data_request_form(self, **kw):
        if not request.env.user._is_public():
            return request.redirect("/my/data-requests/new")
        values = self._br_dsr_form_values(form={"kind": kw.get("kind")})
        return request.render("beneficiary_relations.public_data_request_form", values)

    @http.route(["/data-request"], type="http", auth="public", website=True, methods=["POST"])
    def public_data_request_submit(self, **post):
        if not request.env.user._is_public():
            return request.redirect("/my/data-requests/new")
        Submission = request.env["beneficiary.public.submission"]
        address = request.httprequest.remote_addr
        if Submission._allowed("data_request", address):
            # Every attempt counts toward the limit, the refused ones too.
            Submission._record("data_request", address)
            values, kind, errors = self._br_dsr_check(post, public=True)
        else:
            errors = {"__all__": Submission._limit_message("data_request")}
        if errors:
            page = self._br_dsr_form_values(post, errors)
            status = 429 if "__all__" in errors else 200
            return request.render(
                "beneficiary_relations.public_data_request_form", page, status=status
            )
        # Nothing is looked up or disclosed here: staff find the file and check the
        # identity before answering (threat model, principle 10).
        company = request.env.company
        dsr = (
            request.env[DSR_MODEL]
            # sudo: public limit above; only what the visitor typed, nothing looked up
            .sudo()
            .create(
                {
                    "kind": kind,
                    "details": values["details"] or False,
                    "channel": "public",
                    "requester_name": values["requester_name"],
                    "requester_national_id": values["national_id"],
                    "requester_mobile": values["requester_mobile"],
                    "requester_email": email_normalize(values["requester_email"]) or False,
                    "company_id": company.id,
                    "user_id": (
                        company.beneficiary_portal_officer_id or company.beneficiary_manager_id
                    ).id,
                }
            )
        )
        return request.render(
            "beneficiary_relations.public_data_request_thanks", {"br_dsr_ref": dsr.name}
        )

    @http.route(["/privacy", "/privacy/<int:company_id>"], type="http", auth="public", website=True)
    def public_privacy_notice(self, company_id=None, **kw):
        company = self._br_public_company(company_id)
        notice = request.env["beneficiary.privacy.notice"]._get_in_force(company)
        return request.render(
            "beneficiary_relations.public_privacy_notice",
            {"br_notice": notice, "br_company": company},
        )
