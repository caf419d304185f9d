"""Compression of responses that hold no secret.

Compressing a page that holds a secret (a CSRF token, a session's data) next
to text an attacker can make it echo lets the attacker read the secret from
response sizes (BREACH). Public pages served to a visitor without a session
hold none: the site's only forms there are GET forms with no CSRF token. So
a response is compressed only when the request carries no session or CSRF
cookie, the response sets no cookie, and it is not in an admin.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE_TYPES = (
    "text/html",
    "text/plain",
    "text/xml",
    "application/json",
    "application/xml",
)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def may_compress(request, response):
    cookies = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    content_type = response.get("Content-Type", "")
    return (
        content_type.startswith(COMPRESSIBLE_TYPES)
        and not any(name in request.COOKIES for name in cookies)
        and not response.cookies
        and not request.path.startswith(ADMIN_PREFIXES)
    )


class PublicGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for responses that ``may_compress``."""

    def process_response(self, request, response):
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
