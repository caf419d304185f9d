"""Media served by the application under production-like settings (DEBUG
off), a favicon, and compression of pages that hold no secret."""

import gzip

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08"
    b"\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00"
    b"\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def stored_png():
    name = default_storage.save("images/dot.png", ContentFile(PNG))
    yield name
    default_storage.delete(name)


def test_uploaded_image_is_served_with_debug_off(client, settings, stored_png):
    assert not settings.DEBUG

    response = client.get(f"/media/{stored_png}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("inline")


def test_a_script_capable_upload_is_sent_as_a_download(client):
    name = default_storage.save("original_images/x.svg", ContentFile(b"<svg/>"))

    response = client.get(f"/media/{name}")

    assert response["Content-Disposition"].startswith("attachment")
    default_storage.delete(name)


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/missing.png",
        "/media/../mgsite/settings/base.py",
        "/media/images/",
    ],
)
def test_missing_files_and_paths_outside_media_are_404(client, path):
    assert client.get(path).status_code == 404


def test_favicon_is_linked_and_served(client, home_page):
    html = client.get("/").content.decode()

    assert '<link rel="icon" href="/static/favicon' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_public_page_is_compressed_for_a_visitor_without_a_session(client, home_page):
    response = client.get("/", headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert b"<!DOCTYPE html>" in gzip.decompress(response.content)


def test_a_signed_in_editors_pages_are_not_compressed(
    client, home_page, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("a", "", "pw"))

    for url in ("/", "/admin/"):
        response = client.get(url, headers={"accept-encoding": "gzip"})
        assert "Content-Encoding" not in response, url


def test_a_page_with_a_csrf_token_is_not_compressed(client):
    response = client.get("/admin/login/", headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "Content-Encoding" not in response


def test_open_graph_image_and_organization_markup(client, home_page):
    html = client.get("/").content.decode()

    assert '<meta property="og:image" content="http://localhost/static/img/' in html
    assert '"@type": "Organization"' in html


def test_uploaded_documents_are_not_served_as_media(client):
    name = default_storage.save("documents/leaflet.pdf", ContentFile(b"%PDF-1.4"))

    assert client.get(f"/media/{name}").status_code == 404
