from django import template
from wagtail.models import Page, Site

from evidence.models import shown_pages
from mgsite.cache import versioned
from mgsite.models import Brand, StandardPage
from mgsite.pages import public
from mgsite.structured_data import json_ld_script, organization, site_url

register = template.Library()


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    """Top-level sections (the hubs and the catalogue), with their URLs, in
    one query per content version and site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = versioned(f"main-nav:{site.pk}", lambda: menu(site, request))
    current_path = getattr(context.get("page"), "path", "")
    links = [(title, url, nav_state(path, current_path)) for title, path, url in items]
    return {"links": links}


def menu(site, request):
    """(title, tree path, URL) of the site's menu pages; URLs as this site
    links to them."""
    pages = public(Page.objects.child_of(site.root_page).live().in_menu())
    pages = shown_pages(pages.specific().defer_streamfields())
    return [(page.title, page.path, page.get_url(request)) for page in pages]


def nav_state(item_path, current_path):
    """aria-current: "page" on the page itself, "true" within its section."""
    if current_path == item_path:
        return "page"
    return "true" if current_path.startswith(item_path) else ""


@register.inclusion_tag("components/footer_nav.html", takes_context=True)
def footer_nav(context):
    """The trust pages (about us, policies, the review board, contact), in
    their tree order; one query per content version and site."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    links = []
    if site is not None:
        links = versioned(f"footer-nav:{site.pk}", lambda: trust_pages(site, request))
    return {"links": links}


def trust_pages(site, request):
    pages = public(StandardPage.objects.child_of(site.root_page).live())
    return [(page.title, page.get_url(request)) for page in shown_pages(pages)]


@register.simple_tag(takes_context=True)
def site_root_url(context):
    """The site's public address (its Site record), for absolute URLs."""
    return Site.find_for_request(context["request"]).root_url


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """``path`` on the site's public address (see ``site_url``)."""
    return site_url(context["request"], path)


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    return json_ld_script(organization(context["request"], Brand.current()))


@register.simple_tag(takes_context=True)
def brand_images(context):
    """The brand's logo (url, width, height) and social image URL, when set."""
    return Brand.current().brand_images()


@register.filter
def summary_of(page):
    """The best short description a page has: SEO text, summary, or intro."""
    if not page:
        return ""
    for field in ("search_description", "summary", "intro"):
        text = getattr(page, field, "")
        if text:
            return text
    return ""


@register.simple_tag
def json_ld(data):
    """JSON-LD for the page head; ``data`` is a dict or a list of documents."""
    return json_ld_script(data)
