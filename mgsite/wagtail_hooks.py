from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from evidence.views import ReviewedSnippetViewSet
from mgsite.bulk_actions import CheckedPublishBulkAction
from mgsite.conflicts import refuse_stale_save
from mgsite.dashboard import add_review_panels
from mgsite.documents import may_download
from mgsite.models import Brand
from mgsite.reviews import (
    LOG_ACTION,
    PageCancelWithReasonMenuItem,
    SnippetCancelWithReasonMenuItem,
    refuse_cancel_without_reason,
    replace_cancel_item,
)


class BrandViewSet(ReviewedSnippetViewSet):
    """The brand every page shows, under Settings; the site settings choose
    which brand is worn."""

    model = Brand
    icon = "site"
    menu_label = "Brand"
    add_to_settings_menu = True


register_snippet(BrandViewSet)

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


@hooks.register("before_edit_page")
def check_page_save(request, page):
    return refuse_cancel_without_reason(request, page) or refuse_stale_save(
        request, page
    )


@hooks.register("before_edit_snippet")
def check_snippet_save(request, instance):
    return refuse_cancel_without_reason(request, instance) or refuse_stale_save(
        request, instance
    )


@hooks.register("construct_page_action_menu")
def ask_a_reason_to_cancel_a_page_review(menu_items, request, context):
    replace_cancel_item(menu_items, PageCancelWithReasonMenuItem)


@hooks.register("construct_snippet_action_menu")
def ask_a_reason_to_cancel_a_snippet_review(menu_items, request, context):
    replace_cancel_item(menu_items, SnippetCancelWithReasonMenuItem)


@hooks.register("register_log_actions")
def register_cancel_reason_action(actions):
    @actions.register_action(LOG_ACTION)
    class CancelReason(LogFormatter):
        label = "Review cancelled with a reason"

        def format_message(self, log_entry):
            return f"Review cancelled: {log_entry.data.get('reason', '')}"


@hooks.register("before_move_page")
def refuse_move_without_permission(request, page_to_move, destination):
    """Wagtail's move confirmation shows both pages' titles before the move
    itself checks permission; check first, so nothing is shown to a user
    who may not move the page there."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


hooks.register("construct_homepage_panels", add_review_panels)
