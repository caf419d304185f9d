"""The compliance review task: approve, reject, and what each refuses."""

import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowState

from evidence.compliance import ComplianceError
from evidence.factories import SourceFactory
from evidence.models import Claim, ReviewRefused, StudyType
from tests.evidence.conftest import claim_url, draft_claim, edit_post, make_user

pytestmark = pytest.mark.django_db


def submit(claim, user, workflow):
    workflow.start(claim, user)
    claim.refresh_from_db()
    return claim.current_workflow_task_state.specific


def workflow_logs(claim, action):
    return ModelLogEntry.objects.for_instance(claim).filter(action=action)


def test_approval_publishes_the_claim_and_logs_who_and_which_revision(
    editor, reviewer, workflow
):
    claim = draft_claim(editor, sources=[SourceFactory(study_type=StudyType.RCT)])
    task_state = submit(claim, editor, workflow)

    task_state.approve(user=reviewer, comment="Wording matches the trial.")

    claim = Claim.objects.get()
    assert claim.live
    entry = workflow_logs(claim, "wagtail.workflow.approve").get()
    assert entry.user == reviewer
    assert entry.revision == task_state.revision
    assert entry.data["comment"] == "Wording matches the trial."
    assert workflow_logs(claim, "wagtail.publish").exists()


def test_approval_is_refused_while_the_revision_has_errors(editor, reviewer, workflow):
    source = SourceFactory()
    claim = draft_claim(editor, sources=[source])
    task_state = submit(claim, editor, workflow)
    source.retracted = True
    source.save()

    with pytest.raises(ReviewRefused, match="cites no current source"):
        task_state.approve(user=reviewer)

    assert not Claim.objects.get().live
    assert claim.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_approval_with_warnings_requires_a_written_acknowledgement(
    editor, reviewer, workflow
):
    animal_only = SourceFactory(study_type=StudyType.ANIMAL)
    claim = draft_claim(editor, sources=[animal_only])
    task_state = submit(claim, editor, workflow)

    with pytest.raises(ReviewRefused, match="weak-evidence"):
        task_state.approve(user=reviewer)
    assert not Claim.objects.get().live

    task_state.approve(user=reviewer, acknowledgement="Shown with a limited badge.")

    assert Claim.objects.get().live
    comment = workflow_logs(claim, "wagtail.workflow.approve").get().data["comment"]
    assert "weak-evidence" in comment
    assert "Shown with a limited badge." in comment


def test_nobody_approves_a_revision_they_wrote(superuser, workflow):
    claim = draft_claim(superuser, sources=[SourceFactory()])
    task_state = submit(claim, superuser, workflow)

    with pytest.raises(ReviewRefused, match="someone else"):
        task_state.approve(user=superuser)

    assert not Claim.objects.get().live


def test_rejection_requires_a_reason_and_logs_it(editor, reviewer, workflow):
    claim = draft_claim(editor, sources=[SourceFactory()])
    task_state = submit(claim, editor, workflow)

    with pytest.raises(ReviewRefused, match="reason"):
        task_state.reject(user=reviewer, comment="  ")

    task_state.reject(user=reviewer, comment="Say 'supports', not 'relieves'.")

    claim.refresh_from_db()
    assert claim.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    entry = workflow_logs(claim, "wagtail.workflow.reject").get()
    assert entry.user == reviewer
    assert entry.data["comment"] == "Say 'supports', not 'relieves'."


def test_submission_is_logged_with_the_submitter(editor, workflow):
    claim = draft_claim(editor, sources=[SourceFactory()])

    submit(claim, editor, workflow)

    assert workflow_logs(claim, "wagtail.workflow.start").get().user == editor


# Through the admin -----------------------------------------------------------


def action_url(claim, action, task_state):
    return reverse(
        "wagtailsnippets_evidence_claim:workflow_action",
        args=[claim.pk, action, task_state.pk],
    )


