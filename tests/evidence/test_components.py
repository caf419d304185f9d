import datetime
import re

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from evidence.citations import CitationNumbering, Reference
from evidence.factories import SourceFactory, claim_with_sources
from evidence.models import Claim, ClaimKind, StudyType

pytestmark = pytest.mark.django_db

SINGULAR = (
    "This statement has not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)
PLURAL = (
    "These statements have not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)


def squash(html):
    return " ".join(html.split())


@pytest.mark.parametrize(("count", "text"), [(1, SINGULAR), (3, PLURAL)])
def test_fda_disclaimer_has_the_exact_regulation_wording(count, text):
    html = squash(render_to_string("components/fda_disclaimer.html", {"count": count}))

    assert text in html
    assert 'id="fda-disclaimer"' in html


def test_fda_disclaimer_renders_nothing_without_structure_function_claims():
    assert (
        render_to_string("components/fda_disclaimer.html", {"count": 0}).strip() == ""
    )


def render_claim(claim, numbering, **options):
    numbers = [numbering.count(source) for source in claim.current_sources]
    context = {"claim": claim, "markers": numbering.markers(numbers), **options}
    return squash(render_to_string("components/claim.html", context))


def evidence_badge(label, steps, explanation=""):
    template = Template(
        "{% load evidence_tags %}{% evidence_badge label steps explanation %}"
    )
    context = {"label": label, "steps": steps, "explanation": explanation}
    return template.render(Context(context))


def reference_entry(number, source, back_ids=()):
    html = render_to_string(
        "components/reference_list.html",
        {"references": [Reference(number, source, tuple(back_ids))]},
    )
    return html[html.index("<li") : html.index("</li>") + len("</li>")]


def test_claim_shows_wording_citations_badge_and_dagger():
    claim_with_sources(
        [StudyType.SYSTEMATIC_REVIEW, StudyType.RCT], wording="Supports muscles."
    )
    claim = Claim.objects.with_sources().get()
    numbering = CitationNumbering()

    html = render_claim(claim, numbering)

    assert "Supports muscles." in html
    assert 'href="#ref-1"' in html and 'href="#ref-2"' in html
    assert "Evidence: strong" in html
    assert html.count("is-filled") == 3
    assert 'href="#fda-disclaimer"' in html
    assert len(numbering) == 2


def test_eu_claim_has_no_fda_dagger_and_limited_evidence_fills_one_step():
    claim_with_sources([StudyType.ANIMAL], kind=ClaimKind.EU_AUTHORISED)
    claim = Claim.objects.with_sources().get()

    html = render_claim(claim, CitationNumbering())

    assert "fda-disclaimer" not in html
    assert "Evidence: limited" in html
    assert html.count("is-filled") == 1


def test_evidence_badge_gives_the_level_in_words_and_escapes_its_tooltip():
    html = str(evidence_badge("Moderate", 2, 'Two trials & a "review"'))

    assert "Evidence: moderate" in html
    assert '<span class="visually-hidden">(2 of 3)</span>' in html
    assert html.count("is-filled") == 2
    assert 'title="Two trials &amp; a &quot;review&quot;"' in html
    assert "title=" not in str(evidence_badge("Limited", 1))


def test_reference_entry_marks_a_retraction_with_its_date_and_escapes_the_title():
    source = SourceFactory.build(
        title="Magnesium & <pain>",
        doi="10.1000/xyz",
        pmid="123",
        retracted=True,
        retracted_on=datetime.date(2024, 3, 5),
    )

    html = squash(str(reference_entry(7, source)))

    assert html.startswith(
        '<li id="ref-7" value="7" class="references__item--retracted">'
        '<strong class="badge badge--retracted">Retracted March 2024</strong>'
    )
    assert "Magnesium &amp; &lt;pain&gt;." in html
    assert html.endswith(
        '<a href="https://doi.org/10.1000/xyz" rel="noopener" target="_blank">DOI'
        '<span class="visually-hidden"> (opens in a new tab)</span></a> '
        '<a href="https://pubmed.ncbi.nlm.nih.gov/123/" rel="noopener" '
        'target="_blank">PubMed<span class="visually-hidden"> (opens in a new tab)'
        "</span></a></li>"
    )


def test_reference_entry_of_a_current_source_has_no_retraction_mark():
    html = str(
        reference_entry(
            1, SourceFactory.build(doi="", pmid="", url="https://example.org/")
        )
    )

    assert "retracted" not in html.lower()
    assert '<a href="https://example.org/" rel="noopener" target="_blank">' in html
    assert "references__back" not in html


def test_reference_entry_leads_back_to_each_place_that_cites_it():
    html = squash(
        str(reference_entry(2, SourceFactory.build(), ["cite-2-1", "cite-2-2"]))
    )

    assert re.findall(r'<a class="references__back" href="#([^"]+)"', html) == [
        "cite-2-1",
        "cite-2-2",
    ]
    assert 'aria-label="Back to citation 1 of reference 2 in the text">↩</a>' in html
    assert 'aria-label="Back to citation 2 of reference 2 in the text">↩</a>' in html


def test_claim_item_shows_wording_symbol_and_ascending_markers():
    claim_with_sources(
        [StudyType.RCT, StudyType.RCT], wording="Eases <cramps> & tension."
    )
    claim = Claim.objects.with_sources().get()
    numbering = CitationNumbering()
    numbering.count(claim.current_sources[1])  # cited earlier on the page

    html = render_claim(claim, numbering, tag="li", css="product-claims__item")

    assert html.startswith(
        '<li class="claim product-claims__item"><span class="claim__wording">'
        "Eases &lt;cramps&gt; &amp; tension.</span>"
        '<a class="claim__dagger" href="#fda-disclaimer">†'
        '<span class="visually-hidden"> (see the FDA statement)</span></a>'
        '<sup class="cite"><a id="cite-1-1" href="#ref-1"'
    )
    assert html.index('href="#ref-1"') < html.index('href="#ref-2"')
    assert f"Evidence: {claim.evidence_level_label.lower()}" in html


def test_reference_entry_sets_the_journal_in_italics_as_ama_does():
    source = SourceFactory.build(
        authors="Dubray C\nAlloui A\nBardin L\nRock E\nMazur A\nRayssiguier Y\n"
        "Eschalier A",
        title="Magnesium deficiency induces an hyperalgesia",
        container="Neuroreport & <Co>",
        year=1997,
        volume="8",
        issue="6",
        pages="1383-1386",
        doi="10.1097/00001756-199704140-00013",
        pmid="",
    )

    html = squash(str(reference_entry(1, source)))

    assert (
        "Dubray C, Alloui A, Bardin L, et al. Magnesium deficiency induces an "
        "hyperalgesia. <cite>Neuroreport &amp; &lt;Co&gt;</cite>. "
        "1997;8(6):1383-1386. doi:10.1097/00001756-199704140-00013"
    ) in html
    assert source.ama_citation.startswith("Dubray C, Alloui A, Bardin L, et al. ")
