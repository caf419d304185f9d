import pytest

from products.factories import ProductPageFactory
from products.models import ProductFormat

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(catalogue):
    ProductPageFactory(parent=catalogue, title="Caps", format=ProductFormat.CAPSULE)
    ProductPageFactory(parent=catalogue, title="Powder", format=ProductFormat.POWDER)


def test_products_are_filtered_by_format_under_product_format(client, shelf):
    data = client.get("/api/v2/products/", {"product_format": "powder"}).json()

    assert [item["title"] for item in data["items"]] == ["Powder"]
    assert data["meta"]["total_count"] == 1


def test_an_unknown_product_format_is_a_400_naming_the_choices(client, shelf):
    response = client.get("/api/v2/products/", {"product_format": "gummy"})

    assert response.status_code == 400
    assert "capsule, tablet" in response.json()["message"]


def test_format_still_selects_the_renderer(client, shelf):
    data = client.get("/api/v2/products/", {"format": "json"}).json()

    assert data["meta"]["total_count"] == 2
