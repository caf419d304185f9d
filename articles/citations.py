"""Inline citations in rich text, and everything an article body needs from the
database, fetched once.

In the database a citation is a link-like entity around the words it supports:
``<a linktype="citation" id="42">a review found</a>``. Public rendering keeps
the words and adds a numbered superscript that points at the reference list.
Numbers follow the order of first appearance across the whole body, rich text
and claim blocks alike, so they are assigned before anything renders (the
JSON-LD in the page head needs them too).
"""

import copy
import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

from evidence import claim_language, compliance
from evidence.citations import CitationNumbering, citation_marker
from evidence.models import Claim, Source, shown_pages, unshown_fields
from mgsite.cache import versioned_many
from products.models import ProductPage
from products.presentation import attached_claims_by_product

FEATURE = "citation"
ENTITY_TYPE = "CITATION"

# A citation entity never nests another link (Draftail entities do not nest),
# so the first closing tag after the opening tag is its own.
CITATION_RE = re.compile(
    r"<a(\b[^>]*\blinktype=\"citation\"[^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE
)


def short_label(source):
    """ "Shin et al, 2020": what the editor sees on a citation in the editor."""
    authors = source.author_list
    name = authors[0].split()[0] if authors else source.title[:40]
    if len(authors) > 1:
        name += " et al"
    return f"{name}, {source.year}" if source.year else name


def cited_ids(html):
    """Source ids cited in a rich text's database HTML, in order of appearance."""
    ids = []
    for match in CITATION_RE.finditer(html or ""):
        value = extract_attrs(match.group(1)).get("id", "")
        if value.isdigit():
            ids.append(int(value))
    return ids


