"""What the editor reads is what happened: each claim's status in the list
(and a filter by it), one message per save, the reason for requested
changes at the top of the editor, and "Retracted" as a flag."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evidence.factories import SourceFactory, claim_with_sources
from evidence.models import Claim
from evidence.status import ReviewStatus, review_status, with_review_status
from tests.evidence.conftest import (
    claim_post,
    claim_url,
    draft_claim,
    edit_post,
)

pytestmark = pytest.mark.django_db

CLAIMS = reverse("wagtailsnippets_evidence_claim:list")
REASON = "Quote the table that shows the effect on cramps."


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def claims_in_every_state(editor, reviewer, workflow):
    """One claim per status, each reached as people reach it in the admin."""
    live = claim_with_sources(wording="A live claim.")
    draft = draft_claim(editor, "A draft claim.")
    in_review = draft_claim(editor, "A claim in review.", [SourceFactory()])
    workflow.start(in_review, editor)
    sent_back = draft_claim(editor, "A claim sent back.", [SourceFactory()])
    workflow.start(sent_back, editor)
    sent_back.current_workflow_task_state.specific.reject(user=reviewer, comment=REASON)
    rejected = draft_claim(editor, "A rejected claim.", [SourceFactory()])
    workflow.start(rejected, editor)
    rejected.current_workflow_task_state.specific.reject(user=reviewer, comment=REASON)
    Claim.objects.get(pk=rejected.pk).current_workflow_state.cancel(user=editor)
    return {
        ReviewStatus.LIVE: live,
        ReviewStatus.DRAFT: draft,
        ReviewStatus.IN_REVIEW: in_review,
        ReviewStatus.CHANGES_REQUESTED: sent_back,
        ReviewStatus.REJECTED: rejected,
    }


def listed(response):
    return [claim.wording for claim in response.context["object_list"]]


def test_each_claim_has_its_status_read_in_one_query(
    claims_in_every_state, django_assert_num_queries
):
    with django_assert_num_queries(1):
        statuses = {
            claim.wording: claim.review_status
            for claim in with_review_status(Claim.objects.all())
        }

    assert statuses == {
        claim.wording: status for status, claim in claims_in_every_state.items()
    }
    for status, claim in claims_in_every_state.items():
        assert review_status(Claim.objects.get(pk=claim.pk)) == status


@pytest.mark.parametrize("status", list(ReviewStatus))
def test_the_claims_list_filters_by_each_status(
    editor_client, claims_in_every_state, status
):
    response = editor_client.get(CLAIMS, {"status": status.value})

    assert listed(response) == [claims_in_every_state[status].wording]


def test_the_claims_list_shows_a_status_column(editor_client, claims_in_every_state):
    page = editor_client.get(CLAIMS).content.decode()

    rows = page.split("<tr")
    for status, claim in claims_in_every_state.items():
        (row,) = [row for row in rows if claim.wording in row]
        assert status.label in row
    assert any(">Status<" in "".join(row.split()) for row in rows)  # the header


def test_an_unknown_status_in_the_query_is_ignored(
    editor_client, claims_in_every_state
):
    response = editor_client.get(CLAIMS, {"status": "lost"})

    assert response.status_code == 200
    assert len(listed(response)) == len(claims_in_every_state)


def test_a_live_claim_with_a_draft_in_review_says_both(editor_client, editor, workflow):
    claim = claim_with_sources(wording="Live, and edited.")
    claim.wording = "Live, and edited again."
    claim.save_revision(user=editor)
    workflow.start(claim, editor)

    page = editor_client.get(CLAIMS).content.decode()

    assert "In review (approved version live)" in page


def test_the_reason_for_requested_changes_is_at_the_top_of_the_editor(
    editor_client, claims_in_every_state
):
    claim = claims_in_every_state[ReviewStatus.CHANGES_REQUESTED]

    response = editor_client.get(claim_url("edit", claim))

    notes = [m.message for m in get_messages(response.wsgi_request)]
    assert len(notes) == 1
    assert "Changes requested by rev on" in notes[0]
    assert REASON in notes[0]
    assert REASON in response.content.decode()


def test_submitting_a_claim_with_no_source_says_it_was_not_saved_once(editor_client):
    response = editor_client.post(
        claim_url("add"), claim_post("Magnesium supports muscles.", [], "action-submit")
    )

    notes = [m.message for m in get_messages(response.wsgi_request)]
    assert response.status_code == 200
    assert len(notes) == 1
    assert notes[0].startswith("Not saved and not submitted for review")
    assert "could not be created" not in response.content.decode()
    assert not Claim.objects.exists()


def test_submitting_an_autosaved_draft_with_no_source_says_the_draft_is_kept(
    editor_client, editor
):
    claim = draft_claim(editor, "Autosaved wording.")  # as autosave leaves it

    response = editor_client.post(
        claim_url("edit", claim),
        edit_post(claim, "Autosaved wording.", "action-submit"),
    )

    notes = [m.message for m in get_messages(response.wsgi_request)]
    assert len(notes) == 1
    assert notes[0].startswith("Not submitted for review: fix the errors below.")
    assert "Your last saved draft is kept" in notes[0]
    assert Claim.objects.get(pk=claim.pk).current_workflow_state is None


def test_autosaves_add_no_messages_and_the_next_save_shows_one(editor_client, editor):
    claim = draft_claim(editor, "Magnesium cures sciatica.")
    url = claim_url("edit", claim)

    for _ in range(3):
        autosave = editor_client.post(
            url,
            edit_post(claim, "Magnesium cures sciatica."),
            headers={"accept": "application/json"},
        )
        assert autosave.json()["success"] is True
    saved = editor_client.post(url, edit_post(claim, "Magnesium cures sciatica."))

    notes = [m.message for m in get_messages(saved.wsgi_request)]
    assert saved.status_code == 302
    assert len(notes) == 1
    assert "Must be fixed before submitting for review" in notes[0]


def test_a_retracted_source_is_flagged_in_the_sources_list(editor_client):
    SourceFactory(title="Withdrawn trial", retracted=True, retracted_on=timezone.now())
    SourceFactory(title="Sound trial")

    page = editor_client.get(reverse("wagtailsnippets_evidence_source:list"))
    text = page.content.decode()

    assert "Retracted on" in text
    assert text.count("w-status--primary") == 1
    assert "False" not in text


def listing_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_claims_list_reads_statuses_without_a_query_per_claim(
    editor_client, editor, workflow
):
    for number in range(2):
        claim_with_sources(wording=f"Live claim {number}.")
    few = listing_queries(editor_client, CLAIMS)
    for number in range(4):
        in_review = draft_claim(editor, f"Claim {number} in review.", [SourceFactory()])
        workflow.start(in_review, editor)
        claim_with_sources(wording=f"Another live claim {number}.")

    assert listing_queries(editor_client, CLAIMS) <= few
