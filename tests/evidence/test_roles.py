"""What editors and compliance reviewers may do, through the real admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from evidence.factories import SourceFactory, claim_with_sources
from evidence.models import Claim, Source
from tests.evidence.conftest import claim_post, claim_url, draft_claim, edit_post

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(
        group.permissions.filter(content_type__app_label="evidence").values_list(
            "codename", flat=True
        )
    )


def test_a_freshly_migrated_database_gives_each_role_its_permissions():
    editors = codenames("Editors")
    reviewers = codenames("Compliance reviewers")

    assert {"add_claim", "change_claim", "add_source", "delete_source"} <= editors
    assert "publish_claim" not in editors
    assert reviewers == {"view_claim", "view_source", "change_source"}


def test_editor_sees_no_publish_button(client, editor):
    claim = draft_claim(editor, sources=[SourceFactory()])
    client.force_login(editor)

    response = client.get(claim_url("edit", claim))

    assert response.status_code == 200
    assert 'name="action-publish"' not in response.content.decode()


def test_editor_posting_publish_is_refused_with_the_reason(client, editor):
    client.force_login(editor)

    response = client.post(
        claim_url("add"),
        claim_post(
            "Supports normal muscle function.", [SourceFactory()], "action-publish"
        ),
    )

    assert "only through compliance review" in response.content.decode()
    assert not Claim.objects.filter(live=True).exists()


def test_reviewer_cannot_change_the_wording_of_a_claim_in_review(
    client, editor, reviewer, workflow
):
    claim = draft_claim(editor, "Original words.", sources=[SourceFactory()])
    workflow.start(claim, editor)
    client.force_login(reviewer)

    response = client.post(
        claim_url("edit", claim), edit_post(claim, "Reviewer's words."), follow=True
    )

    assert "reviewers do not change what they review" in response.content.decode()
    claim.refresh_from_db()
    assert claim.get_latest_revision_as_object().wording == "Original words."


def test_reviewer_cannot_open_the_editor_of_a_claim_not_in_review(client, reviewer):
    claim = claim_with_sources()
    client.force_login(reviewer)

    response = client.get(claim_url("edit", claim))

    assert response.status_code in (302, 403)
    assert Claim.objects.get().wording == claim.wording


def test_editor_is_locked_out_of_a_claim_while_it_is_reviewed(client, editor, workflow):
    claim = draft_claim(editor, "Original words.", sources=[SourceFactory()])
    workflow.start(claim, editor)
    client.force_login(editor)

    client.post(claim_url("edit", claim), edit_post(claim, "Sneaky change."))

    assert (
        Claim.objects.get().get_latest_revision_as_object().wording == "Original words."
    )


def test_deleting_a_cited_source_is_refused_naming_the_claims(client, editor):
    claim = claim_with_sources(wording="Supports normal muscle function.")
    source = claim.cited_sources.get().source
    client.force_login(editor)
    url = reverse("wagtailsnippets_evidence_source:delete", args=[source.pk])

    page = client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert Source.objects.filter(pk=source.pk).exists()
    assert "Supports normal muscle function." in page
    messages = [str(m) for m in response.context["messages"]]
    assert any("“Supports normal muscle function.”" in m for m in messages)


def test_an_uncited_source_can_be_deleted_by_an_editor(client, editor):
    source = SourceFactory()
    client.force_login(editor)

    client.post(reverse("wagtailsnippets_evidence_source:delete", args=[source.pk]))

    assert not Source.objects.exists()


def test_compliance_report_is_for_reviewers_not_editors(client, editor, reviewer):
    claim_with_sources(wording="Supports normal muscle function.")
    url = reverse("evidence_compliance_report")

    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)

    client.force_login(reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert "Supports normal muscle function." in response.content.decode()


def test_bulk_deleting_a_cited_source_leaves_it_in_place(client, editor):
    claim = claim_with_sources(wording="Supports normal muscle function.")
    source = claim.cited_sources.get().source
    client.force_login(editor)

    response = client.post(
        f"/admin/bulk/evidence/source/delete/?id={source.pk}", follow=True
    )

    assert response.status_code == 200
    assert Source.objects.filter(pk=source.pk).exists()
