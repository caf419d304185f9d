"""Page lookups every public page makes, kept to as few queries as possible,
through Wagtail's public extension points only.

Wagtail finds the site itself (``Site.find_for_request``: one query a
request, kept on the request). Two of its page hooks are overridden:

- ``Page.get_view_restrictions()``, which Wagtail's serve hook reads before
  each page is served (two queries: the ancestors, then their
  restrictions). Sites rarely restrict a page, so whether any restriction
  exists is kept in the shared cache under the content version
  (``mgsite.cache``); adding or removing one bumps that version. Only when a
  restriction exists does Wagtail's own check run. ``public()`` does the
  same for ``PageQuerySet.public()``.
- ``Page.route()`` on the home page (the site root): Wagtail walks the tree
  one level at a time, two queries a level; ``route_by_url_path`` finds the
  page a URL names by its ``url_path`` (kept under the content version) and
  loads it in one query with what its template follows.

Measured on the benchmark's data, warm: Wagtail's walk takes 5 queries to
route a product or an article (here 2 and 1, with the rows the page always
reads), then 2 more for the product's form and variants or the article's
author and reviewer, and its restriction check takes 2 (here none). Without
these two overrides a product page would make 19 queries, not 12 (the
budget). Both are public methods of ``Page``, meant to be overridden.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction

from mgsite.cache import versioned


def any_view_restriction():
    return versioned("any-view-restriction", PageViewRestriction.objects.exists)


def served_lookup(request, name, compute):
    """``versioned(name, compute)`` for a page's navigation (its related
    articles, say), computed afresh in a preview, which shows the editor's
    unsaved relations."""
    if getattr(request, "is_preview", False):
        return compute()
    return versioned(name, compute)


def public(queryset):
    """``queryset.public()``, without its query when nothing is restricted."""
    return queryset.public() if any_view_restriction() else queryset


def ancestors(page):
    """The page's ancestors below the tree root, oldest first; one lookup
    shared by all the pages of a section."""
    step = page.steplen
    paths = [page.path[:end] for end in range(2 * step, len(page.path), step)]
    return versioned(
        f"ancestors:{page.path[:-step]}",
        lambda: list(Page.objects.filter(path__in=paths).order_by("path")),
    )


def page_text(page):
    """``(field, text)`` of the words every page shows: its title (the h1,
    the tab, og:title, JSON-LD, cards), its slug (the address, read as
    words), and the SEO title and description search results show."""
    yield from (
        ("title", page.title),
        ("slug", (page.slug or "").replace("-", " ")),
        ("seo_title", page.seo_title),
        ("search_description", page.search_description),
    )


def plain_text(html):
    """Rich text as plain words, each block element ending a sentence."""
    html = (html or "").replace("</p>", "</p>\n").replace("</li>", ".</li>\n")
    return strip_tags(html)


class PublicPageMixin:
    """For every public page type: Wagtail's view-restriction check (run
    before each page is served) costs no query when nothing is restricted."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def route_by_url_path(root, request, path_components):
    """The page at ``path_components`` below ``root`` in one query, however
    deep (which page a URL names is kept under the content version), or None
    to let Wagtail walk the tree one level at a time.

    A page model may name foreign keys its template always follows in
    ``serve_select_related``, and related rows it always reads in
    ``serve_prefetch_related``.
    """
    url_path = root.url_path + "/".join(path_components) + "/"
    found = versioned(
        f"route:{url_path}",
        lambda: (
            Page.objects.filter(
                depth=root.depth + len(path_components),
                slug=path_components[-1],
                url_path=url_path,
            )
            .values_list("pk", "content_type_id")
            .first()
        ),
        keep=lambda found: found is not None,  # a stranger's typos take no room
    )
    if found is None:
        return None
    model = ContentType.objects.get_for_id(found[1]).model_class()
    pages = model._default_manager.all()
    if related := getattr(model, "serve_select_related", ()):
        pages = pages.select_related(*related)
    if related := getattr(model, "serve_prefetch_related", ()):
        pages = pages.prefetch_related(*related)
    page = pages.get(pk=found[0])
    return page.route(request, [])
