"""Periodic review of claims: a review date per approval, the claims due or
overdue in the compliance report, and a reviewer's re-affirmation."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from evidence import compliance
from evidence.factories import approved_claim
from evidence.models import Approval, Claim, review_due_after
from evidence.review import REAFFIRMED, review_users

pytestmark = pytest.mark.django_db

REPORT = reverse("evidence_compliance_report")


def reaffirm_url(claim):
    return reverse("evidence_reaffirm_claim", args=[claim.pk])


def latest_approval(claim):
    return Approval.objects.filter(object_id=claim.pk, revoked_at__isnull=True).first()


def test_an_approval_falls_due_for_review_twelve_months_on():
    claim = approved_claim()

    approval = latest_approval(claim)

    assert approval.review_due_on == review_due_after(approval.approved_at)
    assert (approval.review_due_on - timezone.localdate()).days in (365, 366)


def test_review_dates_keep_to_the_month_end():
    assert review_due_after(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)
    assert review_due_after(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)


def test_the_report_lists_claims_due_and_overdue(client, reviewer):
    overdue, due, later = approved_claim(), approved_claim(), approved_claim()
    today = timezone.localdate()
    Approval.objects.filter(object_id=overdue.pk).update(
        review_due_on=today - timedelta(days=3)
    )
    Approval.objects.filter(object_id=due.pk).update(
        review_due_on=today + timedelta(days=10)
    )
    client.force_login(reviewer)

    overdue_page = client.get(REPORT, {"state": "review_overdue"}).content.decode()
    due_page = client.get(REPORT, {"state": "review_due"}).content.decode()

    assert overdue.wording in overdue_page
    assert due.wording not in overdue_page and later.wording not in overdue_page
    assert due.wording in due_page
    assert overdue.wording not in due_page and later.wording not in due_page
    assert "Periodic review overdue" in overdue_page
    assert reaffirm_url(overdue) in overdue_page


def test_a_reviewer_reaffirms_a_claim_without_changing_its_wording(client, reviewer):
    claim = approved_claim()
    Approval.objects.filter(object_id=claim.pk).update(
        review_due_on=timezone.localdate() - timedelta(days=1)
    )
    before = latest_approval(claim)
    client.force_login(reviewer)

    page = client.get(reaffirm_url(claim)).content.decode()
    response = client.post(reaffirm_url(claim), {"note": "Read both trials again."})

    assert claim.wording in page
    assert response.status_code == 302
    after = latest_approval(claim)
    assert after.pk != before.pk
    assert after.fingerprint == before.fingerprint
    assert after.approved_by == reviewer
    assert after.review_due_on == review_due_after(timezone.now())
    assert Claim.objects.get(pk=claim.pk).wording == claim.wording
    entry = ModelLogEntry.objects.for_instance(claim).get(action=REAFFIRMED)
    assert entry.user == reviewer
    assert entry.data["note"] == "Read both trials again."
    assert compliance.public_claims(Claim.objects.with_sources().filter(pk=claim.pk))


def test_only_another_reviewer_may_reaffirm(client, editor):
    claim = approved_claim()
    _, author_reviewer = review_users("factory")
    count = Approval.objects.count()

    client.force_login(editor)
    refused = client.post(reaffirm_url(claim), {"note": "x"})
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert Approval.objects.count() == count

    # The reviewer who approved is allowed; the editor who wrote it is not,
    # even when made a reviewer.
    author, _ = review_users("factory")
    author.groups.add(*author_reviewer.groups.all())
    client.force_login(author)
    response = client.post(reaffirm_url(claim), {"note": "x"})
    assert response.status_code == 200
    assert "someone else must re-affirm" in response.content.decode()
    assert Approval.objects.count() == count


def test_a_claim_not_shown_as_it_stands_cannot_be_reaffirmed(client, reviewer):
    claim = approved_claim()
    source = claim.cited_sources.get().source
    source.retracted = True
    source.save()
    client.force_login(reviewer)

    response = client.post(reaffirm_url(claim), {"note": "Looks fine."})

    assert response.status_code == 200
    assert "needs a full review" in response.content.decode()
    assert not latest_approval(claim)
