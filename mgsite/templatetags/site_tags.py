from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    """Top-level sections (the hubs and the catalogue) in one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = Page.objects.none()
    if site is not None:
        items = (
            Page.objects.child_of(site.root_page)
            .live()
            .public()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )
    return {"request": request, "items": items, "current": context.get("page")}


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
