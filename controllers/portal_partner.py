import base64

from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..tools import uploads

PARTNER_REQUEST_MODEL = "beneficiary.partner.request"
MOU_MODEL = "beneficiary.mou"
MOU_REPORT_MODEL = "beneficiary.mou.report"
MOU_PDF = "beneficiary_relations.action_report_mou"
MAX_FILES = 10


class PartnerAssociationPortal(CustomerPortal):
    """Partner associations on the portal (P21, P25): file formal service requests,
    follow them and their MOUs, download the MOU and send the periodic impact reports.

    Reads go through the record rules (the association's own records only); writes are
    done sudo after the access check, the portal's access rights being read-only.
    """

    _br_partner_per_page = 20

    # ------------------------------------------------------------------ helpers
    def _br_association(self):
        """The current user's association, or an empty recordset."""
        partner = request.env.user.commercial_partner_id
        return partner if partner.is_partner_association else partner.browse()

    def _br_partner_domain(self):
        return [("partner_id", "child_of", request.env.user.commercial_partner_id.id)]

    def _br_check(self, model, record_id):
        """The record, sudo, once the current user may read it; 404/403 otherwise."""
        try:
            return self._document_check_access(model, record_id)
        except MissingError as error:
            raise NotFound() from error
        except AccessError as error:
            raise Forbidden() from error

    @staticmethod
    def _br_read_upload(upload):
        """``(name, content)`` of an uploaded file, once its type and size are checked.

        :raise UserError: empty, too large or of a type not accepted
        """
        content = upload.read()
        error = uploads.upload_error(
            request.env, content, name=upload.filename, allowed=uploads.PARTNER_MIMETYPES
        )
        if error:
            raise UserError(error)
        return upload.filename, content

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        domain = self._br_partner_domain()
        if "br_partner_request_count" in counters:
            Request = request.env[PARTNER_REQUEST_MODEL]
            values["br_partner_request_count"] = (
                Request.search_count(domain) if Request.has_access("read") else 0
            )
        if "br_mou_count" in counters:
            Mou = request.env[MOU_MODEL]
            values["br_mou_count"] = (
                Mou.search_count(domain + [("state", "!=", "draft")])
                if Mou.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------ requests
    @http.route(
        ["/my/partner-requests", "/my/partner-requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_partner_requests(self, page=1, **kw):
        Request = request.env[PARTNER_REQUEST_MODEL]
        domain = self._br_partner_domain()
        total = Request.search_count(domain)
        pager = portal_pager(
            url="/my/partner-requests", total=total, page=page, step=self._br_partner_per_page
        )
        requests = Request.search(
            domain,
            order="submit_date desc, id desc",
            limit=self._br_partner_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "br_partner_requests": requests,
                "br_association": self._br_association(),
                "page_name": "br_partner_requests",
                "default_url": "/my/partner-requests",
                "pager": pager,
            }
        )
        return request.render("beneficiary_relations.portal_my_partner_requests", values)

    @http.route(["/my/partner-requests/<int:request_id>"], type="http", auth="user", website=True)
    def portal_my_partner_request(self, request_id, **kw):
        request_sudo = self._br_check(PARTNER_REQUEST_MODEL, request_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "br_partner_request": request_sudo,
                "page_name": "br_partner_request",
                "br_created": kw.get("created"),
            }
        )
        return request.render("beneficiary_relations.portal_my_partner_request", values)

    @http.route(
        ["/my/partner-requests/<int:request_id>/documents/<int:attachment_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_partner_request_document(self, request_id, attachment_id, **kw):
        """A document of the association's own request (portal users cannot read
        attachments directly).

        Streamed as superuser only once the file is proven to be this request's: listed
        in its documents *and* attached to it (``res_model``/``res_id``; 0 while staff
        upload it on a request not saved yet). A file of another record linked there by
        mistake is never served.
        """
        request_sudo = self._br_check(PARTNER_REQUEST_MODEL, request_id)
        attachment_sudo = request_sudo.attachment_ids.filtered(
            lambda a: (
                a.id == attachment_id
                and a.res_model == PARTNER_REQUEST_MODEL
                and a.res_id in (0, request_sudo.id)
                and not a.res_field
            )
        )
        if not attachment_sudo:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(attachment_sudo)
        return stream.get_response(as_attachment=True)

    def _br_request_form_values(self, form=None, errors=None):
        association = self._br_association()
        company = request.env.company
        services = (
            request.env["beneficiary.service"]
            # sudo: in-scope services of the user's association's company
            .sudo()
            .search([("company_id", "=", company.id), ("in_scope", "=", True)])
        )
        regions = request.env["beneficiary.region"].search([])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "br_partner_request_new",
                "br_association": association,
                "br_services": services,
                "br_regions": regions,
                "form": form or {"region_id": str(association.association_region_id.id or "")},
                "errors": errors or {},
                "br_max_upload_mb": "%g" % uploads.max_upload_mb(request.env),
            }
        )
        return values

    @http.route(
        ["/my/partner-requests/new"], type="http", auth="user", website=True, methods=["GET"]
    )
    def portal_partner_request_new(self, **kw):
        if not self._br_association():
            raise Forbidden()
        return request.render(
            "beneficiary_relations.portal_partner_request_form", self._br_request_form_values()
        )

    @http.route(
        ["/my/partner-requests/new"], type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_partner_request_create(self, **post):
        association = self._br_association()
        if not association:
            raise Forbidden()
        _ = request.env._
        values = self._br_request_form_values(form=post)
        errors = {}
        service = values["br_services"].filtered(lambda s: str(s.id) == post.get("service_id"))
        if not service:
            errors["service_id"] = _("Choose the service you request.")
        region = values["br_regions"].filtered(lambda r: str(r.id) == post.get("region_id"))
        if not region:
            errors["region_id"] = _("Choose the region where the service will be delivered.")
        try:
            expected = int(post.get("expected_beneficiaries") or 0)
        except ValueError:
            expected = 0
        if expected <= 0:
            errors["expected_beneficiaries"] = _("Give the expected number of beneficiaries.")
        objectives = (post.get("objectives") or "").strip()
        if not objectives:
            errors["objectives"] = _("Describe the objectives of the service.")
        dates = {}
        for key in ("date_start", "date_end"):
            try:
                dates[key] = fields.Date.to_date(post.get(key) or None)
            except ValueError:
                errors[key] = _("Give a valid date.")
        start, end = dates.get("date_start"), dates.get("date_end")
        if start and end and start > end:
            errors["date_end"] = _("The period must end after it starts.")
        uploads = [f for f in request.httprequest.files.getlist("documents") if f.filename]
        files = []
        if len(uploads) > MAX_FILES:
            errors["documents"] = _("Attach at most %(count)s files.", count=MAX_FILES)
        else:
            try:
                files = [self._br_read_upload(upload) for upload in uploads]
            except UserError as error:
                errors["documents"] = str(error)
        if errors:
            values["errors"] = errors
            return request.render("beneficiary_relations.portal_partner_request_form", values)
        user = request.env.user
        request_sudo = (
            request.env[PARTNER_REQUEST_MODEL]
            # sudo: _br_association checked the user speaks for a partner association
            .sudo()
            .create(
                {
                    "partner_id": association.id,
                    "contact_id": user.partner_id.id if user.partner_id != association else False,
                    "company_id": request.env.company.id,
                    "region_id": region.id,
                    "service_id": service.id,
                    "expected_beneficiaries": expected,
                    "objectives": objectives,
                    "date_start": dates.get("date_start"),
                    "date_end": dates.get("date_end"),
                    "channel": "portal",
                    "user_id": False,
                }
            )
        )
        if files:
            attachments = (
                request.env["ir.attachment"]
                # sudo: files uploaded for the request just created by this user
                .sudo()
                .create(
                    [
                        {
                            "name": name,
                            "raw": content,
                            "res_model": PARTNER_REQUEST_MODEL,
                            "res_id": request_sudo.id,
                        }
                        for name, content in files
                    ]
                )
            )
            request_sudo.attachment_ids = attachments
        request_sudo.message_post(
            body=_("Request filed on the portal by %(name)s.", name=user.name),
            subtype_xmlid="mail.mt_note",
        )
        return request.redirect("/my/partner-requests/%s?created=1" % request_sudo.id)

    # ------------------------------------------------------------------ MOUs
    @http.route(["/my/mous", "/my/mous/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_mous(self, page=1, **kw):
        Mou = request.env[MOU_MODEL]
        domain = self._br_partner_domain() + [("state", "!=", "draft")]
        total = Mou.search_count(domain)
        pager = portal_pager(url="/my/mous", total=total, page=page, step=self._br_partner_per_page)
        mous = Mou.search(domain, limit=self._br_partner_per_page, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "br_mous": mous,
                "page_name": "br_mous",
                "default_url": "/my/mous",
                "pager": pager,
            }
        )
        return request.render("beneficiary_relations.portal_my_mous", values)

    def _br_mou_sudo(self, mou_id):
        mou_sudo = self._br_check(MOU_MODEL, mou_id)
        if mou_sudo.state == "draft":
            raise NotFound()
        return mou_sudo

    @http.route(["/my/mous/<int:mou_id>"], type="http", auth="user", website=True)
    def portal_my_mou(self, mou_id, **kw):
        mou_sudo = self._br_mou_sudo(mou_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "br_mou": mou_sudo,
                "page_name": "br_mou",
                "br_uploaded": kw.get("uploaded"),
                "br_today": fields.Date.context_today(mou_sudo),
            }
        )
        return request.render("beneficiary_relations.portal_my_mou", values)

    @http.route(["/my/mous/<int:mou_id>/pdf"], type="http", auth="user", website=True)
    def portal_my_mou_pdf(self, mou_id, **kw):
        mou_sudo = self._br_mou_sudo(mou_id)
        return self._show_report(
            model=mou_sudo.with_context(lang=mou_sudo._print_lang()),
            report_type="pdf",
            report_ref=MOU_PDF,
            download=True,
        )

    def _br_report_sudo(self, mou_id, report_id):
        report_sudo = self._br_check(MOU_REPORT_MODEL, report_id)
        if report_sudo.mou_id.id != mou_id:
            raise NotFound()
        return report_sudo

    def _br_report_form(self, report_sudo, form=None, errors=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "br_mou": report_sudo.mou_id,
                "br_report": report_sudo,
                "page_name": "br_mou_report",
                "form": form or {},
                "errors": errors or {},
                "br_max_upload_mb": "%g" % uploads.max_upload_mb(request.env),
            }
        )
        return request.render("beneficiary_relations.portal_mou_report_form", values)

    @http.route(
        ["/my/mous/<int:mou_id>/reports/<int:report_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_mou_report(self, mou_id, report_id, **kw):
        return self._br_report_form(self._br_report_sudo(mou_id, report_id))

    @http.route(
        ["/my/mous/<int:mou_id>/reports/<int:report_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_mou_report_submit(self, mou_id, report_id, **post):
        report_sudo = self._br_report_sudo(mou_id, report_id)
        _ = request.env._
        errors = {}
        if report_sudo.state != "pending":
            errors["form"] = _("This report has already been sent.")
        achieved = {}
        for line in report_sudo.line_ids:
            raw = (post.get("achieved_%s" % line.id) or "").strip()
            try:
                value = float(raw) if raw else 0.0
            except ValueError:
                value = -1
            if value < 0:
                errors["achieved_%s" % line.id] = _("Give a number, zero or more.")
            achieved[line] = value
        report_values = {"summary": (post.get("summary") or "").strip()}
        upload = request.httprequest.files.get("file")
        if upload and upload.filename:
            try:
                name, content = self._br_read_upload(upload)
                report_values.update(file=base64.b64encode(content), file_name=name)
            except UserError as error:
                errors["file"] = str(error)
        if not errors and not (report_values.get("file") or report_values["summary"]):
            errors["file"] = _("Attach the report or describe the impact achieved.")
        if not errors:
            try:
                report_sudo._submit(report_values, achieved, submitted_by=request.env.user)
            except (UserError, ValidationError) as error:
                errors["form"] = str(error)
        if errors:
            return self._br_report_form(report_sudo, form=post, errors=errors)
        return request.redirect("/my/mous/%s?uploaded=%s" % (mou_id, report_id))
