"""Bulk publishing of pages, page by page, with each refusal reported.

Wagtail's bulk Publish publishes every chosen page in one go, so the first
page that the compliance gate refuses (a ``ValidationError`` such as
``ComplianceError``, or a ``PermissionDenied``) ends the request in a server
error. Here each page is published in a savepoint of its own: a refused page
is left exactly as it was and named in a message with the reason, and the
others are published, as Wagtail already does with the pages the user may
not publish.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.admin import messages
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction

REFUSALS = (ValidationError, PermissionDenied)


def refusal_reason(refusal):
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal) or "You may not publish it."


def publish_or_refuse(page, user, refusals):
    """Publish ``page``'s latest revision, as Wagtail's bulk action does; on
    a refusal, undo whatever publishing had begun and note why."""
    try:
        with transaction.atomic():
            revision = page.get_latest_revision() or page.specific.save_revision(
                user=user
            )
            revision.publish(user=user)
    except REFUSALS as refusal:
        refusals.append((page, refusal))
        return False
    return True


def draft_descendants(page, user):
    """The pages below ``page`` that "include descendants" publishes too."""
    pages = page.get_descendants().not_live().defer_streamfields().specific()
    return [
        each
        for each in pages
        if user is None or each.permissions_for_user(user).can_publish()
    ]


class CheckedPublishBulkAction(PublishBulkAction):
    def get_execution_context(self):
        self.refusals = []
        return {**super().get_execution_context(), "refusals": self.refusals}

    @classmethod
    def execute_action(
        cls, objects, include_descendants=False, user=None, refusals=None, **kwargs
    ):
        refusals = [] if refusals is None else refusals
        num_parent_objects = num_child_objects = 0
        for page in objects:
            num_parent_objects += publish_or_refuse(page, user, refusals)
            if include_descendants:
                for descendant in draft_descendants(page, user):
                    num_child_objects += publish_or_refuse(descendant, user, refusals)
        return num_parent_objects, num_child_objects

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not (num_parent_objects or num_child_objects):
            return None
        return super().get_success_message(num_parent_objects, num_child_objects)

    def form_valid(self, form):
        response = super().form_valid(form)
        for page, refusal in self.refusals:
            title = page.specific_deferred.get_admin_display_title()
            messages.error(
                self.request,
                f"“{title}” was not published: {refusal_reason(refusal)}",
            )
        return response
