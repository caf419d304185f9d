from django import template

from evidence import regulatory
from evidence.citations import EVIDENCE_STEPS, ama_citation_html, citation_marker
from evidence.dossier import dossier_url as url_of_dossier

register = template.Library()


@register.simple_tag
def fda_disclaimer_text(count=1):
    return regulatory.fda_disclaimer(count)


@register.simple_tag
def disclaimer_symbol():
    """The mark that ties a structure/function claim to the FDA disclaimer."""
    return regulatory.DISCLAIMER_SYMBOL


@register.simple_tag
def us_daily_value_mg():
    return regulatory.US_DAILY_VALUE_MG


@register.simple_tag
def eu_nrv_mg():
    return regulatory.EU_NRV_MG


@register.filter
def dossier_url(claim):
    """The public page of what stands behind ``claim``."""
    return url_of_dossier(claim)


@register.inclusion_tag("components/evidence_badge.html")
def evidence_badge(label, steps, explanation=""):
    """An evidence level in words with a three-step scale (not colour alone),
    the explanation as its tooltip."""
    return {
        "label": str(label).lower(),
        "steps": steps,
        "of": EVIDENCE_STEPS,
        "filled": [step <= steps for step in range(1, EVIDENCE_STEPS + 1)],
        "explanation": explanation,
    }


register.simple_tag(citation_marker)
register.simple_tag(ama_citation_html, name="reference_citation")
