"""The bare Django baseline: one view returning a fixed response.

Served by the same gunicorn settings as the site, so the ratio between the
two measures what the site itself costs.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="baseline-only",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
)

BODY = b"<!DOCTYPE html><title>baseline</title><p>Hello from a bare Django view.</p>"


def hello(request):
    return HttpResponse(BODY)


urlpatterns = [path("", hello)]

application = get_wsgi_application()
