import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Revision, Site

from articles.models import TopicHubPage
from mgsite.demo import DEMO_USERS
from mgsite.models import HomePage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


def test_load_demo_twice_creates_nothing_new():
    call_command("load_demo", verbosity=0)
    first = counts()

    call_command("load_demo", verbosity=0)

    assert counts() == first


def test_load_demo_makes_home_the_site_root_with_three_hubs(client):
    call_command("load_demo", verbosity=0)

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert sorted(TopicHubPage.objects.live().values_list("slug", flat=True)) == [
        "back-pain",
        "chronic-pain",
        "nerve-pain",
    ]
    assert client.get("/back-pain/").status_code == 200


def test_demo_users_can_log_in_with_their_printed_passwords(rf):
    call_command("load_demo", verbosity=0)

    for username, password, _group in DEMO_USERS:
        # Login throttling needs the request to know who is asking.
        request = rf.post("/admin/login/")
        assert authenticate(request, username=username, password=password)


@override_settings(DEMO_CONTENT_ALLOWED=False)
def test_load_demo_refuses_to_create_demo_users_in_production():
    with pytest.raises(CommandError, match="refuses"):
        call_command("load_demo", verbosity=0)

    assert not get_user_model().objects.filter(username="admin").exists()
