"""Data for comparing magnesium forms, shared by the comparison page and the
article block that embeds it, and the geometry of its server-drawn chart."""

from dataclasses import dataclass

from django.db.models import Prefetch

from evidence.compliance import public_claims, with_approvals
from evidence.models import ClaimSource, approved_as_they_stand
from products.models import MagnesiumForm, MagnesiumFormClaim, ProductIndexPage
from products.presentation import ClaimList, ShownClaim

CHART_WIDTH = 480
LABEL_WIDTH = 90
BAR_HEIGHT = 18
ROW_GAP = 14
PANEL_GAP = 36


def comparison_rows():
    """Every form a reviewer approved as it stands, with its benefit claims
    (with sources) and the catalogue's live products, in a fixed number of
    queries. Each row gets
    ``shown_claims``, ``live_products`` and ``lowest_price_per_100mg``: the
    cheapest of its products taken by mouth (skin and bath products carry
    magnesium that is not a dose, so they are not priced against oral ones)."""
    sources = ClaimSource.objects.select_related("source").order_by("sort_order")
    claims = MagnesiumFormClaim.objects.select_related("claim").prefetch_related(
        Prefetch("claim__cited_sources", queryset=sources)
    )
    rows = approved_as_they_stand(
        MagnesiumForm.objects.prefetch_related(Prefetch("benefit_claims", claims))
    )
    products = catalogue_products()
    with_approvals(row.claim for form in rows for row in form.benefit_claims.all())
    for form in rows:
        claims = public_claims(
            (row.claim for row in form.benefit_claims.all()), labelling=True
        )
        form.shown_claims = [ShownClaim(claim, []) for claim in claims]
        form.live_products = [p for p in products if p.magnesium_form_id == form.pk]
        prices = [
            p.price_per_100mg
            for p in form.live_products
            if p.is_oral and p.price_per_100mg
        ]
        form.lowest_price_per_100mg = min(prices) if prices else None
    return rows


def catalogue_products():
    from products.catalogue import products_queryset

    catalogue = ProductIndexPage.objects.live().first()
    if catalogue is None:
        return []
    return list(products_queryset(catalogue).order_by("title"))


@dataclass(frozen=True)
class Bar:
    label: str
    value_label: str
    x: float
    y: float
    width: float
    height: float
    label_y: float


def bar_panel(items, top, unit_format):
    """Horizontal bars for (label, value) pairs, scaled to the largest value;
    a missing value gets no bar and the words "no product"."""
    values = [value for _label, value in items if value is not None]
    largest = max(values, default=0) or 1
    track = CHART_WIDTH - LABEL_WIDTH - 70
    bars = []
    for index, (label, value) in enumerate(items):
        y = top + index * (BAR_HEIGHT + ROW_GAP)
        width = round(track * float(value) / float(largest), 1) if value else 0
        bars.append(
            Bar(
                label=label,
                value_label=unit_format(value) if value is not None else "no product",
                x=LABEL_WIDTH,
                y=y,
                width=width,
                height=BAR_HEIGHT,
                label_y=y + BAR_HEIGHT * 0.75,
            )
        )
    return bars


def chart(rows):
    """Two panels: each form's elemental share, and the lowest price per
    100 mg of elemental magnesium among the catalogue's products of that form."""
    share_top = 30
    share = bar_panel(
        [(f.name, f.elemental_share_percent) for f in rows],
        share_top,
        lambda v: f"{v}%",
    )
    price_title_y = share_top + len(rows) * (BAR_HEIGHT + ROW_GAP) + PANEL_GAP
    price = bar_panel(
        [(f.name, f.lowest_price_per_100mg) for f in rows],
        price_title_y + 14,
        lambda v: f"{v:.2f}",
    )
    height = price_title_y + 14 + len(rows) * (BAR_HEIGHT + ROW_GAP) + 10
    return {
        "width": CHART_WIDTH,
        "height": height,
        "share_bars": share,
        "price_bars": price,
        "price_title_y": price_title_y,
    }


def comparison_context():
    rows = comparison_rows()
    every_claim = ClaimList([item for form in rows for item in form.shown_claims])
    return {
        "rows": rows,
        "chart": chart(rows),
        "disclaimer_count": every_claim.disclaimer_count,
    }
