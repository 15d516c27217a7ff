import json

from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request

from ..models.beneficiary_beneficiary_portal import PORTAL_PROFILE_FIELDS
from ..models.beneficiary_service import OPEN_STATES
from ..tools import uploads

REQUEST_MODEL = "beneficiary.support.request"
DECIDED_STATES = ("approved", "rejected", "referred", "in_service", "done")
DECISION_LETTER = "beneficiary_relations.action_report_decision_letter"


class BeneficiaryPortal(CustomerPortal):
    """The beneficiary's own pages (P4, P5, P10, P18): requests, documents, profile."""

    _br_requests_per_page = 20

    # ------------------------------------------------------------------ helpers
    def _br_requests_domain(self):
        """The current user's own requests and those of the people they are the recorded
        guardian of (P32); staff who open /my see only theirs too."""
        partner_id = request.env.user.partner_id.id
        return [
            "|",
            ("partner_id", "=", partner_id),
            ("guardian_partner_id", "=", partner_id),
        ]

    def _br_beneficiaries(self):
        """The current user's beneficiary files (one per association), newest first."""
        return request.env["beneficiary.beneficiary"].search(
            [("partner_id", "=", request.env.user.partner_id.id)]
        )

    def _br_author(self, record_sudo):
        """Who acts: the signed-in user, or the record's contact for a token link."""
        user = request.env.user
        return record_sudo.partner_id if user._is_public() else user.partner_id

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Request = request.env[REQUEST_MODEL]
        can_read = Request.has_access("read")
        if "br_request_count" in counters:
            values["br_request_count"] = (
                Request.search_count(self._br_requests_domain()) if can_read else 0
            )
        if "br_request_open_count" in counters:
            values["br_request_open_count"] = (
                Request.search_count(self._br_requests_domain() + [("state", "in", OPEN_STATES)])
                if can_read
                else 0
            )
        if {"br_profile_count", "br_apply_count"} & set(counters):
            # The file card, and the "apply for a service" card whose form is filled from
            # the file (P5): both shown to those who have a file.
            Beneficiary = request.env["beneficiary.beneficiary"]
            count = (
                Beneficiary.search_count([("partner_id", "=", request.env.user.partner_id.id)])
                if Beneficiary.has_access("read")
                else 0
            )
            values.update(
                {key: count for key in ("br_profile_count", "br_apply_count") if key in counters}
            )
        return values

    def _br_searchbar_sortings(self):
        _ = request.env._
        return {
            "date": {"label": _("Newest"), "order": "submit_date desc, id desc"},
            "deadline": {
                "label": _("Expected decision date"),
                "order": "decision_deadline, id desc",
            },
            "state": {"label": _("Status"), "order": "state, id desc"},
        }

    def _br_searchbar_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("In progress"), "domain": [("state", "in", OPEN_STATES)]},
            "decided": {"label": _("Decided"), "domain": [("state", "in", DECIDED_STATES)]},
            "cancelled": {"label": _("Cancelled"), "domain": [("state", "=", "cancelled")]},
        }

    # ---------------------------------------------------------------- requests
    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_requests(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Request = request.env[REQUEST_MODEL]
        sortings = self._br_searchbar_sortings()
        filters = self._br_searchbar_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = self._br_requests_domain() + filters[filterby]["domain"]
        total = Request.search_count(domain)
        pager = portal_pager(
            url="/my/requests",
            url_args={"sortby": sortby, "filterby": filterby},
            total=total,
            page=page,
            step=self._br_requests_per_page,
        )
        requests = Request.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._br_requests_per_page,
            offset=pager["offset"],
        )
        request.session["my_br_requests_history"] = requests.ids[:100]
        values.update(
            {
                "br_requests": requests,
                "page_name": "br_requests",
                "default_url": "/my/requests",
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("beneficiary_relations.portal_my_requests", values)

    def _br_request_sudo(self, request_id, access_token=None):
        """The request, sudo, once the user may read it (own or valid token).

        :raise Forbidden: not the user's request and no valid token
        :raise NotFound: no such request
        """
        try:
            return self._document_check_access(REQUEST_MODEL, request_id, access_token)
        except MissingError as error:
            raise NotFound() from error
        except AccessError as error:
            raise Forbidden() from error

    def _br_request_page(self, request_sudo, access_token=None, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "br_request": request_sudo,
                "page_name": "br_request",
                "br_timeline": request_sudo._portal_timeline(),
                "br_reasons": request_sudo._portal_decision_reasons(),
                "br_pending_types": request_sudo._portal_pending_document_types(),
                "br_max_upload_mb": "%g" % uploads.max_upload_mb(request.env),
                "upload_error": kw.get("upload_error"),
                "upload_done": kw.get("upload") == "done",
            }
        )
        values = self._get_page_view_values(
            request_sudo, access_token, values, "my_br_requests_history", False
        )
        return request.render("beneficiary_relations.portal_my_request", values)

    @http.route(["/my/requests/<int:request_id>"], type="http", auth="public", website=True)
    def portal_my_request(
        self, request_id, access_token=None, report_type=None, download=False, **kw
    ):
        if request.env.user._is_public() and not access_token:
            # A link without its token: the beneficiary signs in first.
            return request.redirect("/web/login?redirect=/my/requests/%s" % request_id)
        request_sudo = self._br_request_sudo(request_id, access_token)
        if report_type in ("html", "pdf"):
            if not request_sudo._portal_has_letter():
                raise NotFound()
            return self._show_report(
                model=request_sudo,
                report_type=report_type,
                report_ref=DECISION_LETTER,
                download=download in (True, "true", "1"),
            )
        return self._br_request_page(request_sudo, access_token, upload=kw.get("upload"))

    @http.route(
        ["/my/requests/<int:request_id>/document"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_my_request_document(
        self,
        request_id,
        access_token=None,
        document_type_id=None,
        file=None,
        expiry_date=None,
        **kw,
    ):
        """Receive a missing document from the beneficiary (P6, P17)."""
        request_sudo = self._br_request_sudo(request_id, access_token)
        # sudo: _portal_check_upload below accepts only a type requested for this request
        document_type = request.env["beneficiary.document.type"].sudo()
        if document_type_id and str(document_type_id).isdigit():
            document_type = document_type.browse(int(document_type_id)).exists()
        max_bytes = uploads.max_upload_bytes(request.env)
        raw = file.read(max_bytes + 1) if hasattr(file, "read") else b""
        try:
            expiry = fields.Date.to_date(expiry_date) if expiry_date else None
        except ValueError:
            expiry = None
        error = request_sudo._portal_check_upload(document_type, raw, expiry)
        if not error:
            file_name = getattr(file, "filename", "") or document_type.name or "document"
            file_name = file_name.replace("/", "_").replace("\\", "_")[-200:]
            try:
                with request.env.cr.savepoint():
                    request_sudo._portal_upload_document(
                        document_type, file_name, raw, expiry, author=self._br_author(request_sudo)
                    )
            except (UserError, ValidationError) as exception:
                error = str(exception)
        if error:
            return self._br_request_page(request_sudo, access_token, upload_error=error)
        url = request_sudo.access_url + "?upload=done"
        if access_token:
            url += "&access_token=%s" % access_token
        return request.redirect(url + "#br_documents")

    # ----------------------------------------------------------------- profile
    def _br_profile_page(self, beneficiary, form=None, errors=None, **extra):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "br_profile",
                # sudo: the user's own file (_br_beneficiaries, record rules)
                "beneficiary": beneficiary.sudo() if beneficiary else beneficiary,
                "form": form or (beneficiary._portal_profile_values() if beneficiary else {}),
                "errors": errors or {},
                **extra,
            }
        )
        return request.render("beneficiary_relations.portal_my_profile", values)

    @http.route(["/my/profile"], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_profile(self, saved=None, review_confirmed=None, **kw):
        beneficiary = self._br_beneficiaries()[:1]
        return self._br_profile_page(
            beneficiary, saved=bool(saved), review_confirmed=bool(review_confirmed)
        )

    @http.route(["/my/profile"], type="http", auth="user", website=True, methods=["POST"])
    def portal_my_profile_save(self, **post):
        beneficiary = self._br_beneficiaries()[:1]
        if not beneficiary:
            raise NotFound()
        form = {name: post.get(name, "") for name in PORTAL_PROFILE_FIELDS}
        values, errors = beneficiary._portal_validate_profile(form)
        general_error = None
        if not errors:
            try:
                with request.env.cr.savepoint():
                    beneficiary._portal_update_profile(values)
            except (UserError, ValidationError) as exception:
                general_error = str(exception)
        if errors or general_error:
            return self._br_profile_page(
                beneficiary, form=form, errors=errors, general_error=general_error
            )
        return request.redirect("/my/profile?saved=1")

    @http.route(
        ["/my/profile/confirm-review"], type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_profile_confirm_review(self, **post):
        """The beneficiary confirms their data after a periodic review (P19)."""
        beneficiary = self._br_beneficiaries()[:1]
        if not beneficiary:
            raise NotFound()
        # The file is the user's own (record rules); its pending review is confirmed.
        # sudo: the user's own file (_br_beneficiaries, record rules); its pending review
        review = beneficiary.sudo().review_pending_confirmation_id
        if not review:
            return request.redirect("/my/profile")
        review._confirm_by_beneficiary()
        return request.redirect("/my/profile?review_confirmed=1")

    @http.route(["/my/profile/export"], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_profile_export(self, format="json", **kw):
        """A copy of the data held about the user (PDPL right of access): own data only."""
        beneficiaries = self._br_beneficiaries()
        if not beneficiaries:
            raise NotFound()
        # sudo: the user's own files (_br_beneficiaries, record rules)
        data = beneficiaries.sudo()._portal_export_data()
        if format == "html":
            values = self._prepare_portal_layout_values()
            values.update(
                {
                    "page_name": "br_profile_export",
                    "data": data,
                    "labels": beneficiaries._portal_export_labels(),
                }
            )
            return request.render("beneficiary_relations.portal_my_data_export", values)
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        filename = "my-data-%s.json" % "-".join(beneficiaries.mapped("ref")).replace("/", "-")
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Disposition", content_disposition(filename)),
                ("Cache-Control", "no-store"),
            ],
        )
