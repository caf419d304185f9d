"""Security headers, the Content-Security-Policy and admin login throttling.

tests/browser/test_csp.py checks in Chromium that nothing is blocked under
the policy; tests/mgsite/test_settings.py that ``check --deploy`` is clean.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from mgsite.settings.base import client_address_config

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


# Behind a proxy -----------------------------------------------------------------

PROXY = "10.0.0.1"
ATTACKER, VICTIM = "198.51.100.9", "203.0.113.5"


@pytest.fixture
def behind_one_proxy(settings):
    for name, value in client_address_config(1).items():
        setattr(settings, name, value)


def sign_in_from(client, address, password, sent_header=""):
    """A sign-in through the TLS proxy, which appends the address it received
    the request from to whatever X-Forwarded-For the client sent."""
    forwarded = f"{sent_header}, {address}" if sent_header else address
    return client.post(
        LOGIN,
        {"username": "casey", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_the_proxy_a_stranger_cannot_lock_the_editor_out(
    client, editor, behind_one_proxy
):
    for _ in range(6):
        sign_in_from(client, ATTACKER, "guess")

    assert sign_in_from(client, ATTACKER, "right-password").status_code == 429
    sign_in_from(client, VICTIM, "right-password")
    assert signed_in(client)


def test_behind_the_proxy_a_forged_header_does_not_dodge_the_lock(
    client, editor, behind_one_proxy
):
    for n in range(5):
        sign_in_from(client, ATTACKER, "guess", sent_header=f"192.0.2.{n}")

    response = sign_in_from(client, ATTACKER, "right-password", "192.0.2.99")

    assert response.status_code == 429
    assert not signed_in(client)


def test_retries_during_the_lock_do_not_extend_it(client, editor):
    for _ in range(5):
        sign_in(client, "guess")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=10))
    for _ in range(3):
        assert sign_in(client, "guess").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(minutes=5, seconds=1)
    )

    sign_in(client, "right-password")

    assert signed_in(client)


def test_the_lockout_page_is_styled_and_says_when_to_come_back(client, editor):
    for _ in range(5):
        sign_in(client, "guess")

    response = sign_in(client, "right-password")

    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    assert 'rel="stylesheet"' in html
    assert "<style" not in html and "style=" not in html
    assert "Sign-in paused" in html


def test_public_pages_refuse_browser_features_the_site_never_uses(client, catalogue):
    policy = client.get("/products/")["Permissions-Policy"]

    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()"):
        assert feature in policy
