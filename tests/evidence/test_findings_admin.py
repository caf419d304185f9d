"""Editors record each citation's finding in the claim editor; the grade and
the review screen follow from it."""

import pytest

from evidence.factories import SourceFactory
from evidence.models import Claim, StudyType
from tests.evidence.conftest import claim_post, claim_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_the_claim_editor_offers_the_finding_fields(editor_client):
    page = editor_client.get(claim_url("add")).content.decode()

    for label in (
        "What it found for this claim",
        "Outcome measured",
        "Who was studied",
        "Number of participants",
        "Form of magnesium studied",
        "Daily dose studied",
        "Duration",
        "Quoted passage",
    ):
        assert label in page, label


def test_a_finding_is_saved_with_its_citation_and_graded(editor_client, workflow):
    trial = SourceFactory(study_type=StudyType.RCT)
    data = claim_post("Magnesium supports normal muscle function.", [trial])
    data |= {
        "cited_sources-0-direction": "no_effect",
        "cited_sources-0-outcome": "Cramp frequency",
        "cited_sources-0-population": "Older adults with night cramps",
        "cited_sources-0-population_kind": "condition",
        "cited_sources-0-participants": "94",
        "cited_sources-0-magnesium_form": "citrate",
        "cited_sources-0-daily_dose_mg": "300",
        "cited_sources-0-duration": "6 weeks",
        "cited_sources-0-quote": "No difference from placebo.",
    }

    response = editor_client.post(claim_url("add"), data)

    assert response.status_code == 302
    claim = Claim.objects.get().get_latest_revision_as_object()
    row = claim.cited_sources.all()[0]
    assert (row.direction, row.participants, row.daily_dose_mg) == (
        "no_effect",
        94,
        300,
    )
    assert row.quote == "No difference from placebo."
    assert claim.evidence_level_label == "Not supported"
    inspect = editor_client.get(claim_url("inspect", Claim.objects.get()))
    text = inspect.content.decode()
    assert "Found no clear effect" in text
    assert "94 participants" in text
    assert "No difference from placebo." in text


def test_a_bad_figure_is_a_form_error_and_nothing_is_saved(editor_client, workflow):
    data = claim_post("Magnesium supports normal muscle function.", [SourceFactory()])
    data["cited_sources-0-participants"] = "-4"
    data["cited_sources-0-direction"] = "cures"

    response = editor_client.post(claim_url("add"), data)

    assert response.status_code == 200
    assert not Claim.objects.exists()
