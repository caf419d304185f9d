import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_reaches_a_hub_from_the_home_page_navigation(page, hubs):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Nerve pain"
    ).click()

    page.wait_for_url("**/nerve-pain/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nerve pain"


def test_skip_link_is_the_first_stop_for_keyboard_users(page, home_page):
    page.goto("/")
    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
