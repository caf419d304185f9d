from django import template

register = template.Library()

# 21 CFR 101.93(c), word for word: singular for one statement, plural for more.
FDA_DISCLAIMER_SINGULAR = (
    "This statement has not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)
FDA_DISCLAIMER_PLURAL = (
    "These statements have not been evaluated by the Food and Drug "
    "Administration. This product is not intended to diagnose, treat, cure, or "
    "prevent any disease."
)


@register.simple_tag
def fda_disclaimer_text(count=1):
    return FDA_DISCLAIMER_PLURAL if count > 1 else FDA_DISCLAIMER_SINGULAR


@register.simple_tag
def cite(numbering, source):
    """The reference number of ``source`` in this page's ``CitationNumbering``."""
    return numbering.number(source)
