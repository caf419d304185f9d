import pytest

from evidence.factories import go_live
from products.factories import ProductPageFactory, ProductVariantFactory
from products.models import FormsComparisonPage


@pytest.fixture
def product(catalogue):
    page = ProductPageFactory(
        parent=catalogue,
        elemental_mg_per_serving=150,  # 300 mg a day: under the upper limit
        servings_per_day=2,
        amount_per_serving=2,
    )
    ProductVariantFactory(
        page=page, price="24.00", size_label="120 capsules", amount=120
    )
    return page


@pytest.fixture
def comparison_page(home_page):
    page = FormsComparisonPage(title="Forms of magnesium", slug="forms")
    home_page.add_child(instance=page)
    go_live(page)
    return page
