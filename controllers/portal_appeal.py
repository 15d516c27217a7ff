from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..tools import uploads
from .portal import BeneficiaryPortal

APPEAL_MODEL = "beneficiary.appeal"
APPEAL_LETTER = "beneficiary_relations.action_report_appeal_letter"


class BeneficiaryAppealPortal(BeneficiaryPortal):
    """Appeals on the portal (P29): from a rejected request's page, within the period,
    with reasons and documents; the appeal's page with its state and letter."""

    def _br_appeal_sudo(self, appeal_id, access_token=None):
        """The appeal, sudo, once the user may read it (own or valid token)."""
        try:
            return self._document_check_access(APPEAL_MODEL, appeal_id, access_token)
        except MissingError as error:
            raise NotFound() from error
        except AccessError as error:
            raise Forbidden() from error

    def _br_token_suffix(self, access_token):
        return "?access_token=%s" % access_token if access_token else ""

    def _br_appeal_form(self, request_sudo, access_token=None, form=None, error=None, status=200):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "br_appeal_new",
                "br_request": request_sudo,
                "br_refusal": request_sudo._appeal_refusal(),
                "br_appeal_until": request_sudo._dual_date(request_sudo._appeal_deadline()),
                "br_max_upload_mb": "%g" % uploads.max_upload_mb(request.env),
                "access_token": access_token,
                "form": form or {},
                "error": error,
            }
        )
        return request.render("beneficiary_relations.portal_appeal_form", values, status=status)

    @http.route(
        ["/my/requests/<int:request_id>/appeal"],
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
    )
    def portal_request_appeal_form(self, request_id, access_token=None, **kw):
        if request.env.user._is_public() and not access_token:
            return request.redirect("/web/login?redirect=/my/requests/%s/appeal" % request_id)
        request_sudo = self._br_request_sudo(request_id, access_token)
        return self._br_appeal_form(request_sudo, access_token)

    @http.route(
        ["/my/requests/<int:request_id>/appeal"],
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def portal_request_appeal_file(self, request_id, access_token=None, reasons=None, **kw):
        """File the appeal: refused after the period (message with the last day, in
        Gregorian and Hijri), without reasons, or with files of the wrong type or size;
        what was typed is kept."""
        request_sudo = self._br_request_sudo(request_id, access_token)
        _ = request.env._
        form = {"reasons": reasons or ""}
        # sudo: _br_request_sudo checked the request is the user's (or token)
        Appeal = request.env[APPEAL_MODEL].sudo()
        refusal = request_sudo._appeal_refusal()
        if refusal:
            return self._br_appeal_form(request_sudo, access_token, form, refusal, status=403)
        if not (reasons or "").strip():
            error = _("Write why you contest the decision.")
            return self._br_appeal_form(request_sudo, access_token, form, error, status=400)
        max_bytes = uploads.max_upload_bytes(request.env)
        files = [
            (
                upload.filename.replace("/", "_").replace("\\", "_")[-200:],
                upload.read(max_bytes + 1),
            )
            for upload in request.httprequest.files.getlist("documents")
            if upload.filename
        ]
        error = Appeal._portal_check_files(request_sudo, files)
        if error:
            return self._br_appeal_form(request_sudo, access_token, form, error, status=400)
        try:
            with request.env.cr.savepoint():
                appeal_sudo = Appeal._portal_file(
                    request_sudo, reasons, files, author=self._br_author(request_sudo)
                )
        except (UserError, ValidationError) as exception:
            return self._br_appeal_form(
                request_sudo, access_token, form, str(exception), status=400
            )
        url = appeal_sudo.access_url + "?filed=1"
        if access_token:
            url += "&access_token=%s" % appeal_sudo._portal_ensure_token()
        return request.redirect(url)

    @http.route(["/my/appeals/<int:appeal_id>"], type="http", auth="public", website=True)
    def portal_my_appeal(
        self, appeal_id, access_token=None, report_type=None, download=False, **kw
    ):
        if request.env.user._is_public() and not access_token:
            return request.redirect("/web/login?redirect=/my/appeals/%s" % appeal_id)
        appeal_sudo = self._br_appeal_sudo(appeal_id, access_token)
        if report_type in ("html", "pdf"):
            if not appeal_sudo._portal_has_letter():
                raise NotFound()
            return self._show_report(
                model=appeal_sudo,
                report_type=report_type,
                report_ref=APPEAL_LETTER,
                download=download in (True, "true", "1"),
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "br_appeal",
                "br_appeal": appeal_sudo,
                "br_request": appeal_sudo.request_id,
                "br_filed": bool(kw.get("filed")),
                "br_withdrawn": bool(kw.get("withdrawn")),
            }
        )
        values = self._get_page_view_values(
            appeal_sudo, access_token, values, "my_br_appeals_history", False
        )
        return request.render("beneficiary_relations.portal_my_appeal", values)

    @http.route(
        ["/my/appeals/<int:appeal_id>/withdraw"],
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def portal_my_appeal_withdraw(self, appeal_id, access_token=None, **kw):
        appeal_sudo = self._br_appeal_sudo(appeal_id, access_token)
        try:
            with request.env.cr.savepoint():
                appeal_sudo._portal_withdraw(author=self._br_author(appeal_sudo))
        except UserError as error:
            raise Forbidden() from error
        url = appeal_sudo.access_url + "?withdrawn=1"
        if access_token:
            url += "&access_token=%s" % access_token
        return request.redirect(url)

    @http.route(
        ["/my/appeals/<int:appeal_id>/documents/<int:attachment_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_appeal_document(self, appeal_id, attachment_id, access_token=None, **kw):
        """A document of the user's own appeal: streamed as superuser only once it is
        proven to be uploaded to this appeal."""
        appeal_sudo = self._br_appeal_sudo(appeal_id, access_token)
        attachment_sudo = appeal_sudo._portal_documents().filtered(lambda a: a.id == attachment_id)
        if not attachment_sudo:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(attachment_sudo)
        return stream.get_response(as_attachment=True)
