"""schema.org JSON-LD shared by every page type: built as dicts, written
into the page so that no text can break out of its script element."""

import json
from urllib.parse import urljoin

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

# As Django's json_script: no <, > or & survive, so no text can close the
# script element or open a comment inside it.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A ``<script type="application/ld+json">`` element for ``data``."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 (escaped above)
    )


def site_url(request, path):
    """``path`` (a media or static URL, say) made absolute on the site's
    public address, the root URL of the Site record, as page URLs are; a
    storage that gives absolute URLs keeps them."""
    return urljoin(Site.find_for_request(request).root_url + "/", path)


def organization(request, brand):
    """The publisher, on every page: its name, address and logo, from the
    brand settings (``brand``, the site settings)."""
    site = Site.find_for_request(request)
    logo = brand.brand_images().get("logo", {}).get("url") or static("img/logo.png")
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": brand.site_name,
        "url": site.root_url + "/",
        "logo": site_url(request, logo),
    }
    if brand.tagline:
        data["slogan"] = brand.tagline
    return data


def breadcrumb_list(trail, request):
    """``trail``: the pages from the site's first level down to this one."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }
