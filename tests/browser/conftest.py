"""Real-browser tests: Playwright drives Debian's Chromium against a live
server started by the test session (pytest-django's ``live_server``).

A failing test leaves a full-page screenshot in ``test-results/``.
"""

import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect

from tests.services import require

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
# Chromium's background services would try to reach the network; the tests
# need none of them.
# What a test waits for (a response, a URL, an element) may take a while on
# a loaded machine: a save runs every compliance rule, the first admin page
# compiles its assets. A test waits for what the page does, never for a
# fixed time; these bounds only say when to give up.
WAIT_MS = 45_000
NAVIGATION_MS = 60_000
expect.set_options(timeout=WAIT_MS)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser(live_server):
    """A fresh Chromium per test.

    Playwright's sync API runs an event loop in this thread, which changes
    which database connection object Django's context-local handler returns;
    keeping the loop alive only while a test body runs leaves pytest-django's
    database set-up and serialized rollback to run outside it.
    """
    require(
        Path(CHROMIUM).exists(),
        f"needs Chromium at {CHROMIUM}: apt-get install chromium",
    )
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls from the same test are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # ORM calls made while the loop ran used a connection of their own;
        # leaving it open would keep the test database from being dropped.
        connections.close_all()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


@pytest.fixture
def page(request, browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.set_default_navigation_timeout(NAVIGATION_MS)
    yield page
    if getattr(request.node, "failed_call", False):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)
    context.close()


def log_in(page, username, password):
    """Sign in through the Wagtail login form."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_response(is_post("/admin/login/")) as signed_in:
        page.click("button[type=submit]")
    assert signed_in.value.status == 302, "the login form was refused"
    page.wait_for_url("**/admin/")


def is_post(path):
    """For ``page.expect_response``: the response to a form submitted to
    ``path`` (a navigation; the editor's autosave posts there too, in the
    background, and is not it)."""

    def matches(response):
        request = response.request
        return (
            request.method == "POST"
            and request.is_navigation_request()
            and response.url.split("?")[0].endswith(path)
        )

    return matches


@pytest.fixture
def csp_violations(page):
    """What the browser reports blocking under the Content-Security-Policy."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations
