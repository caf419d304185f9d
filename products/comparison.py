"""Data for comparing magnesium forms, shared by the comparison page and the
article block that embeds it."""

from products.models import MagnesiumForm


def comparison_rows():
    """Every managed form with its products; one query for forms, one for products."""
    return list(MagnesiumForm.objects.prefetch_related("products"))
