from django import template
from django.urls import reverse
from wagtail.models import Page

from evidence.review_views import review_url as url_of_review

register = template.Library()


@register.filter
def review_url(obj):
    """The review screen of a claim or page."""
    return url_of_review(obj)


@register.simple_tag
def review_compare_url(obj, revision_a, revision_b):
    """Wagtail's comparison of two revisions, in a view reviewers may open."""
    kind = "page" if isinstance(obj, Page) else "claim"
    return reverse(
        f"evidence_review_{kind}_compare", args=[obj.pk, revision_a, revision_b]
    )


@register.simple_tag
def review_warnings(obj):
    """The warnings a reviewer approving ``obj`` (as submitted) acknowledges."""
    from evidence import compliance

    return compliance.warnings(compliance.check(obj.get_latest_revision_as_object()))
