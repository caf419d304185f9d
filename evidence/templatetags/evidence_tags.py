from django import template

from evidence import compliance
from evidence.citations import (
    ama_citation_html,
    citation_marker,
    evidence_badge,
    evidence_behind,
    product_claim_item,
    reference_entry,
)

register = template.Library()


@register.simple_tag
def fda_disclaimer_text(count=1):
    return compliance.fda_disclaimer(count)


@register.simple_tag
def cite(numbering, source):
    """The reference number of ``source`` in this page's ``CitationNumbering``."""
    return numbering.number(source)


register.filter("citation_marker", citation_marker)
register.simple_tag(ama_citation_html, name="reference_citation")
register.simple_tag(evidence_badge)
register.simple_tag(evidence_behind)
register.simple_tag(reference_entry)
register.simple_tag(product_claim_item)
