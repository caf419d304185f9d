"""axe-core, run in Chromium, finds no serious or critical violation on the
pages shoppers use; the catalogue filters and citations work by keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import ArticlePage, TopicHubPage
from products.models import FormsComparisonPage, MagnesiumForm, ProductPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BLOCKING = {"serious", "critical"}


def pages_to_check():
    form = MagnesiumForm.objects.order_by("slug").first()
    return [
        "/",
        *[hub.url for hub in TopicHubPage.objects.live()],
        ArticlePage.objects.live().first().url,
        f"/products/?form={form.slug}",
        ProductPage.objects.live().first().url,
        FormsComparisonPage.objects.live().first().url,
        "/search/?q=magnesium",
    ]


def blocking_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def test_shopper_pages_have_no_serious_or_critical_violations(page):
    call_command("load_demo", verbosity=0)
    found = {}
    for url in pages_to_check():
        page.goto(url)
        if violations := blocking_violations(page):
            found[url] = violations

    assert found == {}


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_catalogue_filter_works_with_the_keyboard_alone(page):
    call_command("load_demo", verbosity=0)
    page.goto("/products/")
    count = page.locator("#results-count").inner_text()

    tab_to(page, "select[name=form]")
    page.keyboard.press("ArrowDown")

    page.wait_for_url("**/products/?*form=*")
    page.wait_for_function(
        "count => document.querySelector('#results-count').innerText !== count",
        arg=count,
    )
    assert page.locator("select[name=form]").input_value() != ""


def test_citation_superscript_jumps_to_its_reference_with_the_keyboard(page):
    call_command("load_demo", verbosity=0)
    article = next(
        article
        for article in ArticlePage.objects.live().specific()
        if 'class="cite"' in page.goto(article.url).text()
    )
    page.goto(article.url)

    tab_to(page, "sup.cite a")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{target}")
    expect(page.locator(f"{target}:target")).to_be_visible()
