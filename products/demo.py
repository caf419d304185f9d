"""Demo catalogue: the magnesium forms, products with variants, pictures
drawn in code, approved claims from the evidence demo, and the comparison.

Idempotent: everything is looked up by slug or SKU first. Claims are found
by wording in the library; when the evidence demo has not created them,
products are made without claims rather than failing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from articles.models import ArticlePage
from evidence import compliance
from evidence import demo as evidence_demo
from evidence.models import approved_as_they_stand
from evidence.review import publish_demo
from mgsite.models import HomePage
from products.images import wagtail_image
from products.models import (
    FormsComparisonPage,
    MagnesiumForm,
    MagnesiumFormClaim,
    ProductClaim,
    ProductImage,
    ProductIndexPage,
    ProductPage,
    ProductRoute,
    ProductVariant,
    RetailerLink,
)

# (slug, name, elemental share %, absorption, tolerance, uses, colour)
FORMS = [
    (
        "glycinate",
        "Glycinate",
        "14.1",
        "Bound to the amino acid glycine; taken up well from the gut.",
        "Among the gentlest forms on the stomach.",
        "Everyday top-up, often taken in the evening.",
        (46, 107, 160),
    ),
    (
        "citrate",
        "Citrate",
        "16.2",
        "Dissolves readily in water and is absorbed well.",
        "Draws water into the bowel; larger doses loosen stools.",
        "General supplementation; occasional constipation.",
        (11, 110, 79),
    ),
    (
        "malate",
        "Malate",
        "15.5",
        "Bound to malic acid; absorbed about as well as citrate.",
        "Usually well tolerated.",
        "Daytime supplementation, muscle comfort.",
        (176, 96, 20),
    ),
    (
        "l-threonate",
        "L-threonate",
        "7.2",
        "Studied for reaching the brain; little data in people.",
        "Well tolerated, but low magnesium per capsule.",
        "Interest in memory and sleep; research is early.",
        (110, 60, 150),
    ),
    (
        "taurate",
        "Taurate",
        "8.9",
        "Bound to taurine; limited human absorption data.",
        "Usually well tolerated.",
        "Heart and blood-pressure interest; evidence is thin.",
        (150, 40, 70),
    ),
    (
        "oxide",
        "Oxide",
        "60.3",
        "High magnesium content but a small share is absorbed.",
        "Loose stools are common at higher doses.",
        "Cheapest per milligram of magnesium.",
        (90, 98, 110),
    ),
    (
        "chloride",
        "Chloride",
        "12.0",
        "Absorbed well when swallowed; skin absorption is unproven.",
        "Can upset the stomach; sprays may sting.",
        "Oils, sprays and drinks.",
        (0, 120, 130),
    ),
    (
        "sulfate",
        "Sulfate",
        "9.9",
        "Epsom salt; poorly absorbed by mouth or through the skin.",
        "Causes loose stools when swallowed; for the bath only.",
        "Bath soaks.",
        (70, 90, 160),
    ),
]

# The product's own warnings; the upper-limit, kidney and medicine warnings
# come from products/data/dose_safety.toml on every page.
WARNINGS = (
    "High doses can cause loose stools or diarrhoea; lower the dose if this "
    "happens.\n"
    "Keep out of the reach of children."
)
TOPICAL_WARNINGS = (
    "For external use only. Do not use on broken or irritated skin; stop if "
    "it stings or itches."
)

# Fragments of the evidence demo's approved wordings (EU authorised magnesium
# claims), looked up in the library.
# Product shorthand -> the evidence demo's claim keys (see evidence.demo).
CLAIMS = {
    "muscle": "muscle_relaxation",
    "nerves": "nerve_signalling",
    "fatigue": "energy_production",
    "electrolytes": "exercise_muscle",
    "bones": "bones",
}
PENDING_CLAIM = "back_pain_trial"

# slug, title, brand, form, format, mg/serving, serving size, servings/day,
# amount per serving (capsules, tablets, g or ml), claims,
# variants [(sku, size, amount in the pack, price, in stock)]
PRODUCTS = [
    (
        "glycinate-capsules",
        "Glycinate Capsules",
        "Northleaf",
        "glycinate",
        "capsule",
        100,
        "2 capsules",
        2,
        2,
        ["muscle", "nerves"],
        [
            ("NL-GLY-120", "120 capsules", "120", "19.90", True),
            ("NL-GLY-240", "240 capsules", "240", "34.50", True),
        ],
    ),
    (
        "everyday-citrate-powder",
        "Everyday Citrate Powder",
        "Tidewell",
        "citrate",
        "powder",
        200,
        "1 scoop (2.5 g)",
        1,
        "2.5",
        ["muscle", "fatigue"],
        [
            ("TW-CIT-200", "200 g tub", "200", "16.00", True),
            ("TW-CIT-400", "400 g tub", "400", "27.00", False),
        ],
    ),
    (
        "active-malate-tablets",
        "Active Malate Tablets",
        "Ridgeway",
        "malate",
        "tablet",
        125,
        "1 tablet",
        2,
        1,
        ["muscle", "fatigue"],
        [("RW-MAL-90", "90 tablets", "90", "14.75", True)],
    ),
    (
        "threonate-evening-capsules",
        "Threonate Evening Capsules",
        "Northleaf",
        "l-threonate",
        "capsule",
        48,
        "3 capsules",
        1,
        3,
        ["nerves"],
        [("NL-THR-90", "90 capsules", "90", "39.00", True)],
    ),
    (
        "taurate-heart-tablets",
        "Taurate Tablets",
        "Ridgeway",
        "taurate",
        "tablet",
        125,
        "1 tablet",
        1,
        1,
        ["electrolytes"],
        [
            ("RW-TAU-60", "60 tablets", "60", "21.00", True),
            ("RW-TAU-120", "120 tablets", "120", "37.00", True),
        ],
    ),
    (
        "value-oxide-tablets",
        "Value Oxide Tablets",
        "Basics Co",
        "oxide",
        "tablet",
        250,
        "1 tablet",
        1,
        1,
        ["muscle", "bones"],
        [
            ("BC-OX-100", "100 tablets", "100", "6.50", True),
            ("BC-OX-250", "250 tablets", "250", "12.90", True),
            ("BC-OX-500", "500 tablets", "500", "21.90", False),
        ],
    ),
    (
        "chloride-liquid-drops",
        "Chloride Liquid Drops",
        "Tidewell",
        "chloride",
        "liquid",
        100,
        "1 ml (20 drops)",
        2,
        1,
        ["nerves", "electrolytes"],
        [("TW-CHL-60", "60 ml bottle", "60", "18.50", True)],
    ),
    (
        "magnesium-oil-spray",
        "Magnesium Oil Spray",
        "Seaside Labs",
        "chloride",
        "topical",
        56,
        "4 sprays",
        2,
        1,
        [],
        [
            ("SL-SPR-100", "100 ml spray", "100", "11.00", True),
            ("SL-SPR-250", "250 ml spray", "250", "19.00", True),
        ],
    ),
    (
        "epsom-bath-flakes",
        "Epsom Bath Flakes",
        "Seaside Labs",
        "sulfate",
        "bath_flakes",
        24750,  # 250 g of Epsom salt, 9.9% magnesium
        "250 g in a bath",
        1,
        250,
        [],
        [
            ("SL-EPS-1KG", "1 kg pouch", "1000", "9.50", True),
            ("SL-EPS-2KG", "2 kg pouch", "2000", "15.00", True),
            ("SL-EPS-5KG", "5 kg pouch", "5000", "29.00", False),
            ("SL-EPS-10KG", "10 kg pouch", "10000", "52.00", True),
        ],
    ),
]
ROUTES = {"topical": ProductRoute.TOPICAL, "bath_flakes": ProductRoute.BATH}


def approved_claim(key):
    claim = evidence_demo.claim(CLAIMS[key])
    return claim if claim.live else None


def pending_claim():
    """A claim from the evidence demo that is still awaiting review."""
    claim = evidence_demo.claim(PENDING_CLAIM)
    return None if claim.live else claim


def load_forms():
    forms = {}
    for slug, name, share, absorption, tolerance, uses, colour in FORMS:
        form, _ = MagnesiumForm.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "elemental_share_percent": Decimal(share),
                "absorption_notes": absorption,
                "digestive_tolerance": tolerance,
                "typical_uses": uses,
                "live": False,
            },
        )
        form.colour = colour
        forms[slug] = form
    return forms


def attach_form_claims(forms):
    for slug, keys in {
        "glycinate": ["muscle"],
        "citrate": ["fatigue"],
        "malate": ["muscle"],
        "oxide": ["bones"],
    }.items():
        for order, key in enumerate(keys):
            if claim := approved_claim(key):
                MagnesiumFormClaim.objects.get_or_create(
                    form=forms[slug], claim=claim, defaults={"sort_order": order}
                )


def publish_forms(forms):
    """Each form, with its benefit claims, through compliance review (once)."""
    for form in forms.values():
        if not approved_as_they_stand([form]):
            publish_demo(form)


def publishable_claims(keys, daily_mg):
    claims = [claim for key in keys if (claim := approved_claim(key))]
    return [
        claim
        for claim in claims
        if not compliance.errors(
            compliance.check_attachments([claim], daily_mg, labelling=True)
        )
    ]


def directions_for(fmt, serving, per_day):
    times = "once a day" if per_day == 1 else f"{per_day} times a day"
    if fmt == "topical":
        return f"Spray {serving} onto clean skin {times} and massage in."
    if fmt == "bath_flakes":
        return f"Dissolve {serving} of warm water and soak for 15 minutes."
    return f"Take {serving} {times} with food. Do not take more than this."


def summary_for(form, fmt, brand, route, daily_mg):
    kind = f"{form.name} magnesium {fmt.replace('_', ' ')} from {brand}"
    if route == ProductRoute.ORAL:
        return f"{kind}: {daily_mg} mg of elemental magnesium a day."
    return f"{kind}, {ProductRoute(route).label.lower()}."


def create_product(catalogue, forms, reading, row):
    (
        slug,
        title,
        brand,
        form_slug,
        fmt,
        mg,
        serving,
        per_day,
        per_serving,
        claim_keys,
        variants,
    ) = row
    form = forms[form_slug]
    route = ROUTES.get(fmt, ProductRoute.ORAL)
    product = ProductPage(
        title=title,
        slug=slug,
        summary=summary_for(form, fmt, brand, route, mg * per_day),
        brand=brand,
        magnesium_form=form,
        format=fmt,
        route_of_use=route,
        elemental_mg_per_serving=mg,
        serving_size=serving,
        servings_per_day=per_day,
        amount_per_serving=Decimal(per_serving),
        other_ingredients="Capsule shell (hydroxypropyl methylcellulose)."
        if fmt == "capsule"
        else "",
        directions=directions_for(fmt, serving, per_day),
        warnings=WARNINGS if route == ProductRoute.ORAL else TOPICAL_WARNINGS,
    )
    catalogue.add_child(instance=product)
    product.related_reading.set(reading)
    sizes = [
        ProductVariant(
            sku=sku,
            size_label=size,
            amount=Decimal(amount),
            price=Decimal(price),
            currency="USD",
            in_stock=in_stock,
            sort_order=order,
        )
        for order, (sku, size, amount, price, in_stock) in enumerate(variants)
    ]
    product.variants.add(*sizes)
    for order, link in enumerate(shop_links(sizes, timezone.localdate())):
        link.sort_order = order
        product.retailer_links.add(link)
    image = wagtail_image(title, fmt, form.colour, form.name, f"{slug}.png")
    product.images.add(
        ProductImage(
            image=image,
            alt_text=f"{title} package, labelled "
            f"with the magnesium symbol and “{form.name}”.",
        )
    )
    for order, claim in enumerate(
        publishable_claims(claim_keys, product.elemental_mg_per_day or 0)
    ):
        product.claims.add(ProductClaim(claim=claim, sort_order=order))
    publish_demo(product)
    return product


def add_pending_claim(product):
    """A newer draft that attaches a claim still awaiting review: the live
    page keeps showing only approved claims."""
    claim = pending_claim()
    if claim is None:
        return
    product.claims.add(ProductClaim(claim=claim, sort_order=99))
    product.save_revision()


def load_catalogue(home):
    catalogue = ProductIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=ProductIndexPage(
                title="Products",
                slug="products",
                intro=(
                    "Magnesium supplements with their dose, form and price, and "
                    "only the benefit statements a reviewer approved."
                ),
                show_in_menus=True,
            )
        )
        publish_demo(catalogue)
    return catalogue


def load_comparison(home):
    page = FormsComparisonPage.objects.first()
    if page is None:
        page = home.add_child(
            instance=FormsComparisonPage(
                title="Forms of magnesium compared",
                slug="magnesium-forms",
                intro=(
                    "How much magnesium each form carries, how well it is "
                    "absorbed, how it sits with the stomach, and what our "
                    "catalogue charges per 100 mg of magnesium."
                ),
                show_in_menus=True,
            )
        )
        publish_demo(page)
    return page


# "Read more" under every product: chosen by an editor, about the product
# itself (forms, taking it), never about a disease.
RELATED_READING = [
    "choosing-a-magnesium-form",
    "taking-magnesium-with-other-supplements",
]


# Demo shops (reserved example domains): name, address, price offset in cents
# from the variant's list price.
SHOPS = [
    ("Harbour Pharmacy", "https://harbour-pharmacy.example.com/p/", -50),
    ("Corner Chemist", "https://cornerchemist.example.net/item/", 0),
    ("Daily Basket", "https://dailybasket.example.org/shop/", 120),
]


def shop_links(variants, today):
    """Two or three shops for each size in stock, with the price each listed
    when it was checked: rows of the product page, reviewed with it."""
    in_stock = [variant for variant in variants if variant.in_stock]
    for index, variant in enumerate(in_stock):
        shops = SHOPS if index % 2 == 0 else SHOPS[:2]
        for name, base, offset in shops:
            yield RetailerLink(
                sku=variant.sku,
                retailer=name,
                url=base + variant.sku.lower(),
                price=max(variant.price + Decimal(offset) / 100, Decimal("1")),
                currency=variant.currency,
                listed_on=today - datetime.timedelta(days=index % 5),
            )


def load(log):
    home = HomePage.objects.get()
    catalogue = load_catalogue(home)
    forms = load_forms()
    attach_form_claims(forms)
    publish_forms(forms)
    reading = list(ArticlePage.objects.filter(slug__in=RELATED_READING))
    existing = set(ProductPage.objects.values_list("slug", flat=True))
    created = [
        create_product(catalogue, forms, reading, row)
        for row in PRODUCTS
        if row[0] not in existing
    ]
    if created:
        add_pending_claim(created[0])
    load_comparison(home)
    log(f"Catalogue: {catalogue.title}, {len(PRODUCTS)} products, {len(forms)} forms")
