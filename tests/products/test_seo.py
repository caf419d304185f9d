import json
import re

import pytest

from evidence.factories import go_live
from products.factories import ProductImageFactory, ProductVariantFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def graph_item(data, type_name):
    return next(item for item in data["@graph"] if type_name in item["@type"])


def test_product_json_ld_describes_the_supplement_and_each_offer(client, product):
    ProductVariantFactory(
        page=product,
        sku="MG-90",
        amount=90,
        price="31.50",
        in_stock=False,
        gtin="4006381333931",
    )
    ProductImageFactory(page=product)

    data = json_ld(client.get(product.url).content.decode())

    item = graph_item(data, "Product")
    assert item["@type"] == ["Product", "DietarySupplement"]
    assert item["name"] == product.title
    assert item["brand"]["name"] == product.brand
    assert item["activeIngredient"] == f"Magnesium ({product.magnesium_form.name})"
    assert item["recommendedIntake"]["doseValue"] == 300
    assert item["safetyConsideration"] == "\n".join(product.shown_warnings)
    assert item["image"][0].startswith("http://")
    offers = {offer["sku"]: offer for offer in item["offers"]}
    assert len(offers) == 2
    assert offers["MG-90"] == {
        "@type": "Offer",
        "url": product.full_url,
        "sku": "MG-90",
        "name": offers["MG-90"]["name"],
        "price": "31.50",
        "priceCurrency": "USD",
        "availability": "https://schema.org/OutOfStock",
        "gtin": "4006381333931",
        # 45 servings of 150 mg = 6750 mg: 31.50 / 67.5, as on the page
        "priceSpecification": {
            "@type": "UnitPriceSpecification",
            "price": "0.467",
            "priceCurrency": "USD",
            "referenceQuantity": {
                "@type": "QuantitativeValue",
                "value": 100,
                "unitCode": "MGM",
                "unitText": "mg elemental magnesium",
            },
        },
    }


def test_breadcrumb_list_runs_from_home_to_the_product(client, product, catalogue):
    data = json_ld(client.get(product.url).content.decode())

    crumbs = graph_item(data, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == [
        catalogue.get_parent().title,
        catalogue.title,
        product.title,
    ]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[-1]["item"] == product.full_url


def test_text_cannot_break_out_of_the_json_ld_script(client, product):
    product.warnings = "Keep away </script><script>alert(1)</script> & children"
    go_live(product)

    html = client.get(product.url).content.decode()

    assert "</script><script>alert(1)" not in html
    data = json_ld(html)
    assert product.warnings in graph_item(data, "Product")["safetyConsideration"]


def test_product_page_has_canonical_and_open_graph_tags(client, product):
    html = client.get(product.url).content.decode()

    assert f'<link rel="canonical" href="{product.full_url}">' in html
    assert '<meta property="og:type" content="product">' in html


def test_sitemap_lists_live_products_only(client, product, catalogue):
    from products.factories import ProductPageFactory

    draft = ProductPageFactory(parent=catalogue, live=False)

    xml = client.get("/sitemap.xml").content.decode()

    assert product.full_url in xml
    assert catalogue.full_url in xml
    assert draft.slug not in xml
