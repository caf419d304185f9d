from django.core.exceptions import PermissionDenied
from wagtail import hooks

from mgsite.conflicts import refuse_stale_save


@hooks.register("before_edit_page")
def refuse_stale_page_save(request, page):
    return refuse_stale_save(request, page)


@hooks.register("before_edit_snippet")
def refuse_stale_snippet_save(request, instance):
    return refuse_stale_save(request, instance)


@hooks.register("before_move_page")
def refuse_move_without_permission(request, page_to_move, destination):
    """Wagtail's move confirmation shows both pages' titles before the move
    itself checks permission; check first, so nothing is shown to a user
    who may not move the page there."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
