"""Uploaded documents reach a shopper only through a page they may see:
not by being uploaded, not from a draft, and no longer once the page that
linked them is unpublished."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from articles.factories import ArticlePageFactory
from tests.evidence.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user("ed", "Editors")


@pytest.fixture
def reviewer(db):
    return make_user("rev", "Compliance reviewers")


@pytest.fixture
def admin(db):
    return make_user("boss", is_superuser=True, is_staff=True)


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Files on disk, as in production: the download view sends a file from
    its path, which the tests' in-memory storage only pretends to have."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def document(client, editor, media_on_disk):
    """A leaflet uploaded by an editor in the admin."""
    client.force_login(editor)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Dosing leaflet",
            "file": SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4 dosing"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    client.logout()
    return get_document_model().objects.get()


def linking(document, words="the dosing leaflet"):
    html = f'<p>Read <a linktype="document" id="{document.pk}">{words}</a>.</p>'
    return [{"type": "paragraph", "value": html}]


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run ``change`` and commit it: Wagtail updates its reference index
    in a task queued on commit."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def test_an_uploaded_document_is_not_served_to_shoppers(client, document):
    response = client.get(document.url)

    assert response.status_code == 404
    assert b"dosing" not in response.content


@pytest.mark.parametrize("user", ["editor", "reviewer", "admin"])
def test_people_in_the_admin_may_download_any_document(client, document, request, user):
    client.force_login(request.getfixturevalue(user))

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 dosing"


def test_a_document_linked_from_a_live_page_is_served_until_it_is_unpublished(
    client, admin, hubs, document, publish, settings
):
    settings.PAGE_CACHE_SECONDS = 60  # what a shopper fetched is cached
    article = publish(ArticlePageFactory, parent=hubs[0], body=linking(document))
    page = client.get(article.url).content.decode()
    assert f'href="{document.url}"' in page

    response = client.get(document.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 dosing"

    client.force_login(admin)
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[article.pk])
    publish(client.post, unpublish)
    client.logout()

    assert client.get(article.url).status_code == 404
    assert client.get(document.url).status_code == 404


def test_a_link_in_a_draft_does_not_publish_the_document(
    client, editor, hubs, document, publish
):
    article = publish(ArticlePageFactory, parent=hubs[0])
    article.body = linking(document)
    publish(article.save_revision, user=editor)

    assert f'href="{document.url}"' not in client.get(article.url).content.decode()
    assert client.get(document.url).status_code == 404


def test_a_document_linked_from_a_login_only_page_is_not_served_to_shoppers(
    client, hubs, document, publish
):
    article = publish(ArticlePageFactory, parent=hubs[0], body=linking(document))
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(document.url).status_code == 404
