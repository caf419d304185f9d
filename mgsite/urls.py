from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.serve import serve as serve_document

from evidence.dossier import claim_dossier
from mgsite import views
from mgsite.media import serve_media
from products.api import api_router

handler500 = "mgsite.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document download, marked private: whether a visitor may
    # have a document changes when a page linking it is unpublished, so no
    # shared cache may keep a copy.
    re_path(
        r"^documents/(\d+)/(.*)$",
        cache_control(private=True, no_cache=True)(serve_document),
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("evidence/claims/<int:pk>/", claim_dossier, name="claim_dossier"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    # Browsers ask for /favicon.ico whatever the page links.
    path("favicon.ico", views.favicon),
    path("brand.css", views.brand_css, name="brand_css"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.SERVE_MEDIA:
    # Uploaded documents only through /documents/, which checks who may
    # download them; everything else in the media storage directly.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?!documents/)(?P<path>.*)$", serve_media, name="media"
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
