from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import email_normalize

SUGGESTION_MODEL = "beneficiary.suggestion"
OPEN_STATES = ("new", "acknowledged", "in_progress")
KINDS = ("suggestion", "complaint")
MAX_LENGTH = {"name": 200, "description": 5000, "contact_name": 120, "phone": 30}


class BeneficiarySuggestionPortal(CustomerPortal):
    """Suggestions and complaints from the portal and the public form (P28)."""

    _br_suggestions_per_page = 20

    def _br_suggestions_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "br_suggestion_count" in counters:
            Suggestion = request.env[SUGGESTION_MODEL]
            values["br_suggestion_count"] = (
                Suggestion.search_count(self._br_suggestions_domain())
                if Suggestion.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------ helpers
    def _br_suggestion_form_values(self, form=None, errors=None):
        categories = (
            request.env["beneficiary.suggestion.category"]
            # sudo: categories of the user's company offered on the form
            .sudo()
            .search([("company_id", "in", (False, request.env.company.id))])
        )
        return {
            "br_categories": categories,
            "br_form": form or {},
            "br_errors": errors or {},
        }

    def _br_suggestion_check(self, post, public=False):
        """Validated values of the form, and the errors by field (translated)."""
        _ = request.env._
        errors = {}
        values = {key: (post.get(key) or "").strip() for key in MAX_LENGTH}
        values["email"] = (post.get("email") or "").strip()
        kind = post.get("kind")
        if kind not in KINDS:
            errors["kind"] = _("Choose whether it is a suggestion or a complaint.")
        if not values["name"]:
            errors["name"] = _("Give a short subject.")
        if not values["description"]:
            errors["description"] = _("Write your suggestion or complaint.")
        for key, limit in MAX_LENGTH.items():
            if len(values[key]) > limit:
                errors[key] = _("At most %(count)s characters.", count=limit)
        # sudo: the suggestion's check_company refuses another association's category
        category = request.env["beneficiary.suggestion.category"].sudo()
        if str(post.get("category_id") or "").isdigit():
            category = category.browse(int(post["category_id"])).exists()
        if public:
            if not values["contact_name"]:
                errors["contact_name"] = _("Give your name so that we can answer you.")
            if values["email"] and not email_normalize(values["email"]):
                errors["email"] = _("This email address is not valid.")
            if not values["email"] and not values["phone"]:
                errors["email"] = _("Give an email address or a mobile number to get our answer.")
        return values, kind, category, errors

    def _br_create_suggestion(self, partner, values, kind, category):
        medium = request.env.ref(
            "beneficiary_relations.utm_medium_website", raise_if_not_found=False
        )
        beneficiary = (
            request.env["beneficiary.beneficiary"]
            # sudo: only the sender's own file (their partner), for the association
            .sudo()
            .search([("partner_id", "=", partner.id)], limit=1)
        )
        return (
            request.env[SUGGESTION_MODEL]
            # sudo: public limit or signed-in sender checked; the sender's own suggestion
            .sudo()
            .create(
                {
                    "name": values["name"],
                    "description": values["description"],
                    "kind": kind,
                    "category_id": category.id,
                    "partner_id": partner.id,
                    "channel_id": medium.id if medium else False,
                    "company_id": (beneficiary.company_id or request.env.company).id,
                }
            )
        )

    def _br_suggestion_sudo(self, suggestion_id, access_token=None):
        try:
            return self._document_check_access(SUGGESTION_MODEL, suggestion_id, access_token)
        except MissingError as error:
            raise NotFound() from error
        except AccessError as error:
            raise Forbidden() from error

    # -------------------------------------------------------------------- pages
    @http.route(
        ["/my/suggestions", "/my/suggestions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_suggestions(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        Suggestion = request.env[SUGGESTION_MODEL]
        domain = self._br_suggestions_domain()
        pager = portal_pager(
            url="/my/suggestions",
            total=Suggestion.search_count(domain),
            page=page,
            step=self._br_suggestions_per_page,
        )
        suggestions = Suggestion.search(
            domain, limit=self._br_suggestions_per_page, offset=pager["offset"]
        )
        request.session["my_br_suggestions_history"] = suggestions.ids[:100]
        values.update(
            {
                "br_suggestions": suggestions,
                "page_name": "br_suggestions",
                "default_url": "/my/suggestions",
                "pager": pager,
            }
        )
        return request.render("beneficiary_relations.portal_my_suggestions", values)

    @http.route(["/my/suggestions/new"], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_suggestion_new(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(self._br_suggestion_form_values(form={"kind": kw.get("kind")}))
        values["page_name"] = "br_suggestion_new"
        return request.render("beneficiary_relations.portal_my_suggestion_new", values)

    @http.route(["/my/suggestions/new"], type="http", auth="user", website=True, methods=["POST"])
    def portal_my_suggestion_create(self, **post):
        values, kind, category, errors = self._br_suggestion_check(post)
        if errors:
            page = self._prepare_portal_layout_values()
            page.update(self._br_suggestion_form_values(post, errors))
            page["page_name"] = "br_suggestion_new"
            return request.render("beneficiary_relations.portal_my_suggestion_new", page)
        suggestion = self._br_create_suggestion(request.env.user.partner_id, values, kind, category)
        return request.redirect("/my/suggestions/%s?sent=1" % suggestion.id)

    @http.route(["/my/suggestions/<int:suggestion_id>"], type="http", auth="public", website=True)
    def portal_my_suggestion(self, suggestion_id, access_token=None, sent=None, **kw):
        if request.env.user._is_public() and not access_token:
            return request.redirect("/web/login?redirect=/my/suggestions/%s" % suggestion_id)
        suggestion_sudo = self._br_suggestion_sudo(suggestion_id, access_token)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "br_suggestion": suggestion_sudo,
                "page_name": "br_suggestion",
                "br_sent": bool(sent),
            }
        )
        values = self._get_page_view_values(
            suggestion_sudo, access_token, values, "my_br_suggestions_history", False
        )
        return request.render("beneficiary_relations.portal_my_suggestion", values)

    # ----------------------------------------------------------- public form
    @http.route(["/suggestions"], type="http", auth="public", website=True, methods=["GET"])
    def public_suggestion_form(self, **kw):
        if not request.env.user._is_public():
            return request.redirect("/my/suggestions/new")
        values = self._br_suggestion_form_values(form={"kind": kw.get("kind")})
        return request.render("beneficiary_relations.public_suggestion_form", values)

    @http.route(["/suggestions"], type="http", auth="public", website=True, methods=["POST"])
    def public_suggestion_submit(self, **post):
        if not request.env.user._is_public():
            return request.redirect("/my/suggestions/new")
        Submission = request.env["beneficiary.public.submission"]
        address = request.httprequest.remote_addr
        if Submission._allowed("suggestion", address):
            # P10: every attempt counts toward the limit, the refused ones too.
            Submission._record("suggestion", address)
            values, kind, category, errors = self._br_suggestion_check(post, public=True)
        else:
            errors = {"__all__": Submission._limit_message("suggestion")}
        if errors:
            page = self._br_suggestion_form_values(post, errors)
            status = 429 if "__all__" in errors else 200
            return request.render(
                "beneficiary_relations.public_suggestion_form", page, status=status
            )
        # A new contact: never attach a stranger's message to an existing person's file.
        partner = (
            request.env["res.partner"]
            # sudo: public limit above; a new contact, never an existing person
            .sudo()
            .create(
                {
                    "name": values["contact_name"],
                    "email": email_normalize(values["email"]) or False,
                    "mobile": values["phone"] or False,
                    "lang": request.env.lang or "ar_001",
                }
            )
        )
        suggestion = self._br_create_suggestion(partner, values, kind, category)
        return request.render(
            "beneficiary_relations.public_suggestion_thanks", {"br_suggestion": suggestion}
        )
