import logging
import secrets
from datetime import date

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..tools import hijri
from ..tools import uploads as upload_rules

_logger = logging.getLogger(__name__)

SESSION_KEY = "beneficiary_apply"
# Tokens kept per browser session: forms opened, and applications sent.
MAX_PENDING = 20
MAX_DONE = 10


class BeneficiaryApply(http.Controller):
    """Public online application (issue #5): no login needed.

    Only services flagged "Open for Online Applications" are shown. Records are read
    and created as superuser by the model methods, which create only the application's
    own records; the pages never show anything of an existing beneficiary's file.
    """

    # ------------------------------------------------------------------ helpers
    def _services(self):
        return (
            request.env["beneficiary.service"]
            # sudo: public: published, in-scope services of the website's companies only
            .sudo()
            .search(
                [
                    ("portal_published", "=", True),
                    ("in_scope", "=", True),
                    ("company_id", "in", request.env.companies.ids or request.env.company.ids),
                ]
            )
        )

    def _get_service(self, service_id):
        # sudo: public: refused below unless active, in scope and published
        service = request.env["beneficiary.service"].sudo().browse(service_id).exists()
        if not (service and service.active and service.in_scope and service.portal_published):
            raise request.not_found()
        return service

    def _layout_values(self):
        lang = request.env["res.lang"]._get_data(code=request.env.lang or "en_US")
        direction = "rtl" if lang.direction == "rtl" else "ltr"
        return {
            "html_data": {"lang": (lang.code or "en_US").replace("_", "-"), "dir": direction},
            "text_dir": direction,
            # Computed once: url_for() reads the default language at every call.
            "apply_url": self._url("/beneficiary/apply"),
        }

    def _url(self, path):
        """``path`` in the page's language (``/en/...`` when it is not the default)."""
        return request.env["ir.http"]._url_for(path)

    def _session(self):
        data = request.session.get(SESSION_KEY) or {}
        return {"pending": list(data.get("pending", [])), "done": dict(data.get("done", {}))}

    def _save_session(self, data):
        data["pending"] = data["pending"][-MAX_PENDING:]
        data["done"] = dict(list(data["done"].items())[-MAX_DONE:])
        request.session[SESSION_KEY] = data

    def _new_form_token(self):
        data = self._session()
        token = secrets.token_urlsafe(24)
        data["pending"].append(token)
        self._save_session(data)
        return token

    def _render_form(self, service, post=None, errors=None, status=200, guardian_mode=False):
        post = post or {}
        # sudo: public form: only the association's texts and the service's categories
        Request = request.env["beneficiary.support.request"].sudo()
        categories = service._portal_categories()
        chosen = set()
        if hasattr(post, "getlist"):
            for raw in post.getlist("category_ids"):
                if raw.isdigit():
                    chosen.add(int(raw))
        doc_types = service._portal_document_types(categories)
        # Which ticked category asks for each document not asked by the service itself.
        doc_categories = {
            doc_type.id: categories.filtered(lambda c, t=doc_type: t in c.document_type_ids)
            for doc_type in doc_types
            if doc_type not in service.document_type_ids
        }
        values = {
            **self._layout_values(),
            "service": service,
            "post": post,
            "errors": errors or {},
            "categories": categories,
            "chosen_category_ids": chosen,
            "document_types": doc_types,
            "doc_categories": doc_categories,
            # sudo: public list of countries
            "countries": request.env["res.country"].sudo().search([]),
            "saudi_arabia": request.env.ref("base.sa"),
            "terms": Request._portal_terms(service.company_id),
            "criteria": service._portal_criteria_summary(),
            "max_upload_mb": "%g" % upload_rules.max_upload_mb(request.env),
            "form_token": self._new_form_token(),
            # P32: the guardian's form of the service (a guardian applies for the person).
            "guardian_mode": guardian_mode,
            "guardian_url": "%s/%s/guardian" % (self._url("/beneficiary/apply"), service.id),
        }
        if guardian_mode:
            Beneficiary = request.env["beneficiary.beneficiary"]
            values.update(
                {
                    "guardian_relations": Beneficiary._fields[
                        "guardian_relation"
                    ]._description_selection(request.env),
                    "guardian_proof_type": Request._portal_guardian_proof_type(),
                    "guardian_signed_in": not request.env.user._is_public(),
                }
            )
        return request.render("beneficiary_relations.beneficiary_apply_form", values, status=status)

    def _read_uploads(self, service, max_mb, extra_types=None):
        """``{document type id: (file name, bytes)}`` of the files sent, each read up to
        one byte past the limit (the check reports it as too big)."""
        limit = int(max_mb * 1024 * 1024) + 1
        uploads = {}
        doc_types = service._portal_document_types(service._portal_categories())
        if extra_types:
            doc_types |= extra_types
        for doc_type in doc_types:
            storage = request.httprequest.files.get("document_%s" % doc_type.id)
            if storage and storage.filename:
                uploads[doc_type.id] = (storage.filename, storage.stream.read(limit))
        return uploads

    # ------------------------------------------------------------------ routes
    @http.route("/beneficiary/apply", type="http", auth="public", website=True, sitemap=False)
    def apply_services(self, **kwargs):
        services = self._services()
        return request.render(
            "beneficiary_relations.beneficiary_apply_services",
            {**self._layout_values(), "services": services},
        )

    @http.route(
        "/beneficiary/apply/<int:service_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def apply_form(self, service_id, **kwargs):
        service = self._get_service(service_id)
        return self._render_form(service, post=self._prefill(service))

    def _prefill(self, service):
        """A signed-in beneficiary's own file fills the form (P5): only what changed
        needs typing. Visitors get an empty form."""
        user = request.env.user
        if user._is_public():
            return {}
        beneficiary = (
            request.env["beneficiary.beneficiary"]
            # sudo: the signed-in user's own file (their partner) in the service's association
            .sudo()
            .search(
                [
                    ("partner_id", "=", user.partner_id.id),
                    ("company_id", "=", service.company_id.id),
                    ("state", "in", ("draft", "registered", "active")),
                ],
                limit=1,
            )
        )
        return beneficiary._portal_apply_prefill() if beneficiary else {}

    @http.route(
        "/beneficiary/apply/<int:service_id>",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def apply_submit(self, service_id, **kwargs):
        return self._apply_submit(self._get_service(service_id))

    @http.route(
        "/beneficiary/apply/<int:service_id>/guardian",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def apply_guardian_form(self, service_id, **kwargs):
        """P32: a guardian or legal representative applies for a minor or a person they
        represent (never pre-filled: the form is about the other person)."""
        return self._render_form(self._get_service(service_id), guardian_mode=True)

    @http.route(
        "/beneficiary/apply/<int:service_id>/guardian",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def apply_guardian_submit(self, service_id, **kwargs):
        return self._apply_submit(self._get_service(service_id), guardian_mode=True)

    def _apply_submit(self, service, guardian_mode=False):
        form = request.httprequest.form
        token = form.get("form_token") or ""
        session = self._session()
        if token in session["done"]:
            # Sent twice (double click, reload, back button): the first one counts.
            return request.redirect(self._url("/beneficiary/apply/thanks/%s?again=1" % token))
        _ = request.env._
        Submission = request.env["beneficiary.public.submission"]
        address = request.httprequest.remote_addr
        if not Submission._allowed("apply", address):
            return self._render_form(
                service,
                form,
                {"__all__": Submission._limit_message("apply")},
                status=429,
                guardian_mode=guardian_mode,
            )
        # P10: every attempt counts toward the limit, whatever its outcome (an expired
        # form, a typing mistake, an ID number on file), not only the applications taken.
        Submission._record("apply", address)
        if token not in session["pending"]:
            return self._render_form(
                service,
                form,
                {"__all__": _("This form has expired: check your data and send it again.")},
                guardian_mode=guardian_mode,
            )
        # sudo: public limit and form token above; the model creates only this application
        Request = request.env["beneficiary.support.request"].sudo()
        user = request.env.user
        signed_in = not user._is_public()
        uploads = self._read_uploads(
            service,
            upload_rules.max_upload_mb(request.env),
            extra_types=Request._portal_guardian_proof_type() if guardian_mode else None,
        )
        if guardian_mode:
            values, errors = Request._portal_guardian_apply_check(
                service, form, uploads, guardian_user=user if signed_in else None
            )
        else:
            values, errors = Request._portal_apply_check(service, form, uploads)
        if errors:
            return self._render_form(service, form, errors, guardian_mode=guardian_mode)
        meta = {
            "ip": request.httprequest.remote_addr,
            "user_agent": (request.httprequest.user_agent.string or "")[:300],
            "lang": request.env.lang,
        }
        try:
            with request.env.cr.savepoint():
                if guardian_mode:
                    # The signed-in user applies as the guardian; a visitor's contact is
                    # created with what they typed.
                    result = Request._portal_guardian_apply(
                        service, values, meta, guardian_user=user if signed_in else None
                    )
                else:
                    # Only a signed-in owner applies on their own file; a visitor never does.
                    applicant = user.partner_id if signed_in else None
                    result = Request._portal_apply(service, values, meta, applicant=applicant)
        except (UserError, ValidationError) as error:
            # The message may quote what was typed (an ID number): never in the server log.
            _logger.info("Online application refused by a check (%s)", type(error).__name__)
            return self._render_form(
                service, form, {"__all__": str(error)}, guardian_mode=guardian_mode
            )
        taken = {
            "email_taken": (
                "email",
                _("An account already uses this email: log in to apply, or use another email."),
            ),
            "guardian_email_taken": (
                "guardian_email",
                _(
                    "An account already uses this email: log in to apply for the person you "
                    "represent, or use another email."
                ),
            ),
        }.get(result["status"])
        if taken:
            return self._render_form(
                service, form, {taken[0]: taken[1]}, guardian_mode=guardian_mode
            )
        # P10: the same answer whether the ID number is new or on file (then nothing was
        # created and the owner was told at the contact data on file): the page shows
        # only what the visitor typed, never a reference or an account of a file.
        session = self._session()
        if token in session["pending"]:
            session["pending"].remove(token)
        session["done"][token] = {
            "service_id": service.id,
            "birth_date": values["birth_date"].isoformat(),
        }
        self._save_session(session)
        return request.redirect(self._url("/beneficiary/apply/thanks/%s" % token))

    @http.route(
        "/beneficiary/apply/thanks/<string:token>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def apply_thanks(self, token, again=None, **kwargs):
        # Only the browser that sent the application sees this page.
        done = self._session()["done"].get(token)
        if not done or not done.get("service_id"):
            raise request.not_found()
        # sudo: the service id was saved in this browser's session by its own application
        service = request.env["beneficiary.service"].sudo().browse(done["service_id"])
        birth_date = date.fromisoformat(done["birth_date"])
        return request.render(
            "beneficiary_relations.beneficiary_apply_thanks",
            {
                **self._layout_values(),
                "service": service,
                "birth_date": birth_date,
                "birth_date_hijri": hijri.hijri_str(birth_date),
                "again": bool(again),
            },
        )
