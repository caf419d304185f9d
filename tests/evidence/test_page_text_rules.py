"""The page text rules (evidence.compliance), on text as pages give it."""

import pytest

from articles.citations import cited_text
from evidence import compliance
from evidence.factories import SourceFactory
from tests.articles.conftest import cite

pytestmark = pytest.mark.django_db

RELIEVES = "Relieves sciatica and cures migraine headaches"


def codes(found):
    return [f.code for f in found]


def severities(found):
    return {f.severity for f in found}


def editorial(html):
    return compliance.text_findings([("body", cited_text(html))], compliance.EDITORIAL)


def labelling(text, field="summary"):
    return compliance.text_findings([(field, text)], compliance.LABELLING)


# Labelling: product pages and what they show ---------------------------------


def test_benefit_or_disease_wording_on_a_label_is_an_error_that_says_what_to_do():
    found = labelling(RELIEVES)

    assert found and severities(found) == {compliance.ERROR}
    message = found[0].message
    assert "sciatica" in message and "21 CFR 101.93" in message
    assert "move this into the claims library" in message
    assert {f.field for f in found} == {"summary"}


@pytest.mark.parametrize(
    "text",
    [
        "Do not take if you have kidney disease.",
        "Take with food. Keep out of the reach of children.",
        "Capsule shell (hydroxypropyl methylcellulose).",
    ],
)
def test_warnings_and_plain_label_text_are_allowed(text):
    assert labelling(text, "warnings") == []


def test_a_name_that_implies_a_disease_is_an_error():
    found = labelling("Migraine Relief Magnesium", "title")

    assert compliance.ERROR in severities(found)


# Editorial: articles, hubs, home ---------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Magnesium helps muscles relax.",
        "It reduces cramps.",
        "A warm bath relieved the ache.",
        "Sleep improved in one study.",
        "Stretching eases stiffness.",
    ],
)
def test_uncited_benefit_sentence_in_rich_text_is_an_error(sentence):
    found = editorial(f"<p>{sentence}</p>")

    assert codes(found) == ["uncited-benefit"]
    assert found[0].severity == compliance.ERROR
    assert sentence[:20] in found[0].message


def test_benefit_citing_a_current_source_in_the_same_sentence_is_fine():
    source = SourceFactory()
    html = f"<p>Magnesium helps muscles relax, as {cite(source)}.</p>"

    assert editorial(html) == []


def test_a_citation_in_the_next_sentence_does_not_count():
    source = SourceFactory()
    html = f"<p>Magnesium helps muscles relax. {cite(source, 'A trial')} found it.</p>"

    assert codes(editorial(html)) == ["uncited-benefit"]


def test_citing_only_a_retracted_source_is_uncited():
    source = SourceFactory(retracted=True)
    found = editorial(f"<p>Magnesium helps muscles relax, as {cite(source)}.</p>")

    assert codes(found) == ["uncited-benefit"]
    assert "retracted" in found[0].message


def test_each_offending_sentence_is_reported_once():
    html = "<ul><li>It helps. It is a mineral.</li><li>It eases pain</li></ul>"

    found = editorial(html)

    assert len(found) == 2
    assert "It helps." in found[0].message and "It eases pain" in found[1].message


def test_neutral_words_are_not_benefit_statements():
    html = "<p>Magnesium is a mineral. Helpful people disagree. It is a salt.</p>"

    assert editorial(html) == []


def test_disease_language_is_a_warning_cited_or_not():
    source = SourceFactory()
    cited = editorial(f"<p>In migraine, {cite(source)} fewer attacks.</p>")
    uncited = editorial("<p>Magnesium in migraine gave fewer attacks.</p>")

    assert codes(cited) == ["disease-language"] == codes(uncited)
    assert severities(cited) == {compliance.WARNING} == severities(uncited)


def test_a_contraindication_is_not_flagged_as_a_disease_claim():
    html = "<p>Do not take magnesium if you have kidney disease.</p>"

    assert editorial(html) == []


@pytest.mark.parametrize("field", ["title", "summary", "seo_title", "body"])
def test_a_benefit_in_text_that_cannot_cite_is_an_error(field):
    found = compliance.text_findings(
        [(field, "Magnesium helps muscles relax")], compliance.EDITORIAL
    )

    assert codes(found) == ["uncitable-benefit"]
    assert found[0].field == field


def test_citations_are_looked_up_once_for_the_whole_text(django_assert_num_queries):
    sources = SourceFactory.create_batch(3)
    pairs = [
        ("body", cited_text(f"<p>It helps, as {cite(source)}.</p>"))
        for source in sources
    ]

    with django_assert_num_queries(1):
        assert compliance.text_findings(pairs, compliance.EDITORIAL) == []
