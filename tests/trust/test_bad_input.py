"""Hostile and malformed input: never a server error, always escaped, never
half-saved.

Single-parameter fuzzing of the catalogue and search lives in
tests/products/test_catalogue_properties.py and tests/mgsite/test_search.py;
here are repeated and unknown keys, huge numbers and the API. The importer's
oversized paste and unreadable entries are in tests/evidence/test_importer.py.
"""

import json
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.factories import ArticlePageFactory
from evidence.factories import SourceFactory, approved_claim, go_live
from evidence.models import Source
from products.api import ProductsAPIViewSet
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims
from products.models import ProductPage
from tests.articles.conftest import paragraph
from tests.evidence.conftest import make_user

pytestmark = pytest.mark.django_db

fuzz = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
huge_numbers = st.one_of(
    st.integers(min_value=-(10**400), max_value=10**400).map(str),
    st.sampled_from(["1e308", "-0", "9" * 500, "1_000", "٣", "Infinity", "0x1p3"]),
)
hostile_values = st.sampled_from(
    [
        "",
        "\x00",
        "a\x00b",
        '"',
        "'",
        "(",
        "1",
        "2020",
        "2020-13",
        "2020-01-01T25:00",
        "x",
        "AND",
        "NOT magnesium",
        " ".join(["magnesium"] * 160),
        "word " * 60,
        "\u202e\u0301\ufeff",
    ]
)
values = st.one_of(st.text(max_size=60), huge_numbers, hostile_values)


def pairs(keys):
    """Query strings with keys repeated, known or not, in any order."""
    key = st.one_of(st.sampled_from(keys), st.text(max_size=10))
    return st.lists(st.tuples(key, values), max_size=12).map(urlencode)


def answers(client, url):
    return [
        client.get(url).status_code,
        client.get(url, headers={"HX-Request": "true"}).status_code,
    ]


@pytest.fixture
def stocked(catalogue, hubs):
    product = ProductPageFactory(parent=catalogue)
    ProductVariantFactory(page=product)
    return product


CATALOGUE_KEYS = ["form", "format", "topic", "min_price", "max_price", "in_stock"]


@fuzz
@given(query=pairs([*CATALOGUE_KEYS, "sort", "page"]))
def test_catalogue_answers_repeated_keys_and_huge_numbers(client, stocked, query):
    assert answers(client, f"/products/?{query}") == [200, 200]


@fuzz
@given(query=pairs(["q", "page"]))
def test_search_answers_repeated_keys_and_huge_numbers(client, stocked, query):
    assert answers(client, f"/search/?{query}") == [200, 200]


# Every parameter the products endpoint reads: Wagtail's operations, its
# find/ parameters and each filterable field.
API_KEYS = sorted(
    ProductsAPIViewSet.known_query_parameters
    | ProductsAPIViewSet.find_query_parameters
    | {"search_operator"}
    | set(ProductsAPIViewSet.get_available_fields(ProductPage, db_fields_only=True))
)


@fuzz
@given(query=pairs(API_KEYS))
def test_product_api_refuses_bad_parameters_without_a_server_error(
    client, stocked, query
):
    for url in [
        "/api/v2/products/",
        f"/api/v2/products/{stocked.pk}/",
        "/api/v2/products/find/",
    ]:
        response = client.get(f"{url}?{query}")
        assert response.status_code in {200, 302, 400, 404}
        if response.status_code == 400:
            assert response.json()["message"]


@pytest.mark.parametrize(
    "query",
    [
        {"first_published_at": "1"},
        {"first_published_at": ""},
        {"search": "magnesium", "search_operator": "x"},
        {"search": " ".join(["magnesium"] * 150)},
        {"search": "mag\x00nesium"},
        {"locale": "en\x00"},
        {"site": "\x00"},
        {"search": '"'},
    ],
)
def test_product_api_answers_bad_parameters_with_a_json_400(client, stocked, query):
    response = client.get("/api/v2/products/", query)

    assert response.status_code == 400 or query == {"search": '"'}
    assert response["Content-Type"] == "application/json"
    assert client.get("/api/v2/products/").status_code == 200


def test_product_api_still_filters_by_locale_and_field(client, stocked):
    by_locale = client.get("/api/v2/products/", {"locale": "en"})
    by_slug = client.get("/api/v2/products/", {"slug": stocked.slug})

    assert by_locale.status_code == 200
    assert by_slug.json()["meta"]["total_count"] == 1


@pytest.mark.parametrize(
    "query", [{"id": "abc"}, {"id": ""}, {"html_path": "/products/\x00"}]
)
def test_product_api_find_refuses_bad_parameters_with_a_json_400(
    client, stocked, query
):
    response = client.get("/api/v2/products/find/", query)

    assert response.status_code == 400
    assert response.json()["message"]
    found = client.get("/api/v2/products/find/", {"id": stocked.pk})
    assert found.status_code == 302


def test_product_api_refuses_an_offset_beyond_the_database_integers(client, stocked):
    response = client.get("/api/v2/products/", {"offset": 2**63})

    assert response.status_code == 400
    assert "offset cannot be higher than" in response.json()["message"]
    assert client.get("/api/v2/products/", {"offset": 1}).status_code == 200