# Each block element is read on its own: a list item or heading without a full
# stop must not run into the next.
BLOCK_END_RE = re.compile(r"</(?:p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)
# Where a citation starts, a mark carrying its source id, in characters no
# text uses; the sentence the mark lands in is the sentence that cites it.
MARK_RE = re.compile("\ue000(\\d*)\ue001")


def cited_text(html):
    """Rich text's database HTML as ``compliance.CitedText``: its sentences
    (split by the claim-language splitter), each with the ids of the sources
    cited in it."""

    def mark(match):
        value = extract_attrs(match.group(1)).get("id", "")
        # After the cited words, so that the mark never stands between a
        # full stop and the capital that starts the next sentence.
        return f"{match.group(2)}\ue000{value if value.isdigit() else ''}\ue001"

    sentences = []
    for block in BLOCK_END_RE.split(CITATION_RE.sub(mark, html or "")):
        for sentence in claim_language.sentences(unescape(strip_tags(block))):
            ids = [int(i) for i in MARK_RE.findall(sentence) if i]
            if text := MARK_RE.sub("", sentence).strip():
                sentences.append((text, ids))
    return compliance.CitedText(sentences)


def cited(references):
    """("source" | "claim" | "product", id) in reading order, from the
    (model, object id, model path, content path) tuples that Wagtail's
    ``Block.extract_references`` yields: every block type that can refer to
    a source, a claim or a product says so itself, however it is named."""
    for model, object_id, _model_path, _content_path in references:
        kind = (
            "source"
            if issubclass(model, Source)
            else "claim"
            if issubclass(model, Claim)
            else "product"
            if issubclass(model, ProductPage)
            else None
        )
        if kind and str(object_id).isdigit():
            yield kind, int(object_id)


def claim_queryset():
    """Claims with their cited sources."""
    return Claim.objects.with_sources().defer(*unshown_fields(Claim))


@dataclass(frozen=True)
class CardClaim:
    wording: str
    needs_fda_disclaimer: bool


@dataclass
class ProductCard:
    """What an article's card for a product shows: the product, and the
    wording of its claims that may be shown."""

    product: object
    claims: list

    @classmethod
    def load(cls, ids):
        """``{pk: card}`` for the saved products ``ids``, in two queries."""
        products = ProductPage.objects.filter(pk__in=ids)
        products = {product.pk: product for product in shown_pages(products)}
        claims = attached_claims_by_product(list(products))
        return {
            pk: cls(
                product,
                [
                    CardClaim(claim.wording, claim.needs_fda_disclaimer)
                    for claim in compliance.public_claims(
                        claims.get(pk, []), product.elemental_mg_per_day
                    )
                ],
            )
            for pk, product in products.items()
        }


def product_cards(ids):
    """``{pk: ProductCard}``, kept under the content version: like the
    catalogue's cards, a card shows the same in every article that embeds
    it. The rules run when a card is made; any change to a product, a claim
    or a source makes a new content version, so cards are made again."""
    return versioned_many("article-product-card", ids, ProductCard.load)


def card_products(ids):
    """The products of ``product_cards(ids)``, by id."""
    return {pk: card.product for pk, card in product_cards(ids).items()}


def load_chosen(values, load):
    """A chooser block's ``bulk_to_python``: the instances ``load(ids)``
    returns by id, in the order of ``values``, None where one is gone, a copy
    where an id repeats (as Wagtail's own does)."""
    values = list(values)
    found = load([value for value in values if value is not None])
    seen, result = set(), []
    for value in values:
        instance = found.get(value)
        result.append(copy.copy(instance) if value in seen else instance)
        seen.add(value)
    return result


class BodyData:
    """The sources, claims and products an article body refers to, each kind
    fetched in one query however many times it is used, and the citation
    numbering in order of first appearance.

    ``references`` are what ``extract_references`` of the body's StreamBlock
    (or of one block, in a preview) yields.

    ``claims`` are those the body's claim blocks already loaded (by
    ``claim_queryset``); without them they are fetched here. Product cards
    come from ``product_cards``."""

    def __init__(self, references, claims=None):
        refs = list(cited(references))
        ids = {
            kind: {i for k, i in refs if k == kind}
            for kind in ("source", "claim", "product")
        }
        sources = Source.objects.defer(*unshown_fields(Source))
        self.sources = sources.in_bulk(ids["source"]) if ids["source"] else {}
        if claims is None:
            claims = (
                claim_queryset().filter(pk__in=ids["claim"]) if ids["claim"] else []
            )
        claims = [claim for claim in claims if claim is not None]
        self.claims = {c.pk: c for c in compliance.public_claims(claims)}
        cards = product_cards(ids["product"]) if ids["product"] else {}
        self.cards = {pk: card for pk, card in cards.items() if card.product.live}
        self.numbering = CitationNumbering()
        for kind, pk in refs:
            for source in self._sources_of(kind, pk):
                self.numbering.count(source)

    def _sources_of(self, kind, pk):
        if kind == "source" and pk in self.sources:
            return [self.sources[pk]]
        if kind == "claim" and pk in self.claims:
            return self.claims[pk].current_sources
        return []

    def claim(self, pk):
        """The claim if it may be shown now, else None (fail closed)."""
        return self.claims.get(pk)

    def product_card(self, pk):
        """The card of a live product, else None."""
        return self.cards.get(pk)

    def markers_for(self, sources):
        """The markers of ``sources`` cited together, in ascending order."""
        return self.numbering.markers(self.numbering.number(s) for s in sources)

    @property
    def references(self):
        return self.numbering.references

    @property
    def entries(self):
        """The reference list, with the links back to where each is cited."""
        return self.numbering.entries

    def render_html(self, html):
        """Database rich text to public HTML, citations as numbered superscripts."""

        def replace(match):
            value = extract_attrs(match.group(1)).get("id", "")
            source = self.sources.get(int(value)) if value.isdigit() else None
            if source is None:
                return match.group(2)
            (marker,) = self.numbering.markers([self.numbering.number(source)])
            return match.group(2) + citation_marker(marker.number, marker.id)

        return mark_safe(expand_db_html(CITATION_RE.sub(replace, html or "")))  # noqa: S308

    @property
    def disclaimer_count(self):
        """How many structure/function claims the body shows (alone or on a
        product card): each must be tied to the FDA disclaimer."""
        claims = [*self.claims.values()]
        for card in self.cards.values():
            claims += card.claims
        return sum(1 for claim in claims if claim.needs_fda_disclaimer)
