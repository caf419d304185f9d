import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from evidence.models import Claim, ClaimSource
from evidence.workflows import ensure_compliance_workflow


def make_user(username, group=None, **kwargs):
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.com", **kwargs
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_user("ed", "Editors")


@pytest.fixture
def reviewer(db):
    return make_user("rev", "Compliance reviewers")


@pytest.fixture
def superuser(db):
    return make_user("boss", is_superuser=True, is_staff=True)


@pytest.fixture
def workflow(db):
    return ensure_compliance_workflow()


def claim_url(action, claim=None):
    name = f"wagtailsnippets_evidence_claim:{action}"
    return reverse(name, args=[claim.pk]) if claim else reverse(name)


# What an editor records of each citation's finding in these posts: a
# study of healthy people that found a benefit.
POSTED_FINDING = {"direction": "supports", "population_kind": "healthy"}


def claim_post(wording, sources=(), action=None, kind="structure_function"):
    """The claim editor's POST data, as the browser sends it."""
    data = nested_form_data(
        {
            "wording": wording,
            "kind": kind,
            "min_daily_elemental_mg": "",
            "cited_sources": inline_formset(
                [
                    {"source": source.pk, "locator": "p. 3", **POSTED_FINDING}
                    for source in sources
                ]
            ),
        }
    )
    if action:
        data[action] = action
    return data


def draft_claim(user, wording="Magnesium supports normal muscle function.", sources=()):
    """A claim created as a draft revision by ``user``, as the admin does."""
    claim = Claim(wording=wording, live=False)
    claim.save()
    for source in sources:
        claim.cited_sources.add(
            ClaimSource(source=source, locator="p. 1", **POSTED_FINDING)
        )
    claim.save()
    claim.save_revision(user=user)
    return claim


def edit_post(claim, wording, action=None):
    """The editor's POST data for ``claim`` keeping its cited sources."""
    rows = list(claim.cited_sources.all())
    data = claim_post(wording, [row.source for row in rows], action)
    data["cited_sources-INITIAL_FORMS"] = str(len(rows))
    for index, row in enumerate(rows):
        data[f"cited_sources-{index}-id"] = row.pk
        data[f"cited_sources-{index}-locator"] = row.locator
        data[f"cited_sources-{index}-direction"] = row.direction
        data[f"cited_sources-{index}-population_kind"] = row.population_kind
    return data
