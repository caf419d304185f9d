from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """Site search over live, public pages; over-long queries are cut, not refused."""
    query = request.GET.get("q", "").strip()
    truncated = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "mgsite/search.html",
        {"query": query, "truncated": truncated, "results": page},
    )
