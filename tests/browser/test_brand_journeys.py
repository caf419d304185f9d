"""A shopper's journey over the home page, a trust page and a product's
where-to-buy list, on a phone (390 px) and a laptop (1280 px): axe finds
no serious or critical violation and each step leaves a screenshot in
``test-results/`` for people to look at."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BLOCKING = {"serious", "critical"}
WIDTHS = {"phone": (390, 844), "laptop": (1280, 900)}


def blocking_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']})"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def snap(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_home_trust_page_and_where_to_buy_on_a_phone_and_a_laptop(page):
    call_command("load_demo", verbosity=0)
    found = {}
    for device, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})

        page.goto("/")
        expect(page.locator(".site-logo")).to_contain_text("Mineral Ledger")
        expect(page.locator(".topic-card")).to_have_count(3)
        # The brand adds no height to the header: one line, the mark's size.
        assert page.locator(".site-logo").bounding_box()["height"] <= 40
        found[f"home {device}"] = blocking_violations(page)
        snap(page, f"brand-home-{device}")

        page.locator(".footer-nav a", has_text="How we grade evidence").click()
        page.wait_for_url("**/how-we-grade-evidence/")
        expect(page.locator(".grading-weights tbody tr").first).to_be_visible()
        found[f"grading {device}"] = blocking_violations(page)
        snap(page, f"brand-grading-{device}")

        page.goto("/products/glycinate-capsules/")
        shops = page.locator(".where-to-buy__item")
        expect(shops.first).to_be_visible()
        expect(
            page.locator(".product__gallery picture source[type='image/avif']")
        ).to_have_count(1)
        found[f"product {device}"] = blocking_violations(page)
        page.locator(".where-to-buy").scroll_into_view_if_needed()
        snap(page, f"brand-product-{device}")

    assert {step: v for step, v in found.items() if v} == {}
