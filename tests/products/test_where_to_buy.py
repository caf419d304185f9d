"""Where to buy: each size's shops with the price they listed, read in the
same queries however many, and live only with the product page's approval;
product pictures as AVIF and WebP with a fallback, lazy below the fold."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.factories import go_live
from products.factories import (
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    RetailerLinkFactory,
)
from products.models import RetailerLink

pytestmark = pytest.mark.django_db

BUDGET = 12


def document(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def warm_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def product_with_shops(catalogue, variants, shops):
    product = ProductPageFactory(parent=catalogue)
    ProductImageFactory(page=product)
    for variant in ProductVariantFactory.create_batch(variants, page=product):
        RetailerLinkFactory.create_batch(shops, variant=variant)
    return product


def test_where_to_buy_lists_each_sizes_shops_with_the_price_they_listed(
    client, product
):
    variant = product.variants.get()
    RetailerLinkFactory(
        variant=variant,
        retailer="Harbour Pharmacy",
        url="https://harbour.example.com/p/1",
        price="23.50",
    )

    section = document(client, product.url).select_one(".where-to-buy")

    link = section.find("a", href="https://harbour.example.com/p/1")
    assert link.get_text(" ", strip=True).startswith("Harbour Pharmacy")
    assert "120 capsules" in section.get_text()
    assert "USD 23.50" in section.get_text()
    assert "as listed on" in section.get_text()
    assert "cart" not in section.get_text().lower()


def test_a_product_without_shops_shows_no_where_to_buy(client, product):
    assert document(client, product.url).select_one(".where-to-buy") is None


def test_product_page_reads_its_shops_within_budget_however_many(client, catalogue):
    small = product_with_shops(catalogue, variants=1, shops=1)
    large = product_with_shops(catalogue, variants=4, shops=3)

    counts = [warm_queries(client, page.url) for page in (small, large)]

    assert counts[0] == counts[1] <= BUDGET


def test_product_pictures_offer_avif_and_webp_with_a_fallback(client, catalogue):
    product = ProductPageFactory(parent=catalogue)
    ProductImageFactory(page=product)
    ProductImageFactory(page=product)

    pictures = document(client, product.url).select(".product__gallery picture")

    first, second = pictures
    types = [source["type"] for source in first.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    assert all("," in source["srcset"] for source in first.find_all("source"))
    assert first.img["src"].endswith(".png") and first.img["alt"]
    assert first.img.get("loading") is None  # the first picture is above the fold
    assert second.img["loading"] == "lazy"


def test_catalogue_cards_load_their_pictures_lazily(client, catalogue):
    product = ProductPageFactory(parent=catalogue)
    ProductImageFactory(page=product)

    card = document(client, catalogue.url).select_one(".product-card picture")

    assert card.find("source", type="image/avif")
    assert card.img["loading"] == "lazy"


def test_a_shop_link_written_to_the_database_takes_the_page_out_of_view(
    client, product
):
    RetailerLink.objects.create(
        page=product,
        sku=product.variants.get().sku,
        retailer="Harbour Pharmacy",
        url="https://harbour.example.com/p/1",
        price="23.50",
        currency="USD",
        listed_on="2026-11-30",
    )

    assert client.get(product.url).status_code == 404


def test_a_shops_new_price_shows_without_a_new_review(client, product):
    link = RetailerLinkFactory(variant=product.variants.get(), price="23.50")

    RetailerLink.objects.filter(pk=link.pk).update(price="21.99")

    section = document(client, product.url).select_one(".where-to-buy")
    assert "USD 21.99" in section.get_text()


def test_a_link_for_a_size_the_product_no_longer_has_is_not_shown(client, product):
    RetailerLinkFactory(variant=product.variants.get(), retailer="Harbour Pharmacy")
    link = RetailerLinkFactory(variant=product.variants.get(), retailer="Old Shop")
    RetailerLink.objects.filter(pk=link.pk).update(sku="GONE-1")
    go_live(product)

    section = document(client, product.url).select_one(".where-to-buy")

    assert "Harbour Pharmacy" in section.get_text()
    assert "Old Shop" not in section.get_text()
