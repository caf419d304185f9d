import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.factories import approved_claim
from products.catalogue import PER_PAGE
from products.factories import (
    MagnesiumFormFactory,
    ProductPageFactory,
    ProductVariantFactory,
    attach_claims,
)
from products.models import ProductFormat

pytestmark = pytest.mark.django_db

ALPHA = "Alpha glycinate capsules"
BRAVO = "Bravo citrate powder"
CHARLIE = "Charlie glycinate tablets"


def make_product(catalogue, title, price, **fields):
    in_stock = fields.pop("in_stock", True)
    amount = fields.pop("amount", 60)
    product = ProductPageFactory(
        parent=catalogue, title=title, amount_per_serving=1, **fields
    )
    ProductVariantFactory(
        page=product, price=Decimal(price), in_stock=in_stock, amount=amount
    )
    return product


def titles(response):
    """Product titles in the order the shopper sees the cards."""
    return re.findall(
        r'class="product-card__title"><a href="[^"]*">([^<]*)</a>',
        response.content.decode(),
    )


@pytest.fixture
def shelf(catalogue, hubs):
    glycinate = MagnesiumFormFactory(name="Glycinate", slug="glycinate")
    citrate = MagnesiumFormFactory(name="Citrate", slug="citrate")
    cheap = make_product(
        catalogue,
        "Bravo citrate powder",
        "9.00",
        magnesium_form=citrate,
        format=ProductFormat.POWDER,
        elemental_mg_per_serving=300,
        amount=30,  # 30 servings, 9000 mg: 0.10 per 100 mg
        in_stock=False,
    )
    dear = make_product(
        catalogue,
        "Alpha glycinate capsules",
        "30.00",
        magnesium_form=glycinate,
        format=ProductFormat.CAPSULE,
        elemental_mg_per_serving=100,
        amount=60,  # 60 servings, 6000 mg: 0.50 per 100 mg
    )
    middle = make_product(
        catalogue,
        "Charlie glycinate tablets",
        "20.00",
        magnesium_form=glycinate,
        format=ProductFormat.TABLET,
        elemental_mg_per_serving=200,
        amount=100,  # 100 servings, 20000 mg: 0.10 per 100 mg
    )
    return {"cheap": cheap, "dear": dear, "middle": middle}


def test_catalogue_lists_live_products_by_name_with_their_count(
    client, catalogue, shelf
):
    ProductPageFactory(parent=catalogue, title="Draft product", live=False)

    response = client.get(catalogue.url)

    assert titles(response) == [
        "Alpha glycinate capsules",
        "Bravo citrate powder",
        "Charlie glycinate tablets",
    ]
    assert "<strong>3</strong> products" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"form": "glycinate"}, [ALPHA, CHARLIE]),
        ({"format": "powder"}, [BRAVO]),
        ({"min_price": "15"}, [ALPHA, CHARLIE]),
        ({"max_price": "20"}, [BRAVO, CHARLIE]),
        ({"min_price": "10", "max_price": "25"}, [CHARLIE]),
        ({"in_stock": "on"}, [ALPHA, CHARLIE]),
        ({"form": "glycinate", "format": "tablet"}, [CHARLIE]),
    ],
)
def test_each_filter_narrows_the_results(client, catalogue, shelf, params, expected):
    response = client.get(catalogue.url, params)

    assert titles(response) == expected
    assert response.context["result_count"] == len(expected)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Alpha", "Bravo", "Charlie"]),
        ("price", ["Bravo", "Charlie", "Alpha"]),
        ("mg", ["Bravo", "Charlie", "Alpha"]),
        ("price_per_100mg", ["Bravo", "Charlie", "Alpha"]),
    ],
)
def test_each_sort_orders_the_results(client, catalogue, shelf, sort, expected):
    response = client.get(catalogue.url, {"sort": sort})

    assert [title.split()[0] for title in titles(response)] == expected


def test_price_per_100mg_sort_uses_the_cheapest_variant(client, catalogue, shelf):
    ProductVariantFactory(page=shelf["dear"], price=Decimal("3.00"), amount=60)  # 0.05

    response = client.get(catalogue.url, {"sort": "price_per_100mg"})

    assert titles(response)[0] == "Alpha glycinate capsules"


def test_card_shows_price_form_and_evidence_summary(client, catalogue, shelf):
    attach_claims(shelf["dear"], [approved_claim()])

    html = client.get(catalogue.url, {"form": "glycinate"}).content.decode()

    assert "USD 30.00" in html
    assert "0.500 per 100 mg" in html
    assert "Glycinate" in html
    assert "1 reviewed claim." in html
    assert "No reviewed claims yet" in html
    assert "Out of stock" not in html


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"form": "unobtainium"}, "Form"),
        ({"min_price": "-5"}, "Lowest price"),
        ({"max_price": "cheap"}, "Highest price"),
        ({"min_price": "5", "max_price": "1"}, "Highest price"),
        ({"format": "gummy"}, "Format"),
        ({"sort": "random"}, "Sort by"),
    ],
)
def test_bad_parameters_are_ignored_with_a_notice(
    client, catalogue, shelf, params, ignored
):
    response = client.get(catalogue.url, params)

    assert response.status_code == 200
    assert f"We ignored “{ignored}”" in response.content.decode()
    assert len(titles(response)) >= 2


