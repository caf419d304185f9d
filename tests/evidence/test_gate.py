"""No claim with an error finding goes live, whatever path publishes it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from evidence.compliance import ComplianceError, public_claims
from evidence.factories import SourceFactory, claim_with_sources, go_live
from evidence.models import Approval, Claim, StudyType
from tests.evidence.conftest import claim_post, claim_url, draft_claim, edit_post

pytestmark = pytest.mark.django_db


def test_revision_publish_in_code_refuses_a_claim_without_sources(editor):
    claim = draft_claim(editor, sources=[])

    with pytest.raises(ComplianceError, match="cites no current source"):
        claim.latest_revision.publish()

    claim.refresh_from_db()
    assert not claim.live


def test_revision_publish_in_code_refuses_a_claim_citing_only_retracted_sources(editor):
    claim = draft_claim(editor, sources=[SourceFactory(retracted=True)])

    with pytest.raises(ComplianceError):
        claim.latest_revision.publish()

    assert not Claim.objects.get().live


def test_revision_publish_in_code_refuses_a_sourced_claim_nobody_approved(editor):
    claim = draft_claim(editor, sources=[SourceFactory()])

    with pytest.raises(ComplianceError, match="no compliance approval"):
        claim.latest_revision.publish()

    assert not Claim.objects.get().live


def test_a_superuser_cannot_publish_a_claim_in_code_either(editor, superuser):
    admin = superuser
    claim = draft_claim(editor, sources=[SourceFactory()])

    with pytest.raises(ComplianceError, match="no compliance approval"):
        claim.latest_revision.publish(user=admin)
    with pytest.raises(ComplianceError, match="no compliance approval"):
        claim.save_revision(user=admin).publish(user=admin)

    assert not Claim.objects.get().live


def test_a_claim_approved_in_review_is_published_and_its_approval_recorded(
    editor, reviewer, workflow
):
    claim = draft_claim(editor, sources=[SourceFactory()])
    workflow.start(claim, editor)

    claim.current_workflow_task_state.specific.approve(user=reviewer)

    claim = Claim.objects.get()
    assert claim.live
    approval = Approval.objects.get()
    assert (approval.approved_by, approval.revision) == (reviewer, claim.live_revision)
    assert public_claims(Claim.objects.with_sources()) == [claim]


def test_scheduled_publish_refuses_a_claim_whose_source_was_retracted_meanwhile(
    editor,
):
    source = SourceFactory()
    claim = draft_claim(editor, sources=[source])
    revision = claim.latest_revision
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    source.retracted = True
    source.save()

    call_command("publish_scheduled", verbosity=0)

    assert not Claim.objects.get().live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    refusal = ModelLogEntry.objects.get(action="evidence.publish.refused")
    assert "cites no current source" in refusal.message


def approved_for_later(claim):
    """Approved in review with a go-live time: scheduled, not yet live; its
    time is then moved into the past, as if it had come."""
    claim.go_live_at = timezone.now() + timedelta(hours=1)
    go_live(claim)
    revision = claim.latest_revision
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()


def test_a_refused_scheduled_claim_does_not_stop_the_others_going_live(editor):
    due = timezone.now() - timedelta(minutes=2)
    retracted = SourceFactory(retracted=True)
    broken = draft_claim(editor, "Magnesium helps muscles relax.", [retracted])
    broken.latest_revision.approved_go_live_at = due
    broken.latest_revision.save()
    fine = draft_claim(editor, "Magnesium helps nerves signal.", [SourceFactory()])
    approved_for_later(fine)

    call_command("publish_scheduled", verbosity=0)

    assert list(Claim.objects.filter(live=True)) == [fine]


def test_scheduled_publish_makes_an_approved_claim_live(editor):
    claim = draft_claim(editor, sources=[SourceFactory()])
    approved_for_later(claim)
    assert not Claim.objects.get().live

    call_command("publish_scheduled", verbosity=0)

    assert Claim.objects.get().live
    assert public_claims(Claim.objects.with_sources()) == [claim]


def test_scheduled_publish_refuses_a_claim_nobody_approved(editor):
    claim = draft_claim(editor, sources=[SourceFactory()])
    revision = claim.latest_revision
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()

    call_command("publish_scheduled", verbosity=0)

    assert not Claim.objects.get().live
    assert ModelLogEntry.objects.filter(action="evidence.publish.refused").exists()


def test_admin_publish_without_sources_is_refused_with_the_error_on_the_form(
    client, superuser
):
    client.force_login(superuser)

    response = client.post(
        claim_url("add"),
        claim_post("Supports normal muscle function.", [], "action-publish"),
    )

    assert response.status_code == 200
    assert "cites no current source" in response.content.decode()
    assert not Claim.objects.filter(live=True).exists()


def test_admin_publish_by_a_superuser_is_refused_even_with_a_source(client, superuser):
    client.force_login(superuser)

    response = client.post(
        claim_url("add"),
        claim_post(
            "Supports normal muscle function.", [SourceFactory()], "action-publish"
        ),
    )

    assert response.status_code == 200
    assert "only through compliance review" in response.content.decode()
    assert not Claim.objects.filter(live=True).exists()


def test_admin_publish_of_an_edit_that_removes_every_source_is_refused(
    client, superuser
):
    claim = claim_with_sources()
    claim.save_revision(user=superuser).publish()
    client.force_login(superuser)
    data = claim_post(claim.wording, [], "action-publish")
    data["cited_sources-INITIAL_FORMS"] = "0"

    response = client.post(claim_url("edit", claim), data)

    assert "cites no current source" in response.content.decode()
    assert Claim.objects.get().cited_sources.count() == 1


def test_saving_a_draft_without_sources_is_allowed_and_shows_the_findings(
    client, editor
):
    client.force_login(editor)

    response = client.post(
        claim_url("add"), claim_post("Magnesium cures migraine.", []), follow=True
    )

    claim = Claim.objects.get()
    assert not claim.live
    messages = [str(m) for m in response.context["messages"]]
    assert any("cites no current source" in m for m in messages)
    assert any("disease claim" in m for m in messages)


def test_submitting_for_review_without_sources_is_refused(client, editor, workflow):
    client.force_login(editor)

    response = client.post(
        claim_url("add"),
        claim_post("Supports normal muscle function.", [], "action-submit"),
    )

    assert response.status_code == 200
    assert "cites no current source" in response.content.decode()
    assert not Claim.objects.exists()


def test_submitting_for_review_with_a_source_starts_the_compliance_review(
    client, editor, workflow
):
    client.force_login(editor)

    client.post(
        claim_url("add"),
        claim_post(
            "Supports normal muscle function.", [SourceFactory()], "action-submit"
        ),
    )

    claim = Claim.objects.get()
    assert claim.workflow_in_progress
    assert claim.current_workflow_task.name == "Compliance review"
    assert not claim.live


def test_snippets_offer_no_bulk_publish_action():
    from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

    actions = {cls.action_type for cls in SnippetBulkAction.__subclasses__()}

    # Only "delete" exists for snippets; if Wagtail adds "publish", it goes
    # through DraftStateMixin.publish and so through the gate.
    assert "publish" not in actions


def test_retracting_the_only_source_takes_the_claim_out_of_public_view(editor):
    source = SourceFactory()
    claim = draft_claim(editor, sources=[source])
    go_live(claim)
    assert public_claims(Claim.objects.with_sources()) == [claim]

    source.retracted = True
    source.save()

    assert public_claims(Claim.objects.with_sources()) == []


def test_retracting_any_cited_source_sends_the_claim_back_to_review(editor):
    retracted, current = SourceFactory(), SourceFactory()
    claim = draft_claim(editor, sources=[retracted, current])
    go_live(claim)

    retracted.retracted = True
    retracted.save()

    assert public_claims(Claim.objects.with_sources()) == []
    go_live(Claim.objects.get())  # approved again, resting on the current source
    assert public_claims(Claim.objects.with_sources()) == [claim]


def test_editing_an_approved_claim_keeps_the_approved_wording_live(
    client, editor, workflow
):
    claim = claim_with_sources([StudyType.SYSTEMATIC_REVIEW], wording="Approved words.")
    client.force_login(editor)
    response = client.post(
        claim_url("edit", claim), edit_post(claim, "New unreviewed words.")
    )

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.wording == "Approved words."
    assert claim.get_latest_revision_as_object().wording == "New unreviewed words."
    assert [c.wording for c in public_claims(Claim.objects.with_sources())] == [
        "Approved words."
    ]
