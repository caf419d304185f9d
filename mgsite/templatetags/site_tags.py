from django import template
from wagtail.models import Page, Site

from mgsite.cache import versioned
from mgsite.pages import public
from mgsite.structured_data import json_ld_script

register = template.Library()


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    """Top-level sections (the hubs and the catalogue) in one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = versioned(f"main-nav:{site.root_page.path}", lambda: menu(site))
    current = context.get("page")
    current_path = getattr(current, "path", "")
    links = [(item, nav_state(item.path, current_path)) for item in items]
    return {"request": request, "links": links}


def menu(site):
    pages = Page.objects.child_of(site.root_page).live().in_menu()
    return list(public(pages).only("id", "title", "url_path", "path", "depth"))


def nav_state(item_path, current_path):
    """aria-current: "page" on the page itself, "true" within its section."""
    if current_path == item_path:
        return "page"
    return "true" if current_path.startswith(item_path) else ""


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
