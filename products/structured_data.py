"""schema.org JSON-LD for product pages, built as dicts and serialised safely."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# As Django's json_script: no "</script>" or HTML can break out of the block.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
AVAILABILITY = {
    True: "https://schema.org/InStock",
    False: "https://schema.org/OutOfStock",
}


def to_script_json(data):
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder).translate(SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


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


def breadcrumbs(trail, request):
    """``trail``: the pages from the site root down to this one."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


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
        "@graph": [data, breadcrumbs(trail, request)],
    }