# Escaping -----------------------------------------------------------------------

HOSTILE = '</script><script>alert("x")</script><b onmouseover=alert(1)>bold</b>'


def json_ld_blocks(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    return [json.loads(block) for block in blocks]


def assert_escaped(html):
    assert "<script>alert" not in html
    assert "<b onmouseover" not in html


@pytest.fixture
def hostile_product(stocked):
    source = SourceFactory(title=f"Source {HOSTILE}")
    claim = approved_claim(sources=[source], wording=f"Claim {HOSTILE}")
    attach_claims(stocked, [claim])
    go_live(stocked)
    return stocked


def test_hostile_claim_and_source_text_is_escaped_on_the_product_page(
    client, hostile_product
):
    html = client.get(hostile_product.url).content.decode()

    assert_escaped(html)
    assert "Claim &lt;/script&gt;&lt;script&gt;" in html
    assert "Source &lt;/script&gt;" in html
    # JSON-LD holds the same text as data, unbroken.
    assert json_ld_blocks(html)


def test_hostile_claim_text_is_escaped_in_the_catalogue_fragment_and_api(
    client, hostile_product
):
    fragment = client.get("/products/?sort=name", headers={"HX-Request": "true"})
    api = client.get(f"/api/v2/products/{hostile_product.pk}/")

    assert_escaped(fragment.content.decode())
    assert api["Content-Type"] == "application/json"
    assert f"Claim {HOSTILE}" in strings(api.json())


def strings(data):
    """Every string in parsed JSON."""
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return [data] if isinstance(data, str) else []


@pytest.mark.parametrize(
    "url",
    [
        reverse("wagtailsnippets_evidence_claim:list"),
        reverse("wagtailsnippets_evidence_source:list"),
        reverse("evidence_compliance_report"),
    ],
)
def test_hostile_text_is_escaped_in_the_admin_listings_and_report(
    client, hostile_product, url
):
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))

    html = client.get(url).content.decode()

    assert_escaped(html)
    assert "&lt;/script&gt;&lt;script&gt;" in html


def test_hostile_claim_is_escaped_in_the_reviewers_inspect_view(
    client, hostile_product
):
    claim = hostile_product.claims.get().claim
    client.force_login(make_user("boss", is_superuser=True, is_staff=True))

    html = client.get(
        reverse("wagtailsnippets_evidence_claim:inspect", args=[claim.pk])
    ).content.decode()

    assert_escaped(html)
    assert "Source &lt;/script&gt;" in html


def test_hostile_article_title_and_text_are_escaped_everywhere_they_show(client, hubs):
    # Typed into the editor, markup is stored escaped in rich text.
    article = ArticlePageFactory(
        parent=hubs[0],
        title=f"Title {HOSTILE}",
        summary=f"Summary {HOSTILE}",
        body=[paragraph(f"Text {escape(HOSTILE)}")],
    )
    go_live(article)

    pages = [
        client.get(article.url).content.decode(),
        client.get(hubs[0].url).content.decode(),
        client.get("/search/", {"q": "Title bold"}).content.decode(),
    ]

    for html in pages:
        assert_escaped(html)
    assert f"Title {HOSTILE}" in strings(json_ld_blocks(pages[0]))
    assert "Title &lt;/script&gt;" in pages[2]


def test_a_hostile_search_query_comes_back_escaped(client, stocked):
    html = client.get("/search/", {"q": HOSTILE}).content.decode()

    assert_escaped(html)
    assert "&lt;b onmouseover=alert(1)&gt;" in html


# Importer and source form gaps -----------------------------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("ed", "Editors"))
    return client


def import_paste(client, text):
    url = reverse("wagtailsnippets_evidence_source:import")
    return client.post(url, {"references": text, "study_type": "rct"})


@pytest.mark.parametrize(
    "paste",
    [
        "@article{x, title = {Bad DOI}, year = {2020}, doi = {10.12/not a doi}}",
        "TY  - JOUR\nTI  - Bad DOI\nPY  - 2020\nDO  - doi:nonsense\nER  - \n",
    ],
)
def test_an_entry_with_an_invalid_doi_is_reported_and_not_saved(editor_client, paste):
    response = import_paste(editor_client, paste)

    assert "0 of 1 created" in response.content.decode()
    assert "doi" in response.content.decode().lower()
    assert not Source.objects.exists()


def test_text_in_neither_format_is_refused_and_nothing_saved(editor_client):
    response = import_paste(editor_client, "Shin HJ. Magnesium and pain. 2020.")

    assert response.status_code == 200
    assert not Source.objects.exists()


def test_hostile_titles_in_the_import_results_are_escaped(editor_client):
    paste = f"@article{{x, title = {{{HOSTILE}}}, year = {{2020}}, url = {{a}}}}"

    html = import_paste(editor_client, paste).content.decode()

    assert_escaped(html)


def test_source_form_refuses_an_invalid_doi_on_the_field(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_evidence_source:add"),
        {"title": "A trial", "doi": "11.1234/x", "study_type": "rct"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["doi"]
    assert not Source.objects.exists()
