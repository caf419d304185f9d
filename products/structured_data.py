"""schema.org JSON-LD for product pages, built as dicts and serialised safely."""

from mgsite.structured_data import breadcrumb_list, site_url

AVAILABILITY = {
    True: "https://schema.org/InStock",
    False: "https://schema.org/OutOfStock",
}


def offer(variant, url):
    """One size, with the magnesium in it and the price per 100 mg shown on
    the page (``ProductVariant.price_per_100mg``)."""
    data = {
        "@type": "Offer",
        "url": url,
        "sku": variant.sku,
        "name": variant.size_label,
        "price": f"{variant.price:.2f}",
        "priceCurrency": variant.currency,
        "availability": AVAILABILITY[variant.in_stock],
    }
    if per_100mg := variant.price_per_100mg:
        data["priceSpecification"] = {
            "@type": "UnitPriceSpecification",
            "price": f"{per_100mg:.3f}",
            "priceCurrency": variant.currency,
            "referenceQuantity": {
                "@type": "QuantitativeValue",
                "value": 100,
                "unitCode": "MGM",
                "unitText": "mg elemental magnesium",
            },
        }
    if variant.gtin:
        data["gtin"] = variant.gtin
    return data


def active_ingredient(product):
    form = product.shown_form
    return f"Magnesium ({form.name})" if form else "Magnesium"


def supplement_facts(product):
    """What only a product taken by mouth is: a dietary supplement with a
    daily intake."""
    return {
        "@type": ["Product", "DietarySupplement"],
        "activeIngredient": active_ingredient(product),
        "recommendedIntake": {
            "@type": "RecommendedDoseSchedule",
            "doseValue": product.elemental_mg_per_day,
            "doseUnit": "mg elemental magnesium",
            "frequency": "daily",
        },
        "safetyConsideration": "\n".join(product.shown_warnings),
    }


def product_json_ld(product, request, variants, images, trail):
    url = product.get_full_url(request)
    data = {
        "@type": "Product",
        "name": product.title,
        "description": product.summary,
        "url": url,
        "brand": {"@type": "Brand", "name": product.brand},
        "offers": [offer(variant, url) for variant in variants],
    }
    if product.is_oral:
        data.update(supplement_facts(product))
    if images:
        data["image"] = [
            site_url(request, item.image.get_rendition("max-800x800").url)
            for item in images
        ]
    return {
        "@context": "https://schema.org",
        "@graph": [data, breadcrumb_list(trail, request)],
    }
