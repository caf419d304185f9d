from decimal import Decimal

import pytest

from evidence.factories import DraftClaimFactory, approved_claim, go_live
from products.comparison import chart, comparison_rows
from products.factories import (
    MagnesiumFormFactory,
    ProductPageFactory,
    ProductVariantFactory,
)
from products.models import FormsComparisonPage, MagnesiumFormClaim

pytestmark = pytest.mark.django_db


@pytest.fixture
def forms(catalogue):
    oxide = MagnesiumFormFactory(name="Oxide", elemental_share_percent=Decimal("60"))
    glycinate = MagnesiumFormFactory(
        name="Glycinate", elemental_share_percent=Decimal("14")
    )
    product = ProductPageFactory(
        parent=catalogue,
        title="Glycinate capsules",
        magnesium_form=glycinate,
        elemental_mg_per_serving=100,
        amount_per_serving=1,
    )
    # 100 servings of 100 mg: 0.20 per 100 mg
    ProductVariantFactory(page=product, price=Decimal("20.00"), amount=100)
    return {"oxide": oxide, "glycinate": glycinate}


def test_rows_carry_each_forms_products_and_cheapest_price(forms):
    rows = {row.name: row for row in comparison_rows()}

    assert [p.title for p in rows["Glycinate"].live_products] == ["Glycinate capsules"]
    assert rows["Glycinate"].lowest_price_per_100mg == pytest.approx(0.20)
    assert rows["Oxide"].live_products == []
    assert rows["Oxide"].lowest_price_per_100mg is None


def test_chart_bars_scale_to_the_largest_value(forms):
    drawn = chart(comparison_rows())

    share = {bar.label: bar for bar in drawn["share_bars"]}
    assert share["Oxide"].width / share["Glycinate"].width == pytest.approx(
        60 / 14, rel=0.01
    )
    assert share["Oxide"].value_label == "60.0%"
    price = {bar.label: bar for bar in drawn["price_bars"]}
    assert price["Oxide"].width == 0
    assert price["Oxide"].value_label == "no product"
    assert all(bar.y + bar.height <= drawn["height"] for bar in drawn["price_bars"])


def test_page_draws_an_svg_chart_with_a_text_alternative(
    client, comparison_page, forms
):
    html = client.get(comparison_page.url).content.decode()

    assert '<svg viewBox="0 0' in html
    assert 'role="img"' in html
    assert '<title id="forms-chart-title">' in html
    assert "Oxide: 60.0% elemental magnesium." in html
    assert '<table class="forms-comparison">' in html
    assert "Glycinate capsules" in html


def test_page_shows_only_approved_benefit_statements_of_each_form(
    client, comparison_page, forms
):
    shown = approved_claim()
    hidden = DraftClaimFactory()
    for claim in (shown, hidden):
        MagnesiumFormClaim.objects.create(form=forms["glycinate"], claim=claim)
    go_live(forms["glycinate"])  # the form as it now stands, approved

    html = client.get(comparison_page.url).content.decode()

    assert shown.wording in html
    assert hidden.wording not in html
    assert "This statement has not been evaluated" in html


def test_page_has_no_disclaimer_without_structure_function_claims(
    client, comparison_page, forms
):
    html = client.get(comparison_page.url).content.decode()

    assert "Food and Drug Administration" not in html


def test_product_page_links_to_the_comparison(client, product, comparison_page):
    html = client.get(product.url).content.decode()

    assert f'href="{comparison_page.url}"' in html


def test_comparison_is_a_single_page_under_home(comparison_page, home_page):
    assert not FormsComparisonPage.can_create_at(home_page)
