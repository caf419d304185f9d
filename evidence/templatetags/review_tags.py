from django import template

from evidence import review_views

register = template.Library()


@register.filter
def review_url(obj):
    """The review screen of a claim, page or other reviewed snippet."""
    return review_views.review_url(obj)


@register.simple_tag
def review_compare_url(obj, revision_a, revision_b):
    """Wagtail's comparison of two revisions, in a view reviewers may open."""
    return review_views.review_compare_url(obj, revision_a, revision_b)


@register.simple_tag
def review_warnings(obj):
    """The warnings a reviewer approving ``obj`` (as submitted) acknowledges."""
    from evidence import compliance

    return compliance.warnings(compliance.check(obj.get_latest_revision_as_object()))
