from django.http import Http404
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages

from mgsite.bulk_actions import CheckedPublishBulkAction
from mgsite.documents import may_download

# Registered after Wagtail's own bulk Publish (order 0), which it replaces.
hooks.register("register_bulk_action", CheckedPublishBulkAction, order=1)


@hooks.register("before_copy_page")
def refuse_to_publish_or_alias_a_copy(request, page):
    """A copy is a new page, and a page goes live only after compliance
    review of that page: a copy is never published, nor made an alias (a
    live page that follows its original), straight from the copy form."""
    if request.method != "POST":
        return None
    if request.POST.get("publish_copies"):
        wanted = "published"
    elif request.POST.get("alias"):
        wanted = "made an alias"
    else:
        return None
    messages.error(
        request,
        f"A copy cannot be {wanted}: it is a new page, and a page goes live "
        "only after compliance review. Copy it without that option, then "
        "submit the copy for review.",
    )
    return redirect(request.get_full_path())


@hooks.register("before_serve_document")
def serve_documents_only_where_a_visible_page_links_them(document, request):
    if not may_download(request, document):
        # As for an unpublished page: nothing says the document exists.
        raise Http404
