import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from products.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(catalogue, hubs):
    return {
        "live": ProductPageFactory(
            parent=catalogue,
            title="Zephyr glycinate capsules",
            summary="Gentle glycinate for evenings.",
        ),
        "draft": ProductPageFactory(
            parent=catalogue, title="Zephyr draft capsules", live=False
        ),
    }


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_results_show_type_title_and_summary(client, shelf):
    html = search(client, "Zephyr")

    assert "Zephyr glycinate capsules" in html
    assert "Gentle glycinate for evenings." in html
    assert '<span class="search-results__type">Product</span>' in html


def test_hubs_are_found_and_labelled_as_topics(client, shelf, hubs):
    html = search(client, hubs[1].title)

    assert hubs[1].title in html
    assert '<span class="search-results__type">Topic</span>' in html


def test_draft_pages_are_not_found(client, shelf):
    html = search(client, "Zephyr")

    assert "Zephyr draft capsules" not in html
    assert "1 result for" in html


def test_private_pages_are_not_found(client, shelf):
    PageViewRestriction.objects.create(
        page=shelf["live"], restriction_type="password", password="secret"
    )

    html = search(client, "Zephyr")

    assert "Zephyr glycinate capsules" not in html


def test_empty_query_shows_the_form_without_results(client, shelf):
    html = search(client, "")

    assert 'name="q"' in html
    assert "result" not in html.split("</form>", 1)[1].split("<footer", 1)[0]


def test_overlong_query_is_cut_to_the_cap_and_says_so(client, shelf):
    html = search(client, "Zephyr " + "x" * 1000)

    assert "shortened to its first 200 characters" in html


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=300))
def test_any_query_answers_normally(client, shelf, query):
    search(client, query)


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "*", "a\x00b", "%_%"])
def test_odd_queries_answer_normally(client, shelf, query):
    search(client, query)


def test_a_word_in_the_title_or_the_summary_finds_the_page(client, catalogue):
    ProductPageFactory(
        parent=catalogue, title="Evening capsules", summary="Quartzite inside."
    )
    ProductPageFactory(parent=catalogue, title="Quartzite capsules", summary="Plain.")

    html = search(client, "quartzite")

    assert "2 results for" in html
    assert "Quartzite capsules" in html and "Evening capsules" in html
