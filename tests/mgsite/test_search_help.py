"""A search that finds nothing is answered: a spelling suggestion with its
results, a related search for a condition named otherwise here, pages with
similar titles (PostgreSQL), the topics and the newest articles; editors'
promotions stand above the results."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from articles.factories import ArticlePageFactory
from mgsite import search_help
from mgsite.views import SEARCHABLE_TYPES
from products.factories import ProductPageFactory
from tests.services import postgresql_only

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(catalogue, hubs):
    return {
        "product": ProductPageFactory(
            parent=catalogue, title="Magnesium glycinate capsules"
        ),
        "older": ArticlePageFactory(parent=hubs[0], title="Magnesium and back pain"),
        "newer": ArticlePageFactory(parent=hubs[1], title="Nerve pain explained"),
    }


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def help_section(html):
    return html.split('<div class="search-help">', 1)[1].split("</main>", 1)[0]


def test_a_misspelt_word_is_answered_with_did_you_mean_and_its_results(client, shelf):
    html = search(client, "magnesum")

    assert "0 results for “magnesum”" in html
    assert 'Did you mean <a href="/search/?q=magnesium">magnesium</a>?' in html
    assert "Results for “magnesium”" in html
    assert "Magnesium glycinate capsules" in help_section(html)


def test_a_condition_named_otherwise_here_suggests_the_related_search(client, shelf):
    html = search(client, "sciatica")

    assert 'Did you mean <a href="/search/?q=nerve%20pain">nerve pain</a>?' in html
    assert "Nerve pain explained" in help_section(html)


def test_nothing_found_offers_the_topics_and_the_newest_articles(client, shelf, hubs):
    html = search(client, "sleep")

    help = help_section(html)
    assert "Did you mean" not in help
    assert "Try fewer or different words" in help
    topics = help.split("Our topics", 1)[1].split("Newest articles", 1)[0]
    assert [hub.title in topics for hub in hubs] == [True, True, True]
    newest = help.split("Newest articles", 1)[1]
    assert newest.index("Nerve pain explained") < newest.index(
        "Magnesium and back pain"
    )


def test_a_search_with_results_offers_no_help(client, shelf):
    html = search(client, "glycinate")

    assert "1 result for" in html
    assert '<div class="search-help">' not in html


def test_editors_promotions_stand_above_the_results(client, shelf):
    promoted = SearchPromotion.objects.create(
        query=Query.get("Glycinate"), page=shelf["newer"], description=""
    )

    html = search(client, "glycinate")

    recommended = html.split("Recommended", 1)[1]
    recommended = recommended.split('<ol class="search-results">')[0]
    assert promoted.page.title in recommended


@postgresql_only
def test_postgresql_finds_pages_whose_titles_look_like_the_search(shelf):
    found = search_help.similar_titles("glycinte", SEARCHABLE_TYPES)

    assert [page.title for page in found] == ["Magnesium glycinate capsules"]


@postgresql_only
def test_a_page_found_by_the_suggestion_and_by_its_title_is_listed_once(client, shelf):
    help_text = help_section(search(client, "glycinte"))

    assert "Did you mean" in help_text
    assert help_text.count("Magnesium glycinate capsules") == 1
