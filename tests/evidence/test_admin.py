"""The evidence admin: source validation, listings and the compliance report."""

import pytest
from django.urls import reverse
from django.utils import timezone

from evidence.factories import ClaimFactory, SourceFactory, claim_with_sources
from evidence.models import Source, StudyType
from tests.evidence.conftest import draft_claim

pytestmark = pytest.mark.django_db

ADD_SOURCE = "wagtailsnippets_evidence_source:add"


def source_form(**overrides):
    data = {
        "doi": "",
        "pmid": "",
        "url": "",
        "authors": "Shin HJ",
        "title": "Magnesium and Pain",
        "container": "Nutrients",
        "year": "2020",
        "volume": "",
        "issue": "",
        "pages": "",
        "study_type": StudyType.NARRATIVE_REVIEW,
        "population": "",
        "sample_size": "",
        "retraction_note": "",
        "retracted_on": "",
    }
    return {**data, **overrides}


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_a_pasted_doi_link_is_stored_as_a_bare_lowercase_doi(editor_client):
    editor_client.post(
        reverse(ADD_SOURCE), source_form(doi="https://doi.org/10.3390/NU12082184")
    )

    assert Source.objects.get().doi == "10.3390/nu12082184"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"doi": "nu12082184"}, "is not a DOI"),
        ({"pmid": "PMID32718032"}, "A PMID is digits only"),
        ({}, "Give at least one of DOI, PMID or URL."),
        ({"doi": "10.1/x", "year": "2999"}, "The year cannot be in the future."),
    ],
)
def test_invalid_identifiers_are_refused_on_the_field(editor_client, fields, message):
    response = editor_client.post(reverse(ADD_SOURCE), source_form(**fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Source.objects.exists()


def test_a_duplicate_doi_is_refused_naming_the_existing_source(editor_client):
    existing = SourceFactory(doi="10.3390/nu12082184", title="Magnesium and Pain")

    response = editor_client.post(
        reverse(ADD_SOURCE), source_form(doi="doi:10.3390/NU12082184")
    )

    assert f"Another source already has this DOI: “{existing}”" in (
        response.content.decode()
    )
    assert Source.objects.count() == 1


def test_claims_listing_shows_evidence_level_and_number_of_sources(editor_client):
    claim_with_sources(
        [StudyType.SYSTEMATIC_REVIEW, StudyType.RCT], wording="Strong claim."
    )

    page = editor_client.get(reverse("wagtailsnippets_evidence_claim:list")).content
    page = page.decode()

    assert "Strong claim." in page
    assert "Strong" in page
    assert ">2<" in "".join(page.split())


def test_claims_listing_filters_by_status(editor_client, editor, workflow):
    claim_with_sources(wording="A live claim.")
    draft_claim(editor, "A draft claim.")
    in_review = draft_claim(editor, "A claim in review.", [SourceFactory()])
    workflow.start(in_review, editor)
    url = reverse("wagtailsnippets_evidence_claim:list")

    drafts = editor_client.get(url, {"status": "draft"}).content.decode()
    review = editor_client.get(url, {"status": "in_review"}).content.decode()

    assert "A draft claim." in drafts and "A live claim." not in drafts
    assert "A claim in review." in review and "A draft claim." not in review


def test_compliance_report_filters_by_state_and_exports_csv(client, reviewer):
    claim_with_sources([StudyType.ANIMAL], wording="Weak claim.")
    claim_with_sources([StudyType.RCT], wording="Solid claim.")
    ClaimFactory(wording="Blocked claim.")
    retracted = claim_with_sources(wording="Retracted claim.")
    Source.objects.filter(claim_citations__claim=retracted).update(
        retracted=True, retracted_on=timezone.now().date()
    )
    client.force_login(reviewer)
    url = reverse("evidence_compliance_report")

    weak = client.get(url, {"state": "weak_evidence"}).content.decode()
    blocked = client.get(url, {"state": "blocked"}).content.decode()
    export = client.get(url, {"export": "csv"})
    csv = b"".join(export.streaming_content).decode()

    assert "Weak claim." in weak and "Solid claim." not in weak
    assert "Blocked claim." in blocked and "Retracted claim." in blocked
    assert "Solid claim." not in blocked
    assert "Cites a retracted source" in csv
    assert "no-source" in csv


def test_reviewer_inspects_the_revision_in_review_beside_its_sources(
    client, editor, reviewer, workflow
):
    source = SourceFactory(title="Magnesium in man", study_type=StudyType.ANIMAL)
    claim = draft_claim(editor, "Words under review.", sources=[source])
    workflow.start(claim, editor)
    client.force_login(reviewer)

    url = reverse("wagtailsnippets_evidence_claim:inspect", args=[claim.pk])
    page = client.get(url).content.decode()

    assert "Words under review." in page
    assert "Magnesium in man" in page
    assert f'href="{source.link}"' in page
    assert "weak-evidence" in page
