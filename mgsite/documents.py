"""Who may download a document.

An uploaded document is not published by being uploaded: a shopper may
download it only while a page they may see links it, that is a live page
whose view restrictions (login, password, groups) let them in. Wagtail's
reference index says which pages link a document; it is built from each
page's stored content, which for a live page is its published content, so a
link in a draft publishes nothing. People who work in the admin (editors,
reviewers, administrators) may download every document, to check drafts
before they go live.

Wagtail's collection privacy could not say this: a collection restricted to
logged-in users would refuse shoppers the documents that live pages link.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex


def linking_pages(document):
    """The live pages whose published content links ``document``."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    return Page.objects.live().filter(pk__in=page_ids)


def can_see(request, page):
    return all(
        restriction.accept_request(request)
        for restriction in page.get_view_restrictions()
    )


def may_download(request, document):
    if request.user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(can_see(request, page) for page in linking_pages(document))
