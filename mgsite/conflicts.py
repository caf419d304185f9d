"""Stale-form detection for every save in the admin: pages, claims, sources.

Wagtail's editor posts which revision it loaded (``loaded_revision_id`` and
``loaded_revision_created_at``, or ``overwrite_revision_id`` after an
autosave) but checks them only for autosave. Here every save is checked the
same way, through Wagtail's ``before_edit_page`` and ``before_edit_snippet``
hooks: a form loaded before someone else saved is refused with a message,
and the other person's change is kept. Models without revisions (sources)
carry their ``updated_at`` in the form instead (see the source edit
template).
"""

from django.contrib import messages
from django.shortcuts import redirect

UPDATED_AT_FIELD = "loaded_updated_at"


def revision_is_stale(posted, obj):
    """Wagtail's own test (``is_out_of_date`` of its edit views)."""
    latest = obj.latest_revision
    if latest is None:
        return False
    if overwrite := posted.get("overwrite_revision_id"):
        return overwrite != str(latest.pk)
    if loaded := posted.get("loaded_revision_id"):
        return loaded != str(latest.pk) or (
            posted.get("loaded_revision_created_at", "")
            != latest.created_at.isoformat()
        )
    return False


def is_stale(posted, obj):
    if UPDATED_AT_FIELD in posted:
        return posted[UPDATED_AT_FIELD] != obj.updated_at.isoformat()
    if hasattr(obj, "latest_revision"):
        return revision_is_stale(posted, obj)
    return False  # nothing posted to tell by


def refuse_stale_save(request, obj):
    if request.method != "POST" or not is_stale(request.POST, obj):
        return None
    messages.error(
        request,
        f"Not saved: someone else saved this {obj._meta.verbose_name} after "
        "you opened it. Their version is shown below; make your changes again "
        "on it.",
    )
    return redirect(request.get_full_path())
