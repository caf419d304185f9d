"""A cited source cannot be deleted: an article would cite nothing."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import ProtectedError
from wagtail.models import Page, ReferenceIndex

from articles.models import ArticlePage


def citing_articles(source):
    """Articles whose body cites ``source``, as the reference index records it."""
    references = ReferenceIndex.get_references_to(source).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = references.values_list("object_id", flat=True)
    return list(
        ArticlePage.objects.filter(pk__in=[int(pk) for pk in page_ids]).order_by(
            "title"
        )
    )


def refuse_deleting_cited_sources(sender, instance, **kwargs):
    """pre_delete: every path (code, bulk actions, the Django admin) is refused."""
    if articles := citing_articles(instance):
        titles = ", ".join(f"“{page.title}”" for page in articles)
        raise ProtectedError(
            f"“{instance}” is cited in {titles}; remove those citations first.",
            set(articles),
        )
