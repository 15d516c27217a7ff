"""The demo's online applications (issue 18), made the way the portal makes them.

Each association's ``online`` applicant has a file registered at the counter; the manager
gives their contact a portal account (the portal access wizard, as staff do), and, signed
in, they send the online application form: the same server methods as the page
(``controllers/beneficiary_apply.py``) check the form and the uploaded files and create
the declaration and consent signed online, the documents waiting for verification and the
submitted request, numbered, on the website channel. What the demo shows cannot drift
from what the portal does.
"""

import base64

from dateutil.relativedelta import relativedelta
from werkzeug.datastructures import MultiDict

from odoo import fields, models

from ..tools.demo_associations import DEMO_PASSWORD_HASHES, ONLINE
from .res_company_demo import demo_pdf

# A phone browser, from an address of the documentation range (RFC 5737), as evidence of
# the online signature.
DEMO_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
DEMO_IP = "203.0.113.%d"


class ResCompany(models.Model):
    # The model is split by concern (see the project's style guide).
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _beneficiary_demo_portal_account(self, code, beneficiary, users):
        """The manager gives the file's contact a portal account (password = login)."""
        self.ensure_one()
        login = ONLINE[code][0]
        beneficiary.with_env(self._beneficiary_demo_env(users["officer"])).write(
            {"email": login, "preferred_channel": "portal"}
        )
        manager_env = self._beneficiary_demo_env(users["manager"])
        wizard = (
            manager_env["portal.wizard"]
            .with_context(active_ids=beneficiary.partner_id.ids)
            .create({})
        )
        wizard.user_ids.filtered(
            lambda line: line.partner_id == beneficiary.partner_id
        ).action_grant_access()
        user = beneficiary.partner_id.user_ids.filtered(lambda u: u.login == login)
        if not user:
            raise ValueError("Demo: no portal account for the online applicant of %s" % code)
        user.sudo().write({"lang": "ar_001", "tz": "Asia/Riyadh"})
        self.env["res.users"]._set_encrypted_password(user.id, DEMO_PASSWORD_HASHES[login])
        return user

    def _beneficiary_demo_online_form(self, code, beneficiary, service, terms):
        """The form the signed-in applicant sends: filled from the file as the page fills
        it, the service's categories ticked, the declaration and consent accepted, every
        document asked attached. :return: ``(post, uploads)`` as the page reads them."""
        post = MultiDict(beneficiary.sudo()._portal_apply_prefill())
        categories = service._portal_categories() & beneficiary.sudo().category_ids
        post.setlist("category_ids", [str(category.id) for category in categories])
        post.update(
            {
                "description": ONLINE[code][1],
                "accept_declaration": "on",
                "accept_consent": "on",
                "terms_version": terms["version"],
            }
        )
        uploads = {}
        expiry = fields.Date.context_today(self) + relativedelta(years=2)
        for doc_type in service._portal_document_types(categories):
            name = doc_type.code or "document"
            uploads[doc_type.id] = (
                "%s.pdf" % name,
                base64.b64decode(demo_pdf("%s - %s (online)" % (name, code.title()))),
            )
            if doc_type.has_expiry:
                post["expiry_%s" % doc_type.id] = fields.Date.to_string(expiry)
        return post, uploads

    def _beneficiary_demo_apply_online(self, code, beneficiary, service, users):
        """The ``online`` applicant applies from the portal, signed in; returns the request."""
        self.ensure_one()
        user = self._beneficiary_demo_portal_account(code, beneficiary, users)
        # As the page does: the signed-in user's environment, the model methods as superuser.
        Request = self._beneficiary_demo_env(user)["beneficiary.support.request"].sudo()
        post, uploads = self._beneficiary_demo_online_form(
            code, beneficiary, service, Request._portal_terms(service.company_id)
        )
        values, errors = Request._portal_apply_check(service, post, uploads)
        if errors:
            raise ValueError("Demo: the online application of %s is refused: %s" % (code, errors))
        meta = {
            "ip": DEMO_IP % (10 + list(ONLINE).index(code)),
            "user_agent": DEMO_USER_AGENT,
            "lang": "ar_001",
        }
        result = Request._portal_apply(service, values, meta, applicant=user.partner_id)
        if result["status"] != "done" or not result["request"]:
            raise ValueError("Demo: the online application of %s was not taken" % code)
        return result["request"]
