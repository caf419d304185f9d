"""Taking content live the only way there is: through compliance review.

Demo content, data loaders and test factories use ``publish_with_review``;
it does what an editor and a reviewer do in the admin (save a revision,
submit it to the Compliance review workflow, approve it as another person),
so the approval is recorded and every rule of the review task applies.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from evidence.roles import REVIEWERS


class NotUnderReview(Exception):
    """The object has no Compliance review workflow to submit it to."""


@transaction.atomic
def publish_with_review(
    obj,
    editor,
    reviewer,
    acknowledgement="",
    comment="",
    medical_reviewer=None,
    reviewed_on=None,
):
    """Submit ``obj`` as it stands as ``editor`` and approve it as
    ``reviewer``, which publishes it; an article's medical review is signed
    first by ``medical_reviewer`` (by default one made for the purpose),
    dated ``reviewed_on`` (by default today). Raises what a review task
    raises (``ReviewRefused``) when the rules do not allow the approval."""
    from evidence.models import ComplianceTaskState

    revision = obj.save_revision(user=editor, log_action=True)
    workflow = obj.get_workflow()
    if workflow is None:
        raise NotUnderReview(f"{obj} is not under compliance review.")
    if (state := obj.current_workflow_state) is not None:
        state.cancel(user=editor)
    workflow.start(obj, editor)
    # Each step of the workflow in turn: an article's signed medical review,
    # then compliance review, whose approval publishes.
    while (task_state := fresh(obj).current_workflow_task_state) is not None:
        if isinstance(task_state, ComplianceTaskState):
            task_state.approve(
                user=reviewer, comment=comment, acknowledgement=acknowledgement
            )
        else:
            task_state.approve(
                user=medical_reviewer or medical_reviewer_for(reviewer),
                comment=comment,
                reviewed_on=reviewed_on,
            )
    obj.refresh_from_db()
    return revision


def fresh(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def medical_reviewer_for(reviewer):
    """A medical reviewer (made on first use, with a public profile) to sign
    the medical step for loaders and tests."""
    from articles.models import Person
    from articles.workflows import MEDICAL_REVIEWERS

    User = get_user_model()
    medic, created = User.objects.get_or_create(username=f"{reviewer.username}-medic")
    if created:
        medic.groups.add(Group.objects.get_or_create(name=MEDICAL_REVIEWERS)[0])
    Person.objects.get_or_create(
        user=medic, defaults={"name": "Dr Test Reviewer", "credentials": "MD"}
    )
    return medic


def review_users(prefix="review"):
    """An editor and a compliance reviewer (made on first use) for loaders
    and tests that need two different people."""
    User = get_user_model()
    editor, _ = User.objects.get_or_create(username=f"{prefix}-editor")
    reviewer, created = User.objects.get_or_create(username=f"{prefix}-reviewer")
    if created:
        reviewer.groups.add(Group.objects.get_or_create(name=REVIEWERS)[0])
    return editor, reviewer


DEMO_ACKNOWLEDGEMENT = (
    "Demo content: any disease words stand in cited, educational sentences "
    "or in warnings, not in benefit statements."
)


def publish_demo(obj):
    """Publish demo content as the demo editor writes and the demo reviewer
    approves it."""
    User = get_user_model()
    publish_with_review(
        obj,
        User.objects.get(username="editor"),
        User.objects.get(username="reviewer"),
        acknowledgement=DEMO_ACKNOWLEDGEMENT,
        comment="Checked against the cited sources.",
    )


# Periodic review ---------------------------------------------------------------

REAFFIRMED = "evidence.claim.reaffirmed"
REREVIEW_STARTED = "evidence.rereview.started"


def is_reviewer(user):
    return user.is_superuser or user.groups.filter(name=REVIEWERS).exists()


@transaction.atomic
def reaffirm(claim, reviewer, note=""):
    """A reviewer checked a live claim and its evidence again and it stands:
    a new approval of exactly what is live (the wording does not change),
    due for review again a year on. Refused (``ReviewRefused``) for someone
    who is not a reviewer, for the author of the live revision, for a claim
    not shown as it stands, with errors, or with warnings but no note."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.log_actions import log

    from evidence import compliance
    from evidence.models import Approval, Claim, ReviewRefused

    if not is_reviewer(reviewer):
        raise ReviewRefused("Only a compliance reviewer can re-affirm a claim.")
    claim = Claim.objects.with_sources().get(pk=claim.pk)
    revision = claim.live_revision
    if not claim.live or not compliance.public_claims([claim]):
        raise ReviewRefused(
            "This claim is not shown as it stands: it needs a full review, "
            "not a re-affirmation."
        )
    if revision is not None and revision.user_id == reviewer.pk:
        raise ReviewRefused("You wrote this claim, so someone else must re-affirm it.")
    findings = compliance.check(claim)
    if found := compliance.errors(findings):
        raise ReviewRefused(" ".join(f.message for f in found))
    note = (note or "").strip()
    if compliance.warnings(findings) and not note:
        codes = ", ".join(sorted({f.code for f in compliance.warnings(findings)}))
        raise ReviewRefused(
            f"This claim has warnings ({codes}). Write why it still stands."
        )
    approval = Approval.objects.create(
        content_type=ContentType.objects.get_for_model(Claim),
        object_id=claim.pk,
        revision=revision,
        fingerprint=compliance.fingerprint(claim),
        approved_by=reviewer,
        acknowledgement=note,
    )
    log(
        instance=claim,
        action=REAFFIRMED,
        user=reviewer,
        revision=revision,
        data={"note": note, "review_due_on": str(approval.review_due_on)},
    )
    return approval


def start_rereview(obj, because, user=None):
    """Put ``obj`` (a claim or page) in the compliance review queue again,
    unless a review of it is under way already; written in the audit log
    either way. Returns whether a review was started."""
    from wagtail.log_actions import log

    workflow = obj.get_workflow()
    started = False
    if workflow is not None and obj.current_workflow_state is None:
        if obj.latest_revision is None:
            obj.save_revision(user=user)
        workflow.start(obj, user)
        started = True
    log(instance=obj, action=REREVIEW_STARTED, user=user, data={"reason": because})
    return started
