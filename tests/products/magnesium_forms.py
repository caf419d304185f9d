"""Posting a magnesium form's editor in the admin."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data


def edit_url(form):
    return reverse("wagtailsnippets_products_magnesiumform:edit", args=[form.pk])


def form_data(form, benefit_claims=(), **changes):
    """The editor's fields for ``form`` as it stands, with ``changes`` and
    the ``benefit_claims`` rows (``{"claim": id}`` each)."""
    data = {
        "name": form.name,
        "slug": form.slug,
        "elemental_share_percent": form.elemental_share_percent,
        "absorption_notes": form.absorption_notes,
        "digestive_tolerance": form.digestive_tolerance,
        "typical_uses": form.typical_uses,
        "benefit_claims": inline_formset(list(benefit_claims)),
    }
    data.update(changes)
    return nested_form_data(data)
