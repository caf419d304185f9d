"""An article body is read through StreamField's own API: each block type
says what it refers to (Wagtail's reference extraction), so a citation is
found in every block type that can carry one, whatever the block is called."""

import pytest
from wagtail import blocks

from articles.blocks import (
    ArticleBodyBlock,
    CitedRichTextBlock,
    ClaimBlock,
    FAQBlock,
    ProductCardBlock,
)
from articles.citations import BodyData
from evidence.factories import SourcedClaimFactory, SourceFactory
from tests.articles.conftest import cite

pytestmark = pytest.mark.django_db


def faq(source):
    answer = f"<p>Mostly; {cite(source, 'see the review')}.</p>"
    return {"heading": "Questions", "items": [{"question": "Safe?", "answer": answer}]}


def body_citing_in_every_block_type(stream_block, names):
    """A body with a paragraph, a question and answer and a library claim,
    each citing its own source, under the block ``names`` given."""
    in_text, in_answer, in_claim = SourceFactory.create_batch(3)
    claim = SourcedClaimFactory(sources=[in_claim])
    raw = [
        {"type": names["paragraph"], "value": f"<p>{cite(in_text)}</p>"},
        {"type": names["faq"], "value": faq(in_answer)},
        {"type": names["claim"], "value": claim.pk},
    ]
    body = stream_block.to_python(raw)
    return body, [in_text, in_answer, in_claim]


def cited_sources(stream_block, body):
    data = BodyData(stream_block.extract_references(body))
    return [source for _number, source in data.references]


def test_a_citation_in_every_block_type_that_can_carry_one_is_found():
    stream_block = ArticleBodyBlock()
    names = {"paragraph": "paragraph", "faq": "faq", "claim": "claim"}
    body, sources = body_citing_in_every_block_type(stream_block, names)

    assert cited_sources(stream_block, body) == sources


def test_renaming_a_block_keeps_its_citations():
    stream_block = blocks.StreamBlock(
        [
            ("text", CitedRichTextBlock()),
            ("questions", FAQBlock()),
            ("library_claim", ClaimBlock()),
            ("product", ProductCardBlock()),
        ]
    )
    names = {"paragraph": "text", "faq": "questions", "claim": "library_claim"}
    body, sources = body_citing_in_every_block_type(stream_block, names)

    assert cited_sources(stream_block, body) == sources
