import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.blocks import ArticleBodyBlock, ClaimBlock
from articles.citations import BodyData, cited_ids
from evidence.factories import SourcedClaimFactory, SourceFactory
from tests.articles.conftest import cite, paragraph

pytestmark = pytest.mark.django_db


def reference_numbers(html):
    return [int(n) for n in re.findall(r'href="#ref-(\d+)"', html)]


def test_numbers_follow_first_use_and_reuse_on_repeat(make_article, client):
    first, second = SourceFactory(), SourceFactory()
    article = make_article(
        [
            paragraph(cite(second) + " and " + cite(first)),
            paragraph(cite(second, "again")),
        ]
    )

    html = client.get(article.url).content.decode()

    assert reference_numbers(html) == [1, 2, 1]
    body, references = html.split('class="references"')
    assert references.index(second.title) < references.index(first.title)


def test_claim_blocks_and_rich_text_share_one_numbering(make_article, client):
    shared, claim_only, later = SourceFactory(), SourceFactory(), SourceFactory()
    claim = SourcedClaimFactory(sources=[claim_only, shared])
    article = make_article(
        [
            paragraph(cite(shared)),
            {"type": "claim", "value": claim.pk},
            paragraph(cite(later) + cite(claim_only)),
        ]
    )

    html = client.get(article.url).content.decode()

    # shared is 1; the claim adds claim_only as 2 and reuses 1, its markers
    # in ascending order; later is 3.
    assert reference_numbers(html) == [1, 1, 2, 3, 2]


def test_reference_list_marks_retracted_sources_and_links_out(make_article, client):
    retracted = SourceFactory(retracted=True, title="Withdrawn magnesium trial")
    current = SourceFactory(doi="10.3390/nu12082184", pmid="32708431")
    article = make_article([paragraph(cite(retracted) + cite(current))])

    html = client.get(article.url).content.decode()

    item = re.search(r'<li id="ref-1".*?</li>', html, re.DOTALL).group(0)
    assert "Retracted" in item and "Withdrawn magnesium trial" in item
    assert 'href="https://doi.org/10.3390/nu12082184"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/32708431/"' in html


def test_a_source_without_doi_or_pubmed_links_to_its_web_page(make_article, client):
    web_only = SourceFactory(doi="", pmid="", url="https://ods.od.nih.gov/magnesium")
    with_doi = SourceFactory(doi="10.3390/nu12082184", pmid="")
    article = make_article([paragraph(cite(web_only) + cite(with_doi))])

    html = client.get(article.url).content.decode()

    first, second = re.findall(r'<li id="ref-\d+".*?</li>', html, re.DOTALL)
    outward = r'href="(http[^"]+)" rel="noopener" target="_blank">(\w+)<'
    assert re.findall(outward, first) == [("https://ods.od.nih.gov/magnesium", "Link")]
    assert re.findall(outward, second) == [
        ("https://doi.org/10.3390/nu12082184", "DOI")
    ]


def test_citation_to_a_missing_source_keeps_the_words_without_a_number(
    make_article, client
):
    article = make_article([paragraph('<a linktype="citation" id="999">words</a>')])

    html = client.get(article.url).content.decode()

    assert "words" in html
    assert reference_numbers(html) == []
    assert 'class="references"' not in html


def test_cited_ids_reads_citations_in_order():
    html = '<p><a linktype="citation" id="7">a</a> <a href="/x">b</a>'
    html += '<a id="3" linktype="citation">c</a></p>'

    assert cited_ids(html) == [7, 3]


def test_a_withdrawn_claim_contributes_no_references(make_article, client):
    withdrawn = SourcedClaimFactory(sources=[SourceFactory(title="Draft source")])
    article = make_article([{"type": "claim", "value": withdrawn.pk}])
    assert "Draft source" in client.get(article.url).content.decode()

    withdrawn.unpublish()

    html = client.get(article.url).content.decode()
    assert withdrawn.wording not in html
    assert "Draft source" not in html


def body_with(sources, products):
    body = [paragraph(cite(source)) for source in sources]
    body += [{"type": "product_card", "value": product.pk} for product in products]
    return body


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_citations_or_product_cards(
    make_article, make_product, client
):
    def product(n):
        return make_product(
            f"Product {n}", claims=[SourcedClaimFactory(), SourcedClaimFactory()]
        )

    small = make_article(body_with(SourceFactory.create_batch(2), [product(0)]))
    large = make_article(
        body_with(SourceFactory.create_batch(40), [product(n) for n in range(1, 6)])
    )
    for article in (small, large):  # warm the site-wide lookups and routes
        count_queries(client, article.url)

    assert count_queries(client, large.url) == count_queries(client, small.url)


def test_body_data_fetches_each_kind_once(make_product, django_assert_num_queries):
    sources = SourceFactory.create_batch(5)
    claim = SourcedClaimFactory(sources=sources[:2])
    product = make_product(claims=[claim])
    raw = body_with(sources, [product]) + [{"type": "claim", "value": claim.pk}]
    body = ArticleBodyBlock().to_python(raw)

    # sources (1); claims with their source rows (2) and their approvals (1);
    # products (1) and their approvals (1), their claims' citations with
    # claim and source (1) and those claims' approvals (1).
    with django_assert_num_queries(8):
        claims = [block.value for block in body if isinstance(block.block, ClaimBlock)]
        data = BodyData(body.stream_block.extract_references(body), claims)

    assert [number for number, _ in data.references] == [1, 2, 3, 4, 5]


def test_citation_outside_an_article_links_the_words_to_the_work():
    from wagtail.rich_text import expand_db_html

    source = SourceFactory(doi="10.3390/nu12082184")

    html = expand_db_html(f"<p>{cite(source, 'a review')}</p>")

    assert '<a class="citation" href="https://doi.org/10.3390/nu12082184"' in html
    assert "a review</a>" in html
