"""Files people send through the portal and the public pages: one home for the limits.

The same size limit (a setting, ``beneficiary_relations.portal_max_upload_mb``) and the
same checks hold for documents sent with an application, documents sent for a request,
appeals and partner associations' files; only the accepted types differ (partner
associations send Word and Excel files too).
"""

from odoo.tools.mimetypes import guess_mimetype

# What beneficiaries send: a PDF or a photo.
PORTAL_MIMETYPES = ("application/pdf", "image/jpeg", "image/png")
# Partner associations send documents, spreadsheets and scans.
PARTNER_MIMETYPES = (
    *PORTAL_MIMETYPES,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/msword",
    "application/vnd.ms-excel",
)
MAX_UPLOAD_PARAM = "beneficiary_relations.portal_max_upload_mb"
DEFAULT_MAX_UPLOAD_MB = 5


def max_upload_mb(env):
    """The size limit of one file, in MB (the setting, 5 MB by default)."""
    # sudo: only the upload size limit setting
    value = env["ir.config_parameter"].sudo().get_param(MAX_UPLOAD_PARAM)
    try:
        return max(0.01, float(value)) if value else DEFAULT_MAX_UPLOAD_MB
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB


def max_upload_bytes(env):
    return int(max_upload_mb(env) * 1024 * 1024)


def allowed_mimetypes(document_type=None, base=PORTAL_MIMETYPES):
    """The types accepted: ``base``, narrowed by the document type's own list if any."""
    allowed = set(base)
    if document_type and document_type.allowed_mimetypes:
        allowed &= {m.strip() for m in document_type.allowed_mimetypes.split(",") if m.strip()}
    return allowed


def upload_error(env, raw, name=None, allowed=PORTAL_MIMETYPES):
    """Why the file ``raw`` cannot be accepted (empty, too large, of a type not in
    ``allowed``), translated, or ``None``.

    :param name: the file's name, said in the message when several files are sent at once
    """
    _ = env._
    if not raw:
        if name:
            return _("The file %(name)s is empty.", name=name)
        return _("Choose the file to send.")
    size = max_upload_mb(env)
    if len(raw) > size * 1024 * 1024:
        if name:
            return _("The file %(name)s is larger than %(size)s MB.", name=name, size="%g" % size)
        return _("The file is larger than %(size)s MB: attach a smaller file.", size="%g" % size)
    if guess_mimetype(raw) not in allowed:
        if not set(allowed) <= set(PORTAL_MIMETYPES):
            return _(
                "The file %(name)s is not a PDF, an image, a Word or an Excel document.",
                name=name or "",
            )
        if name:
            return _("Send %(name)s as a PDF file or a photo (JPEG or PNG).", name=name)
        return _("Only PDF, JPEG or PNG files are accepted.")
    return None
