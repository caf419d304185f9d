"""Cancelling a review needs a reason, as rejecting one does.

Wagtail's "Cancel workflow" action takes no comment, so a reviewer could
stop an editor's review without a word. Its menu item gets a reason box
here (pages and snippets alike); a cancel without a reason is refused with
a message, and the reason is kept in the object's history.
"""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin import action_menu as page_action_menu
from wagtail.log_actions import log
from wagtail.snippets import action_menu as snippet_action_menu

CANCEL_ACTION = "action-cancel-workflow"
REASON_FIELD = "cancel_reason"
LOG_ACTION = "mgsite.review_cancel_reason"


class PageCancelWithReasonMenuItem(page_action_menu.CancelWorkflowMenuItem):
    template_name = "mgsite/admin/cancel_workflow_page.html"


class SnippetCancelWithReasonMenuItem(snippet_action_menu.CancelWorkflowMenuItem):
    template_name = "mgsite/admin/cancel_workflow_snippet.html"


def replace_cancel_item(menu_items, replacement):
    for index, item in enumerate(menu_items):
        if item.name == CANCEL_ACTION:
            menu_items[index] = replacement(order=item.order)


def refuse_cancel_without_reason(request, obj):
    if request.method != "POST" or CANCEL_ACTION not in request.POST:
        return None
    reason = request.POST.get(REASON_FIELD, "").strip()
    if not reason:
        messages.error(
            request,
            "The review was not cancelled: give a reason in “Reason for "
            "cancelling the review”. It is recorded in the history.",
        )
        return redirect(request.get_full_path())
    log(obj, LOG_ACTION, user=request.user, data={"reason": reason})
    return None
