import re

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from wagtail.models import Page

from articles.models import ArticlePage, TopicHubPage
from evidence.models import shown_pages
from mgsite.pages import public
from products.models import FormsComparisonPage, ProductPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10

# What a shopper searches, and the word each result is labelled with.
SEARCHABLE_TYPES = {
    ArticlePage: "Article",
    ProductPage: "Product",
    TopicHubPage: "Topic",
    FormsComparisonPage: "Guide",
}


def favicon(request):
    """To the hashed favicon of this release (not permanent: the hash
    changes with the file)."""
    return HttpResponseRedirect(static("favicon.png"))


def clean_query(raw):
    """Printable text only, cut to the cap; returns (query, was_cut)."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw)
    text = " ".join(text.split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


def search_terms(query):
    """Plain lower-case words: punctuation and upper-case AND/OR/NOT are query
    syntax to some full-text engines (SQLite's FTS5), not to our readers."""
    return " ".join(re.findall(r"\w+", query.lower()))


def search(request):
    """Site search over live, public articles, products and hubs; over-long
    queries are cut, not refused."""
    query, truncated = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if terms := search_terms(query):
        results = (
            public(Page.objects.live())
            .type(*SEARCHABLE_TYPES)
            .specific()
            .defer_streamfields()
            .search(terms)
        )
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = shown_pages(page.object_list)
    for result in page:
        result.type_label = SEARCHABLE_TYPES.get(type(result), "Page")
    return TemplateResponse(
        request,
        "mgsite/search.html",
        {"query": query, "truncated": truncated, "results": page},
    )