def test_bad_parameter_does_not_discard_the_good_ones(client, catalogue, shelf):
    response = client.get(catalogue.url, {"form": "glycinate", "min_price": "x"})

    assert titles(response) == ["Alpha glycinate capsules", "Charlie glycinate tablets"]


@pytest.mark.parametrize("page", ["99", "abc", "-1", "0", "9" * 30])
def test_page_past_the_end_shows_page_one_with_a_notice(client, catalogue, shelf, page):
    response = client.get(catalogue.url, {"page": page})

    assert response.status_code == 200
    assert "here is page 1" in response.content.decode()
    assert len(titles(response)) == 3


def test_results_are_paginated_24_to_a_page(client, catalogue):
    form = MagnesiumFormFactory()
    for number in range(PER_PAGE + 2):
        make_product(catalogue, f"Product {number:02d}", "10", magnesium_form=form)

    first = client.get(catalogue.url)
    second = client.get(catalogue.url, {"page": "2"})

    assert len(titles(first)) == PER_PAGE
    assert len(titles(second)) == 2
    assert "Page 2 of 2" in second.content.decode()
    assert "<strong>26</strong> products" in second.content.decode()


def test_page_links_keep_the_filters_in_use_and_leave_empty_ones_out(client, catalogue):
    form = MagnesiumFormFactory()
    for number in range(PER_PAGE + 1):
        make_product(catalogue, f"Product {number:02d}", "10", magnesium_form=form)

    html = client.get(
        catalogue.url, {"form": form.slug, "format": "", "min_price": "", "page": "1"}
    ).content.decode()

    next_link = re.search(r'<a href="\?([^"]*)"[^>]*rel="next"', html)
    assert next_link.group(1) == f"form={form.slug}&amp;page=2"


def test_a_card_shows_a_new_price_at_once_even_with_the_page_cache_off(
    client, catalogue, shelf, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    assert "USD 30.00" in client.get(catalogue.url).content.decode()

    variant = shelf["dear"].variants.get()
    variant.price = Decimal("12.00")
    variant.save()
    html = client.get(catalogue.url, {"sort": "price"}).content.decode()

    assert "USD 12.00" in html
    assert "USD 30.00" not in html


def test_other_filters_sorts_and_pages_reuse_the_rendered_cards(
    client, catalogue, shelf, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as first:
        client.get(catalogue.url)
    with CaptureQueriesContext(connection) as other:
        response = client.get(catalogue.url, {"sort": "price"})

    assert titles(response) == [BRAVO, CHARLIE, ALPHA]
    card_queries = [q for q in other if "products_productimage" in q["sql"]]
    assert card_queries == []
    assert len(other) < len(first)


def test_htmx_request_gets_only_the_results_fragment(client, catalogue, shelf):
    response = client.get(
        catalogue.url, {"form": "citrate"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "catalogue-filters" not in html
    assert "Bravo citrate powder" in html
    assert "Alpha glycinate capsules" not in html


def test_same_url_loaded_directly_renders_the_same_results_in_the_full_page(
    client, catalogue, shelf
):
    full = client.get(catalogue.url, {"form": "citrate"})

    html = full.content.decode()
    assert "<html" in html
    assert 'id="results"' in html
    assert titles(full) == ["Bravo citrate powder"]
    assert '<option value="citrate" selected>' in html


def test_history_restore_request_gets_the_full_page(client, catalogue, shelf):
    response = client.get(
        catalogue.url,
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<html" in response.content.decode()


def test_responses_vary_on_the_htmx_header(client, catalogue, shelf):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(catalogue.url, headers=headers)

        assert "HX-Request" in response["Vary"]


def test_filter_form_works_without_javascript_and_drives_htmx(client, catalogue, shelf):
    html = client.get(catalogue.url).content.decode()

    assert f'method="get" action="{catalogue.url}"' in html
    assert f' data-hx-get="{catalogue.url}"' in html
    assert ' data-hx-target="#results"' in html
    assert ' data-hx-push-url="true"' in html


def test_htmx_is_served_by_the_site_not_a_cdn(client, catalogue):
    html = client.get(catalogue.url).content.decode()

    assert '<script src="/static/django_htmx/htmx' in html
    assert "unpkg" not in html
    assert client.get("/static/django_htmx/htmx-2.min.js").status_code == 200
