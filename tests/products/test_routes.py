"""Oral, topical and bath products: only what is swallowed is a dietary
supplement with a daily dose, and skin and bath products are never ranked
against oral ones."""

import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from products.comparison import comparison_rows
from products.factories import (
    MagnesiumFormFactory,
    ProductPageFactory,
    ProductVariantFactory,
)
from products.models import ProductFormat, ProductRoute

pytestmark = pytest.mark.django_db


def json_ld_product(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    graph = json.loads(block.group(1))["@graph"]
    return next(item for item in graph if "Product" in item["@type"])


@pytest.fixture
def chloride(db):
    return MagnesiumFormFactory(name="Chloride", slug="chloride")


@pytest.fixture
def spray(catalogue, chloride):
    product = ProductPageFactory(
        parent=catalogue,
        title="Oil spray",
        magnesium_form=chloride,
        format=ProductFormat.TOPICAL,
        route_of_use=ProductRoute.TOPICAL,
        elemental_mg_per_serving=56,
        servings_per_day=2,
        amount_per_serving=1,
    )
    # 100 ml, 56 mg per ml: 5600 mg; 2.80 / 56 = 0.05 per 100 mg
    ProductVariantFactory(page=product, price=Decimal("2.80"), amount=100)
    return product


@pytest.fixture
def capsules(catalogue, chloride):
    product = ProductPageFactory(
        parent=catalogue,
        title="Chloride capsules",
        magnesium_form=chloride,
        elemental_mg_per_serving=100,
        amount_per_serving=1,
    )
    # 100 capsules of 100 mg: 10000 mg; 30.00 / 100 = 0.30 per 100 mg
    ProductVariantFactory(page=product, price=Decimal("30.00"), amount=100)
    return product


def test_topical_page_has_no_supplement_facts_daily_value_or_daily_dose(client, spray):
    html = client.get(spray.url).content.decode()

    assert "Supplement Facts" not in html
    assert "Daily Value" not in html
    assert "a day" not in html.split("<footer")[0]
    assert "On the skin" in html


def test_oral_page_keeps_its_supplement_facts(client, capsules):
    html = client.get(capsules.url).content.decode()

    assert "Supplement Facts" in html
    assert "24% of the US Daily Value" in html  # 100 mg / 420 mg


def test_topical_product_is_not_a_dietary_supplement_in_json_ld(client, spray):
    item = json_ld_product(client.get(spray.url).content.decode())

    assert item["@type"] == "Product"
    assert "recommendedIntake" not in item
    assert "activeIngredient" not in item


def test_api_gives_a_topical_product_no_daily_figures(client, spray):
    data = client.get(f"/api/v2/products/{spray.pk}/").json()

    assert data["route_of_use"] == "topical"
    assert data["elemental_mg_per_day"] is None
    assert data["percent_daily_value"] is None


@pytest.mark.parametrize("sort", ["price_per_100mg", "mg"])
def test_oral_rankings_come_first_and_skin_products_rank_after_them(
    client, catalogue, spray, capsules, sort
):
    response = client.get(catalogue.url, {"sort": sort})

    titles = re.findall(
        r'class="product-card__title"><a href="[^"]*">([^<]*)</a>',
        response.content.decode(),
    )
    assert titles == ["Chloride capsules", "Oil spray"]


def test_forms_cost_chart_prices_oral_products_only(spray, capsules):
    rows = {row.name: row for row in comparison_rows()}

    assert rows["Chloride"].lowest_price_per_100mg == pytest.approx(0.30)


def test_a_spray_cannot_be_saved_as_taken_by_mouth(spray):
    spray.route_of_use = ProductRoute.ORAL

    with pytest.raises(ValidationError, match="on the skin"):
        spray.full_clean()
