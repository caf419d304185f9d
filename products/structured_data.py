"""schema.org JSON-LD for product pages, built as dicts and serialised safely."""

from mgsite.structured_data import breadcrumb_list

AVAILABILITY = {
    True: "https://schema.org/InStock",
    False: "https://schema.org/OutOfStock",
}


def offer(variant, url):
    data = {
        "@type": "Offer",
        "url": url,
        "sku": variant.sku,
        "name": variant.size_label,
        "price": f"{variant.price:.2f}",
        "priceCurrency": variant.currency,
        "availability": AVAILABILITY[variant.in_stock],
    }
    if variant.gtin:
        data["gtin"] = variant.gtin
    return data


def product_json_ld(product, request, variants, images, trail):
    url = product.get_full_url(request)
    data = {
        "@type": ["Product", "DietarySupplement"],
        "name": product.title,
        "description": product.summary,
        "url": url,
        "brand": {"@type": "Brand", "name": product.brand},
        "activeIngredient": f"Magnesium ({product.magnesium_form.name})",
        "recommendedIntake": {
            "@type": "RecommendedDoseSchedule",
            "doseValue": product.elemental_mg_per_day,
            "doseUnit": "mg elemental magnesium",
            "frequency": "daily",
        },
        "safetyConsideration": product.warnings,
        "offers": [offer(variant, url) for variant in variants],
    }
    if images:
        data["image"] = [
            request.build_absolute_uri(item.image.get_rendition("max-800x800").url)
            for item in images
        ]
    return {
        "@context": "https://schema.org",
        "@graph": [data, breadcrumb_list(trail, request)],
    }