def test_reviewer_rejecting_in_the_admin_without_a_reason_changes_nothing(
    client, editor, reviewer, workflow
):
    claim = draft_claim(editor, sources=[SourceFactory()])
    task_state = submit(claim, editor, workflow)
    client.force_login(reviewer)

    response = client.post(
        action_url(claim, "reject", task_state),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert "This field is required" in json.loads(response.content)["html"]
    claim.refresh_from_db()
    assert claim.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_reviewer_approves_in_the_admin_with_an_acknowledgement(
    client, editor, reviewer, workflow
):
    claim = draft_claim(
        editor,
        "Magnesium eases migraine.",
        sources=[SourceFactory(study_type=StudyType.SYSTEMATIC_REVIEW)],
    )
    task_state = submit(claim, editor, workflow)
    client.force_login(reviewer)

    client.post(
        action_url(claim, "approve", task_state),
        {"comment": "", "acknowledgement": "Legal agreed this wording for the EU."},
    )

    assert Claim.objects.get().live
    comment = workflow_logs(claim, "wagtail.workflow.approve").get().data["comment"]
    assert "Legal agreed" in comment


def test_reviewer_approving_in_the_editor_without_acknowledgement_sees_why(
    client, editor, reviewer, workflow
):
    source = SourceFactory(study_type=StudyType.ANIMAL)
    claim = draft_claim(editor, sources=[source])
    submit(claim, editor, workflow)
    client.force_login(reviewer)
    data = edit_post(claim, claim.wording)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": ""}),
        }
    )

    response = client.post(claim_url("edit", claim), data, follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert any("warnings (weak-evidence)" in m for m in messages)
    assert not Claim.objects.get().live


def test_second_reviewer_is_not_refused_for_someone_elses_revision(
    editor, reviewer, workflow
):
    other = make_user("rev2", "Compliance reviewers")
    claim = draft_claim(editor, sources=[SourceFactory()])
    task_state = submit(claim, editor, workflow)

    task_state.approve(user=other)

    assert Claim.objects.get().live


def test_self_approval_from_the_dashboard_is_refused_with_a_message(
    client, superuser, workflow
):
    claim = draft_claim(superuser, sources=[SourceFactory()])
    task_state = submit(claim, superuser, workflow)
    client.force_login(superuser)

    response = client.post(
        action_url(claim, "approve", task_state),
        {"comment": "", "acknowledgement": ""},
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert any("someone else must review it" in m for m in messages)
    assert not Claim.objects.get().live


def test_a_reviewer_who_changed_the_claim_during_review_cannot_approve_it(
    client, editor, superuser, workflow
):
    claim = draft_claim(editor, "Submitted words.", sources=[SourceFactory()])
    task_state = submit(claim, editor, workflow)
    client.force_login(superuser)
    client.post(claim_url("edit", claim), edit_post(claim, "Words changed in review."))

    with pytest.raises(ReviewRefused, match="someone else"):
        task_state.approve(user=superuser)

    assert not Claim.objects.get().live


def test_saving_unchanged_during_review_does_not_block_approval(
    client, editor, superuser, workflow
):
    claim = draft_claim(editor, "Submitted words.", sources=[SourceFactory()])
    task_state = submit(claim, editor, workflow)
    client.force_login(superuser)
    client.post(claim_url("edit", claim), edit_post(claim, "Submitted words."))

    task_state.approve(user=superuser)

    assert Claim.objects.get().live


def test_withdrawing_a_claim_is_logged_with_who_did_it(
    editor, reviewer, superuser, workflow
):
    claim = draft_claim(editor, sources=[SourceFactory()])
    submit(claim, editor, workflow).approve(user=reviewer)
    claim = Claim.objects.get()

    claim.unpublish(user=superuser)

    assert not Claim.objects.get().live
    assert workflow_logs(claim, "wagtail.unpublish").get().user == superuser


def test_reviewer_approves_from_the_editor_and_the_claim_goes_live(
    client, editor, reviewer, workflow
):
    claim = draft_claim(editor, "Submitted words.", sources=[SourceFactory()])
    submit(claim, editor, workflow)
    client.force_login(reviewer)
    data = edit_post(claim, "Submitted words.")
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "Fine."}),
        }
    )

    client.post(claim_url("edit", claim), data)

    claim = Claim.objects.get()
    assert claim.live
    assert claim.wording == "Submitted words."


def test_an_approval_does_not_let_the_reviewer_publish_later_changes(
    editor, reviewer, workflow
):
    claim = draft_claim(editor, "Approved words.", sources=[SourceFactory()])
    submit(claim, editor, workflow).approve(user=reviewer)
    claim = Claim.objects.get()
    claim.wording = "Unreviewed words."
    later = claim.save_revision(user=editor)

    with pytest.raises(ComplianceError, match="no compliance approval"):
        later.publish(user=reviewer)

    assert Claim.objects.get().wording == "Approved words."
