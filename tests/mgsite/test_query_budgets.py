"""Every public page renders in at most 12 queries once warm, however much it
shows (claims, citations, variants, product cards, results on a page)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.factories import ArticlePageFactory
from evidence.factories import SourceFactory, approved_claim, go_live
from mgsite.cache import bump_content_version
from products.catalogue import PER_PAGE
from products.factories import (
    MagnesiumFormFactory,
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    attach_claims,
)
from products.models import FormsComparisonPage, MagnesiumFormClaim

pytestmark = pytest.mark.django_db

BUDGET = 12


def warm_queries(client, url, **kwargs):
    """Queries for a repeat request to ``url`` (the first warms caches)."""
    assert client.get(url, **kwargs).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **kwargs).status_code == 200
    return len(captured)


def product_with(catalogue, claims, variants, sources_per_claim=2, form=None):
    product = ProductPageFactory(
        parent=catalogue, **({"magnesium_form": form} if form else {})
    )
    attach_claims(
        product, [approved_claim(sources=sources_per_claim) for _ in range(claims)]
    )
    ProductVariantFactory.create_batch(variants, page=product)
    ProductImageFactory(page=product)
    return product


@pytest.fixture
def make_article(hubs, django_capture_on_commit_callbacks):
    def make(citations, products):
        body = [
            {
                "type": "paragraph",
                "value": f'<p><a linktype="citation" id="{source.pk}">a trial</a></p>',
            }
            for source in SourceFactory.create_batch(citations)
        ]
        body += [{"type": "product_card", "value": p.pk} for p in products]
        with django_capture_on_commit_callbacks(execute=True):
            return ArticlePageFactory(parent=hubs[0], body=body)

    return make


def test_product_page_stays_within_budget_whatever_it_shows(client, catalogue):
    small = product_with(catalogue, claims=1, variants=1, sources_per_claim=1)
    large = product_with(catalogue, claims=8, variants=4, sources_per_claim=3)

    counts = [warm_queries(client, page.url) for page in (small, large)]

    assert counts[0] == counts[1] <= BUDGET


def test_article_page_stays_within_budget_whatever_it_cites(
    client, catalogue, make_article
):
    small = make_article(
        citations=1, products=[product_with(catalogue, claims=1, variants=1)]
    )
    large = make_article(
        citations=40,
        products=[product_with(catalogue, claims=2, variants=2) for _ in range(3)],
    )

    counts = [warm_queries(client, page.url) for page in (small, large)]

    assert counts[0] == counts[1] <= BUDGET


def test_hub_and_home_stay_within_budget_whatever_they_list(client, hubs):
    ArticlePageFactory(parent=hubs[1])
    ArticlePageFactory.create_batch(12, parent=hubs[2])

    counts = [warm_queries(client, hub.url) for hub in hubs[1:]]

    assert counts[0] == counts[1] <= BUDGET
    assert warm_queries(client, "/") <= BUDGET


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx-fragment"])
def test_catalogue_stays_within_budget_whatever_the_page_size(
    client, catalogue, hubs, htmx
):
    headers = {"HX-Request": "true"} if htmx else {}
    form = MagnesiumFormFactory()
    product_with(catalogue, claims=1, variants=1, form=form)
    one = warm_queries(client, catalogue.url, headers=headers)
    for _ in range(PER_PAGE - 1):  # a full page
        product_with(catalogue, claims=2, variants=2, form=form)
    full = warm_queries(
        client, catalogue.url, data={"sort": "price_per_100mg"}, headers=headers
    )

    assert one == full <= BUDGET


def cold_queries(client, url, **kwargs):
    """Queries for a request just after a content change (nothing kept but
    image renditions, which are made once ever)."""
    client.get(url, **kwargs)
    bump_content_version()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **kwargs).status_code == 200
    return len(captured)


def test_catalogue_renders_its_cards_in_the_same_queries_for_one_or_a_page(
    client, catalogue, hubs
):
    form = MagnesiumFormFactory()
    product_with(catalogue, claims=1, variants=1, form=form)
    one = cold_queries(client, catalogue.url)
    for _ in range(11):
        product_with(catalogue, claims=2, variants=2, form=form)

    assert cold_queries(client, catalogue.url) == one


def test_comparison_page_stays_within_budget_whatever_it_compares(
    client, home_page, catalogue
):
    page = home_page.add_child(
        instance=FormsComparisonPage(title="Forms of magnesium", slug="forms")
    )
    go_live(page)
    form = MagnesiumFormFactory()
    product_with(catalogue, claims=1, variants=1, form=form)
    MagnesiumFormClaim.objects.create(form=form, claim=approved_claim())
    one = warm_queries(client, page.url)
    for _ in range(3):
        other = MagnesiumFormFactory()
        product_with(catalogue, claims=1, variants=2, form=other)
        MagnesiumFormClaim.objects.create(form=other, claim=approved_claim())

    assert one == warm_queries(client, page.url) <= BUDGET


def test_search_stays_within_budget_whatever_it_finds(client, hubs):
    ArticlePageFactory(parent=hubs[0], title="Magnesium and sleep")
    one = warm_queries(client, "/search/", data={"q": "magnesium"})
    for n in range(12):
        ArticlePageFactory(parent=hubs[1], title=f"Magnesium and pain {n}")

    assert one == warm_queries(client, "/search/", data={"q": "magnesium"}) <= BUDGET
