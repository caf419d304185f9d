"""Security headers, the Content-Security-Policy and admin login throttling.

tests/browser/test_csp.py checks in Chromium that nothing is blocked under
the policy; tests/mgsite/test_settings.py that ``check --deploy`` is clean.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
    "form-action 'self'",
}


def policy(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.mark.parametrize("url", ["/", "/products/", "/search/?q=pain", "/robots.txt"])
def test_public_responses_carry_the_strict_policy_and_headers(
    client, catalogue, hubs, url
):
    response = client.get(url)

    assert policy(response) == STRICT
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_only_the_admin_may_run_inline_scripts_and_styles(client):
    response = client.get(reverse("wagtailadmin_login"))

    assert "script-src 'self' 'unsafe-inline'" in policy(response)
    assert "style-src 'self' 'unsafe-inline'" in policy(response)
    assert "object-src 'none'" in policy(response)


def test_a_page_served_from_the_page_cache_keeps_the_policy(
    client, catalogue, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/products/")

    assert policy(client.get("/products/")) == STRICT


# Login throttling --------------------------------------------------------------

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "casey", password="right-password", is_staff=True, is_superuser=True
    )


def sign_in(client, password):
    return client.post(LOGIN, {"username": "casey", "password": password})


def signed_in(client):
    return "_auth_user_id" in client.session


def test_four_wrong_passwords_still_allow_the_right_one(client, editor):
    for _ in range(4):
        sign_in(client, "guess")

    sign_in(client, "right-password")

    assert signed_in(client)


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, editor):
    for _ in range(5):
        sign_in(client, "guess")

    response = sign_in(client, "right-password")

    assert response.status_code == 429
    assert "locked for 15 minutes" in response.content.decode()
    assert not signed_in(client)


def test_the_lock_lifts_after_the_cool_off(client, editor):
    for _ in range(5):
        sign_in(client, "guess")
    # Fifteen minutes and a second pass.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1)
    )

    sign_in(client, "right-password")

    assert signed_in(client)
