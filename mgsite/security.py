"""The site's Content-Security-Policy, and the one place it is relaxed.

Wagtail's admin still writes inline ``<script>`` blocks (widget set-up in the
page and snippet editors) and inline styles, so under ``/admin/`` scripts and
styles may also be inline. Everything else keeps the strict policy from
``CONTENT_SECURITY_POLICY``: the public site runs no inline code at all.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware as BaseCSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_RELAXATION = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.replace = {**(parts.replace or {}), **ADMIN_RELAXATION}
        return parts
