"""What a product page shows: the approved claims with numbered citations,
the disclaimer they need, related articles and structured data.

Every claim goes through ``evidence.compliance.public_claims`` (fail closed);
nothing here decides on its own whether a claim may be shown.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from evidence.citations import CitationNumbering
from evidence.compliance import public_claims
from evidence.models import (
    Claim,
    ClaimSource,
    Source,
    cited_sources_prefetch,
    claims_from_citations,
    shown_pages,
    unshown_fields,
)
from evidence.regulatory import DISCLAIMER_SYMBOL, fda_disclaimer
from mgsite.pages import public, served_lookup

RELATED_ARTICLES_LIMIT = 6


@dataclass
class ShownClaim:
    claim: Claim
    citation_numbers: list
    markers: list = field(default_factory=list)

    @property
    def evidence_steps(self):
        return self.claim.evidence_steps

    @property
    def symbol(self):
        return DISCLAIMER_SYMBOL if self.claim.needs_fda_disclaimer else ""


@dataclass
class ClaimList:
    items: list = field(default_factory=list)
    references: list = field(default_factory=list)
    entries: list = field(default_factory=list)

    @property
    def disclaimer_count(self):
        """How many structure/function claims are shown."""
        return sum(1 for item in self.items if item.symbol)

    @property
    def disclaimer(self):
        """The FDA disclaimer, singular or plural, or "" when no
        structure/function claim is shown."""
        return fda_disclaimer(self.disclaimer_count)


def strongest_evidence(claims):
    """(label, steps) of the best-supported claim, or None without claims."""
    if not claims:
        return None
    best = max(claims, key=lambda claim: claim.evidence_steps)
    return best.evidence_level_label, best.evidence_steps


def citations_of(products):
    """The citations of the claims attached to ``products`` (saved ones),
    each with its claim and source: each product's claims in their order,
    each claim's citations in theirs."""
    return (
        ClaimSource.objects.filter(claim__product_uses__page__in=products)
        .select_related("claim", "source")
        .defer(*unshown_fields(Claim, "claim__"), *unshown_fields(Source, "source__"))
        .order_by(
            "claim__product_uses__sort_order",
            "claim__product_uses__pk",
            "sort_order",
            "pk",
        )
    )


def attached_claims(product):
    """The product's claims in their order, each with its current sources.

    Saved claim rows are read through their claims' citations, with claim
    and source, in one query (a claim that cites nothing is never shown).
    A preview's rows are the editor's unsaved ones, in memory."""
    rows = product.claims.all()
    if not isinstance(rows, QuerySet):
        rows = rows.prefetch_related(cited_sources_prefetch("claim__cited_sources"))
        claims = {}  # an editor's unsaved rows may repeat a claim: shown once
        for row in rows:
            claims.setdefault(row.claim_id, row.claim)
        return list(claims.values())
    return claims_from_citations(citations_of([product]))


def attached_claims_by_product(products):
    """``{product id: its claims}`` as ``attached_claims`` gives them, for
    saved products, in one query however many."""
    citations = defaultdict(list)
    rows = citations_of(products).annotate(product_id=F("claim__product_uses__page"))
    for row in rows:  # each product's rows keep their order
        citations[row.product_id].append(row)
    return {pk: claims_from_citations(rows) for pk, rows in citations.items()}


def claims_with_citations(product, numbering=None):
    """The public claims of ``product``, in their order, numbered against
    ``numbering`` (a fresh one by default). One query however many claims."""
    numbering = numbering or CitationNumbering()
    items = []
    for claim in public_claims(
        attached_claims(product), product.elemental_mg_per_day, labelling=True
    ):
        numbers = sorted({numbering.count(s) for s in claim.current_sources})
        items.append(ShownClaim(claim, numbers, numbering.markers(numbers)))
    return ClaimList(items, numbering.references, numbering.entries)


def related_articles(product, request):
    """The live articles the editor chose for "Read more", reviewed with the
    page (never filled in by topic: beside a product, a link to an article
    about a disease would itself be a disease claim), newest first; looked
    up once per content version (a preview shows the editor's choice)."""

    def lookup():
        chosen = product.related_reading.all()
        if isinstance(chosen, QuerySet):
            chosen = public(chosen.live()).defer_streamfields()
        chosen = sorted(
            (article for article in chosen if article.live),
            key=lambda article: (article.first_published_at, article.pk),
            reverse=True,
        )
        return shown_pages(chosen[:RELATED_ARTICLES_LIMIT])

    return served_lookup(request, f"related-reading:{product.pk}", lookup)


@dataclass
class OfferSummary:
    low: object
    high: object
    currency: str
    in_stock: bool


def offer_summary(variants):
    if not variants:
        return None
    prices = [v.price for v in variants]
    return OfferSummary(
        min(prices),
        max(prices),
        variants[0].currency,
        any(v.in_stock for v in variants),
    )
