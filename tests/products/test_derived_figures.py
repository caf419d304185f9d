import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from products.catalogue import products_queryset
from products.factories import ProductPageFactory, ProductVariantFactory
from products.models import ProductPage

pytestmark = pytest.mark.django_db

JSON_LD = r'<script type="application/ld\+json">(.*?)</script>'


@pytest.fixture
def tablets(catalogue):
    return ProductPageFactory(
        parent=catalogue,
        elemental_mg_per_serving=150,
        servings_per_day=2,
        amount_per_serving=1,
    )


def test_daily_magnesium_multiplies_the_serving_by_servings_a_day(tablets):
    assert tablets.elemental_mg_per_day == 300


def test_daily_value_and_nrv_use_us_420_mg_and_eu_375_mg(tablets):
    assert tablets.percent_daily_value == 71  # 300 / 420
    assert tablets.percent_nrv == 80  # 300 / 375
    assert tablets.percent_daily_value_per_serving == 36  # 150 / 420


def test_price_per_100mg_spreads_the_price_over_the_magnesium_in_that_pack(tablets):
    small = ProductVariantFactory(page=tablets, price=Decimal("18.00"), amount=60)
    large = ProductVariantFactory(page=tablets, price=Decimal("30.00"), amount=120)

    # 60 tablets x 150 mg = 9000 mg; 18.00 / 90 = 0.200
    assert small.elemental_mg_in_pack == 9000
    assert small.price_per_100mg == Decimal("0.200")
    # 120 tablets x 150 mg = 18000 mg; 30.00 / 180 = 0.1667
    assert large.price_per_100mg == Decimal("0.167")


def test_price_per_100mg_rounds_half_up_to_a_tenth_of_a_cent(tablets):
    variant = ProductVariantFactory(page=tablets, price=Decimal("10.00"), amount=60)

    assert variant.price_per_100mg == Decimal("0.111")  # 10 / 90 = 0.1111


def test_servings_count_the_pack_in_the_units_of_a_serving(catalogue):
    powder = ProductPageFactory(
        parent=catalogue, elemental_mg_per_serving=200, amount_per_serving="2.5"
    )
    tub = ProductVariantFactory(page=powder, price=Decimal("16.00"), amount=200)

    assert tub.servings == 80  # 200 g / 2.5 g
    assert tub.price_per_100mg == Decimal("0.100")  # 16.00 / (80 x 200 / 100)


def test_catalogue_sorts_by_the_best_value_pack_not_the_cheapest(catalogue):
    two_sizes = ProductPageFactory(
        parent=catalogue, title="Two sizes", elemental_mg_per_serving=100
    )
    ProductVariantFactory(page=two_sizes, price=Decimal("19.90"), amount=120)  # 0.332
    ProductVariantFactory(page=two_sizes, price=Decimal("34.50"), amount=240)  # 0.288
    one_size = ProductPageFactory(
        parent=catalogue, title="One size", elemental_mg_per_serving=100
    )
    ProductVariantFactory(page=one_size, price=Decimal("18.00"), amount=120)  # 0.300

    ranked = products_queryset(catalogue).order_by("price_per_100mg")

    assert [p.title for p in ranked] == ["Two sizes", "One size"]
    assert ranked[0].price_per_100mg == pytest.approx(0.2875)


# Hand-computed from the demo's labels: Glycinate Capsules, 100 mg per 2 capsules;
# Epsom flakes, 250 g of Epsom salt (9.9% magnesium, 24750 mg) per bath.
DEMO_FIGURES = {
    "glycinate-capsules": {
        "NL-GLY-120": "0.332",  # 19.90 / (60 servings x 100 mg / 100)
        "NL-GLY-240": "0.288",  # 34.50 / 120  = 0.2875, half up
    },
    "epsom-bath-flakes": {
        "SL-EPS-1KG": "0.010",  # 9.50 / (4 baths x 24750 mg / 100) = 0.0096
        "SL-EPS-2KG": "0.008",  # 15.00 / 1980 = 0.0076
        "SL-EPS-5KG": "0.006",  # 29.00 / 4950 = 0.0059
        "SL-EPS-10KG": "0.005",  # 52.00 / 9900 = 0.0053
    },
}


def test_demo_sizes_show_hand_computed_prices_per_100mg_on_page_api_and_json_ld(
    client,
):
    call_command("load_demo", verbosity=0)

    for slug, expected in DEMO_FIGURES.items():
        product = ProductPage.objects.get(slug=slug)
        variants = {v.sku: v for v in product.variants.all()}
        assert {sku: str(v.price_per_100mg) for sku, v in variants.items()} == expected
        api = client.get(f"/api/v2/products/{product.pk}/").json()
        assert {v["sku"]: v["price_per_100mg"] for v in api["variants"]} == expected
        html = client.get(product.url).content.decode()
        for figure in expected.values():
            assert f"USD {figure}" in html


def test_json_ld_offers_carry_the_same_price_per_100mg(client):
    call_command("load_demo", verbosity=0)
    product = ProductPage.objects.get(slug="glycinate-capsules")

    html = client.get(product.url).content.decode()

    data = json.loads(re.search(JSON_LD, html, re.S).group(1))
    offers = next(i for i in data["@graph"] if "Product" in i["@type"])["offers"]
    unit_prices = {o["sku"]: o["priceSpecification"]["price"] for o in offers}
    assert unit_prices == DEMO_FIGURES["glycinate-capsules"]
