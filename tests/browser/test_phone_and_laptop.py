"""The public site on a 390 px phone and a 1280 px laptop: a compact header
whose menu button opens the navigation, the catalogue's filters folded away
on phones and in step with the address on Back and Forward, search from the
header that forgives a typo and answers a search that finds nothing, readable
charts and tables, and no serious or critical axe violation at phone width.

Screenshots of each step are kept in ``test-results/`` (phone-*.png,
laptop-*.png)."""

from urllib.parse import parse_qsl, urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from products.models import FormsComparisonPage, ProductPage
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import blocking_violations, pages_to_check
from tests.browser.test_journeys import a_form_some_products_have, live_products

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
# Well under the 116-140 px the header took when its links wrapped.
MAX_PHONE_HEADER_PX = 80
MIN_TARGET_PX = 24
MIN_TEXT_PX = 12


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)


def shoot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def box(locator):
    return locator.bounding_box()


def query_of(page):
    return dict(parse_qsl(urlparse(page.url).query, keep_blank_values=True))


def result_count(page):
    return int(page.locator("#results-count strong").inner_text())


def test_phone_menu_opens_the_navigation_from_a_compact_header(page, demo):
    page.set_viewport_size(PHONE)
    page.goto("/")
    header = page.locator(".site-header")
    nav_link = page.get_by_role("navigation", name="Main").get_by_role("link").first
    menu = page.get_by_role("button", name="Menu")

    assert box(header)["height"] < MAX_PHONE_HEADER_PX
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("aria-controls", "site-menu")
    expect(nav_link).to_be_hidden()
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()
    shoot(page, "phone-home")

    menu.click()

    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav_link).to_be_visible()
    for target in [menu, nav_link, page.locator(".site-search__button")]:
        size = box(target)
        assert size["width"] >= MIN_TARGET_PX and size["height"] >= MIN_TARGET_PX
    shoot(page, "phone-menu-open")

    page.keyboard.press("Escape")
    expect(nav_link).to_be_hidden()
    expect(menu).to_be_focused()


def test_laptop_shows_the_navigation_and_search_without_a_menu_button(page, demo):
    page.set_viewport_size(LAPTOP)
    page.goto("/")

    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Products")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_visible()
    shoot(page, "laptop-home")


def test_phone_filters_fold_away_and_back_restores_results_and_controls(page, demo):
    form = a_form_some_products_have()
    page.set_viewport_size(PHONE)
    page.goto("/products/")
    everything = result_count(page)
    form_select = page.get_by_label("Form:", exact=True)
    sort_select = page.get_by_label("Sort by:", exact=True)
    filters = page.get_by_role("button", name="Filters")

    expect(filters).to_have_attribute("aria-expanded", "false")
    expect(form_select).to_be_hidden()
    shoot(page, "phone-catalogue")
    filters.click()
    expect(form_select).to_be_visible()
    shoot(page, "phone-catalogue-filters-open")

    form_select.select_option(form.slug)
    page.wait_for_url(f"**/products/?*form={form.slug}*")
    expect(page.locator("#results-count strong")).to_have_text(
        str(live_products(magnesium_form=form).count())
    )
    # Filters left empty stay out of the address.
    assert "" not in query_of(page).values()
    sort = sort_select.locator("option").last.get_attribute("value")
    sort_select.select_option(sort)
    page.wait_for_url(f"**sort={sort}*")
    assert query_of(page) == {"form": form.slug, "sort": sort}

    page.go_back()
    page.wait_for_url(lambda url: "sort=" + sort not in url)
    assert query_of(page)["form"] == form.slug
    expect(form_select).to_have_value(form.slug)
    expect(sort_select).not_to_have_value(sort)

    page.go_back()
    page.wait_for_url("**/products/")
    expect(page.locator("#results-count strong")).to_have_text(str(everything))
    expect(form_select).to_have_value("")

    page.go_forward()
    page.wait_for_url(f"**/products/?*form={form.slug}*")
    expect(form_select).to_have_value(form.slug)
    expect(page.locator("#results-count strong")).to_have_text(
        str(live_products(magnesium_form=form).count())
    )


def test_laptop_shows_the_filters_open(page, demo):
    page.set_viewport_size(LAPTOP)
    page.goto("/products/")

    expect(page.get_by_role("button", name="Filters")).to_be_hidden()
    expect(page.get_by_label("Form:", exact=True)).to_be_visible()
    shoot(page, "laptop-catalogue")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_search_from_the_header_forgives_a_typo_and_helps_when_nothing_matches(
    page, demo, viewport
):
    name = "phone" if viewport is PHONE else "laptop"
    page.set_viewport_size(viewport)
    page.goto("/")
    box_ = page.get_by_role("searchbox", name="Search the site")

    box_.fill("magnesum")
    box_.press("Enter")

    page.wait_for_url("**/search/?q=magnesum")
    suggestion = page.get_by_role("link", name="magnesium", exact=True)
    expect(suggestion).to_be_visible()
    expect(page.get_by_role("heading", name="Results for “magnesium”")).to_be_visible()
    shoot(page, f"{name}-search-typo")
    suggestion.click()
    page.wait_for_url("**/search/?q=magnesium")
    expect(page.locator(".search-results li").first).to_be_visible()

    box_ = page.get_by_role("searchbox", name="Search the site")
    box_.fill("sleep")
    box_.press("Enter")
    page.wait_for_url("**/search/?q=sleep")
    expect(page.get_by_text("0 results for “sleep”")).to_be_visible()
    expect(page.get_by_role("heading", name="Our topics")).to_be_visible()
    expect(page.locator(".search-help__topics li")).to_have_count(3)
    expect(page.get_by_role("heading", name="Newest articles")).to_be_visible()
    shoot(page, f"{name}-search-nothing-found")


def test_phone_charts_and_tables_stay_readable(page, demo):
    page.set_viewport_size(PHONE)
    page.goto(FormsComparisonPage.objects.live().first().url)

    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.forms-chart text')]
            .map(text => parseFloat(getComputedStyle(text).fontSize)
                         * text.getScreenCTM().a))"""
    )
    assert smallest >= MIN_TEXT_PX
    shoot(page, "phone-forms-comparison")

    page.goto(ProductPage.objects.live().first().url)
    sizes = page.get_by_role("region", name="Sizes and prices")
    expect(sizes.get_by_role("columnheader", name="Price")).to_be_visible()
    first_size = sizes.get_by_role("rowheader").first
    sizes.evaluate("region => { region.scrollLeft = region.scrollWidth; }")
    # The size of each row stays in view while the table scrolls.
    assert box(first_size)["x"] >= box(sizes)["x"] - 1
    shoot(page, "phone-product")


def test_phone_pages_have_no_serious_or_critical_violations(page, demo):
    page.set_viewport_size(PHONE)
    found = {}
    for url in [*pages_to_check(), "/search/?q=sleep", "/search/?q=magnesum"]:
        page.goto(url)
        if violations := blocking_violations(page):
            found[url] = violations
    page.goto("/")
    page.get_by_role("button", name="Menu").click()
    if violations := blocking_violations(page):
        found["/ (menu open)"] = violations
    page.goto("/products/")
    page.get_by_role("button", name="Filters").click()
    if violations := blocking_violations(page):
        found["/products/ (filters open)"] = violations

    assert found == {}
