"""A page's query count must not grow with what it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.factories import SourceFactory, approved_claim
from products.factories import (
    MagnesiumFormFactory,
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    attach_claims,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url, **params):
    client.get(url, params)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def product_with(catalogue, claims, sources_per_claim, variants):
    product = ProductPageFactory(parent=catalogue)
    sources = SourceFactory.create_batch(sources_per_claim * claims)
    attach_claims(
        product,
        [
            approved_claim(sources=sources[i::claims][:sources_per_claim])
            for i in range(claims)
        ],
    )
    ProductVariantFactory.create_batch(variants, page=product)
    ProductImageFactory(page=product)
    return product


def test_product_page_queries_do_not_grow_with_claims_sources_or_variants(
    client, catalogue
):
    small = product_with(catalogue, claims=1, sources_per_claim=1, variants=1)
    large = product_with(catalogue, claims=8, sources_per_claim=3, variants=4)

    small_count = queries_for(client, small.url)
    large_count = queries_for(client, large.url)

    assert large_count == small_count
    assert small_count <= 12


def fill_catalogue(catalogue, count):
    form = MagnesiumFormFactory()
    for _ in range(count):
        product = ProductPageFactory(parent=catalogue, magnesium_form=form)
        ProductVariantFactory.create_batch(2, page=product)
        ProductImageFactory(page=product)
        attach_claims(product, [approved_claim(sources=2)])


def test_catalogue_queries_do_not_grow_with_page_size(client, catalogue, hubs):
    fill_catalogue(catalogue, 2)
    two = queries_for(client, catalogue.url)
    fill_catalogue(catalogue, 22)
    full_page = queries_for(client, catalogue.url, sort="price_per_100mg")

    assert full_page == two
    assert two <= 12


def test_htmx_fragment_queries_do_not_grow_with_page_size(client, catalogue, hubs):
    fill_catalogue(catalogue, 1)
    one = queries_for(client, catalogue.url, headers={"HX-Request": "true"})
    fill_catalogue(catalogue, 10)
    eleven = queries_for(client, catalogue.url, headers={"HX-Request": "true"})

    assert eleven == one
