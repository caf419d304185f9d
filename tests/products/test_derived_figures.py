from decimal import Decimal

import pytest

from products.factories import ProductPageFactory, ProductVariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tablets(catalogue):
    return ProductPageFactory(
        parent=catalogue,
        elemental_mg_per_serving=150,
        servings_per_day=2,
        servings_per_container=60,
    )


def test_daily_magnesium_multiplies_the_serving_by_servings_a_day(tablets):
    assert tablets.elemental_mg_per_day == 300


def test_daily_value_and_nrv_use_us_420_mg_and_eu_375_mg(tablets):
    assert tablets.percent_daily_value == 71  # 300 / 420
    assert tablets.percent_nrv == 80  # 300 / 375
    assert tablets.percent_daily_value_per_serving == 36  # 150 / 420


def test_price_per_100mg_spreads_the_price_over_the_whole_container(tablets):
    variant = ProductVariantFactory(page=tablets, price=Decimal("18.00"))

    # 150 mg x 60 servings = 9000 mg; 18.00 / 90 = 0.200
    assert variant.price_per_100mg() == Decimal("0.200")


def test_price_per_100mg_rounds_half_up_to_a_tenth_of_a_cent(tablets):
    variant = ProductVariantFactory(page=tablets, price=Decimal("10.00"))

    assert variant.price_per_100mg() == Decimal("0.111")  # 10 / 90 = 0.1111
