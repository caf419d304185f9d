"""Serializer fields for the read-only products API.

Claims reach the API only through ``presentation.claims_with_citations``, the
same fail-closed path the product page uses, so a draft, pending or rejected
wording can never be serialised.
"""

from decimal import Decimal

from rest_framework.fields import Field

from evidence.dossier import dossier_url
from products.presentation import claims_with_citations


class PublicClaimsField(Field):
    """A product's approved claims with their evidence level and citations."""

    def to_representation(self, product):
        shown = claims_with_citations(product)
        sources = dict(shown.references)
        return {
            "claims": [
                {
                    "wording": item.claim.wording,
                    "kind": item.claim.kind,
                    "evidence_level": item.claim.evidence_level_label,
                    "evidence_level_explanation": (
                        item.claim.evidence_level_explanation
                    ),
                    "evidence_summary": item.claim.evidence_summary,
                    "dossier": dossier_url(item.claim),
                    "citations": item.citation_numbers,
                }
                for item in shown.items
            ],
            "references": [
                {
                    "number": number,
                    "citation": sources[number].ama_citation,
                    "doi": sources[number].doi,
                    "pmid": sources[number].pmid,
                    "url": sources[number].link,
                }
                for number in sorted(sources)
            ],
            "disclaimer": shown.disclaimer,
        }


class VariantsField(Field):
    def to_representation(self, rows):
        return [
            {
                "sku": variant.sku,
                "size": variant.size_label,
                "amount": str(variant.amount),
                "servings": str(variant.servings.quantize(Decimal("0.01"))),
                "price": str(variant.price),
                "currency": variant.currency,
                "in_stock": variant.in_stock,
                "gtin": variant.gtin,
                "price_per_100mg": str(variant.price_per_100mg),
            }
            for variant in rows.all()
        ]


class MagnesiumFormNameField(Field):
    """The product's magnesium form as approved (``ProductPage.shown_form``);
    null while the form waits for review."""

    def to_representation(self, form):
        return {"name": form.name, "slug": form.slug}
