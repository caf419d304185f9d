"""A claim cites each source once and a page attaches each claim once: a
repeat is a form error on the field (and the database refuses one that goes
around the form); the evidence level counts distinct sources."""

import pytest
from django.db import IntegrityError, transaction

from evidence.factories import SourceFactory
from evidence.models import Claim, ClaimSource, Direction, EvidenceLevel, StudyType
from tests.evidence.conftest import claim_post, claim_url, draft_claim, make_user

pytestmark = pytest.mark.django_db

ALREADY_CITED = "This source is already cited in this claim."


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user("ed", "Editors"))
    return client


def field_errors(response, prefix, field):
    formset = response.context["form"].formsets[prefix]
    return [form.errors.get(field, []) for form in formset.forms]


def test_citing_the_same_source_twice_is_an_error_on_the_second_row(editor_client):
    trial = SourceFactory(study_type=StudyType.RCT)

    response = editor_client.post(
        claim_url("add"), claim_post("Magnesium supports muscles.", [trial, trial])
    )

    errors = field_errors(response, "cited_sources", "source")
    assert response.status_code == 200
    assert errors[0] == []
    assert ALREADY_CITED in errors[1][0]
    assert not Claim.objects.exists()


def response_error(response):
    return field_errors(response, "cited_sources", "source")[1][0]


def test_a_repeat_added_in_the_edit_view_is_refused_and_nothing_is_saved(
    editor_client,
):
    trial = SourceFactory(study_type=StudyType.RCT)
    claim = draft_claim(make_user("author"), sources=[trial])
    revisions = claim.revisions.count()
    row = claim.cited_sources.get()
    data = claim_post(claim.wording, [trial, trial])
    data.update({"cited_sources-INITIAL_FORMS": "1", "cited_sources-0-id": row.pk})

    response = editor_client.post(claim_url("edit", claim), data)

    assert response.status_code == 200
    assert ALREADY_CITED in response_error(response)
    assert claim.revisions.count() == revisions
    assert claim.cited_sources.count() == 1


def test_a_source_removed_and_chosen_again_in_one_save_is_one_citation(editor_client):
    trial = SourceFactory()
    claim = draft_claim(make_user("author"), sources=[trial])
    row = claim.cited_sources.get()
    data = claim_post(claim.wording, [trial, trial])
    data.update(
        {
            "cited_sources-INITIAL_FORMS": "1",
            "cited_sources-0-id": row.pk,
            "cited_sources-0-DELETE": "1",
        }
    )

    response = editor_client.post(claim_url("edit", claim), data)

    assert response.status_code == 302
    draft = claim.get_latest_revision_as_object()
    assert [row.source for row in draft.cited_sources.all()] == [trial]


def test_the_database_refuses_a_second_citation_of_the_same_source():
    trial = SourceFactory()
    claim = draft_claim(make_user("author"), sources=[trial])

    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimSource.objects.create(claim=claim, source=trial, sort_order=1)


def test_the_evidence_level_counts_a_trial_cited_twice_once():
    trial = SourceFactory(study_type=StudyType.RCT)
    claim = Claim(wording="Magnesium supports muscles.")
    claim.cited_sources = [
        ClaimSource(source=trial, direction=Direction.SUPPORTS),
        ClaimSource(source=trial, direction=Direction.SUPPORTS),
    ]

    assert claim.current_sources == [trial]
    assert claim.evidence_level == EvidenceLevel.MODERATE  # two trials: strong


def test_a_draft_saved_with_a_repeated_source_is_read_with_it_once():
    trial = SourceFactory(study_type=StudyType.RCT)
    claim = draft_claim(make_user("author"), sources=[trial])
    revision = claim.get_latest_revision()
    rows = revision.content["cited_sources"]
    revision.content["cited_sources"] = [*rows, {**rows[0], "pk": None}]
    revision.save(update_fields=["content"])

    draft = claim.get_latest_revision_as_object()

    assert [row.source for row in draft.cited_sources.all()] == [trial]
    assert draft.evidence_level == EvidenceLevel.MODERATE
