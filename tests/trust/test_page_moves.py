"""The admin's page-move confirmation checks page permission before it
shows anything."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.factories import ArticlePageFactory
from tests.evidence.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(hubs):
    return ArticlePageFactory(parent=hubs[0], title="Unannounced secret article")


def confirm_url(page, destination):
    return reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])


def test_a_user_without_page_permissions_sees_no_title_in_the_move_confirmation(
    client, secret, hubs
):
    user = make_user("visitor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(confirm_url(secret, hubs[1]))

    assert response.status_code in (302, 403)
    assert "Unannounced secret article" not in response.content.decode()


def test_an_administrator_gets_the_move_confirmation(admin_client, secret, hubs):
    response = admin_client.get(confirm_url(secret, hubs[1]))

    assert response.status_code == 200
    assert "Unannounced secret article" in response.content.decode()
