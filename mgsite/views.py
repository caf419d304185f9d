import sys

from axes.helpers import get_cool_off, get_lockout_message
from django.conf import settings
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from articles.models import ArticlePage, TopicHubPage
from evidence.models import shown_pages
from mgsite import search_help
from mgsite.models import Brand
from mgsite.pages import public
from mgsite.search import search_terms
from products.models import FormsComparisonPage, ProductPage

MAX_QUERY_LENGTH = 200
# When the database cannot be reached: clients and crawlers come back after.
DATABASE_RETRY_SECONDS = 30
API_PREFIX = "/api/"
RESULTS_PER_PAGE = 10

# What a shopper searches, and the word each result is labelled with.
SEARCHABLE_TYPES = {
    ArticlePage: "Article",
    ProductPage: "Product",
    TopicHubPage: "Topic",
    FormsComparisonPage: "Guide",
}


def sitemap_xml(request):
    """Wagtail's sitemap of reviewed pages, and the dossier of each claim a
    shopper may read."""
    from wagtail.contrib.sitemaps.views import sitemap

    from evidence.dossier import ClaimDossierSitemap
    from mgsite.sitemaps import ReviewedSitemap

    return sitemap(
        request,
        sitemaps={
            "wagtail": ReviewedSitemap,
            "evidence": ClaimDossierSitemap(request),
        },
    )


def brand_css(request):
    """The colours of the brand as approved, as the stylesheet's custom
    properties (the CSP allows no inline style)."""
    brand = Brand.current()
    css = (
        f":root {{ --brand: {brand.brand_colour}; "
        f"--brand-dark: {brand.brand_dark_colour}; }}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def favicon(request):
    """To the hashed favicon of this release (not permanent: the hash
    changes with the file)."""
    return HttpResponseRedirect(static("favicon.png"))


def clean_query(raw):
    """Printable text only, cut to the cap; returns (query, was_cut)."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw)
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


def search_pages(query):
    """Live, public pages of the searchable types matching ``query``."""
    if not (terms := search_terms(query)):
        return Page.objects.none()
    return (
        public(Page.objects.live())
        .type(*SEARCHABLE_TYPES)
        .specific()
        .defer_streamfields()
        .search(terms)
    )


def labelled(pages):
    pages = shown_pages(pages)
    for result in pages:
        result.type_label = SEARCHABLE_TYPES.get(type(result), "Page")
    return pages


def promotions(query):
    """The pages editors promote for this search (Wagtail's search
    promotions), live and public ones only, in the editors' order."""
    if not query:
        return []
    promoted = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(query), page__isnull=False
    ).order_by("sort_order", "pk")
    order = list(promoted.values_list("page_id", flat=True))
    if not order:
        return []
    pages = public(Page.objects.live().filter(pk__in=order)).specific()
    found = {page.pk: page for page in pages.defer_streamfields()}
    return labelled([found[pk] for pk in order if pk in found])


def search(request):
    """Site search over live, public articles, products and hubs; over-long
    queries are cut, not refused. A search that finds nothing is answered
    with a spelling suggestion (and its results), pages with similar titles,
    the topics and the newest articles."""
    query, truncated = clean_query(request.GET.get("q", ""))
    page = Paginator(search_pages(query), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = labelled(page.object_list)
    context = {
        "query": query,
        "truncated": truncated,
        "results": page,
        "promoted": promotions(query),
    }
    if query and not page.paginator.count:
        suggestion = search_help.did_you_mean(query, SEARCHABLE_TYPES)
        suggested = (
            list(search_pages(suggestion)[:RESULTS_PER_PAGE]) if suggestion else []
        )
        shown = {page.pk for page in suggested}
        similar = search_help.similar_titles(query, SEARCHABLE_TYPES)
        context.update(
            suggestion=suggestion,
            suggested_results=labelled(suggested),
            # Pages the suggestion's results list already are not repeated.
            similar=labelled([page for page in similar if page.pk not in shown]),
            topics=search_help.topics(),
            newest=search_help.newest_articles(),
        )
    return TemplateResponse(request, "mgsite/search.html", context)


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: a page saying so, with
    when to come back (the cool-off, which retries do not extend)."""
    response = render(
        request, "429.html", {"message": get_lockout_message()}, status=429
    )
    response["Retry-After"] = str(int(get_cool_off(request).total_seconds()))
    return response


def server_error(request):
    """Django's 500 handler, told apart: the database out of reach is a 503
    with Retry-After (it comes back by itself), and the API answers in JSON.
    Reads nothing from the database."""
    database_down = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status = 503 if database_down else 500
    if request.path.startswith(API_PREFIX):
        message = "database unavailable" if database_down else "server error"
        response = JsonResponse({"message": message}, status=status)
    else:
        template = "503.html" if database_down else "500.html"
        context = {"site_name": settings.WAGTAIL_SITE_NAME}
        response = HttpResponse(
            loader.render_to_string(template, context), status=status
        )
    if database_down:
        response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
    return response
