"""Uploaded files (images and their renditions) served from the default
storage, for installs that keep media on the application hosts' disk.

Django's ``static()`` helper only works with DEBUG on, and gunicorn serves
nothing by itself. With object storage (django-storages) the storage's own
URLs point elsewhere and this view is never asked.
"""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.http import http_date
from django.views.decorators.http import require_safe

# Renditions and originals keep their names for as long as they exist.
MAX_AGE = 60 * 60 * 24 * 7
# Shown in the browser; anything else (an SVG or HTML upload could carry
# script) is sent as a download.
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"}


def open_media(path):
    """The stored file at ``path``, or 404 for a missing file or a path
    that leaves the storage (the storage refuses ``..`` and absolute paths)."""
    try:
        if path.endswith("/") or not default_storage.exists(path):
            raise Http404("No such file.")
        return default_storage.open(path)
    except (SuspiciousFileOperation, OSError, ValueError) as error:
        raise Http404("No such file.") from error


@require_safe
def serve_media(request, path):
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(open_media(path), content_type=content_type)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    try:
        modified = default_storage.get_modified_time(path)
        response["Last-Modified"] = http_date(modified.timestamp())
    except NotImplementedError:
        pass
    if content_type not in INLINE_TYPES:
        response["Content-Disposition"] = "attachment"
    return response
