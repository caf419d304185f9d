"""Two people editing the same thing: the one who saves a stale form is
refused with a message, and the other person's saved change is kept."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from articles.blocks import RICH_TEXT_FEATURES
from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from evidence.factories import SourceFactory
from evidence.models import Claim, Source
from tests.articles.conftest import paragraph
from tests.articles.test_admin import edit_form
from tests.evidence.conftest import claim_post, claim_url, draft_claim
from tests.evidence.test_admin import source_form

pytestmark = pytest.mark.django_db

HIDDEN = r'name="{}" value="([^"]*)"'
LOADED = ["loaded_revision_id", "loaded_revision_created_at", "loaded_updated_at"]


def open_editor(client, url):
    """What the browser will post back from the edit page it loaded."""
    html = client.get(url).content.decode()
    found = {name: re.search(HIDDEN.format(name), html) for name in LOADED}
    return {name: match.group(1) for name, match in found.items() if match}


def refused(response):
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    return response.status_code == 302 and any("Not saved" in m for m in messages)


def test_a_stale_claim_form_is_refused_and_the_other_change_kept(
    admin_client, admin_user
):
    claim = draft_claim(admin_user)
    url = claim_url("edit", claim)
    first = open_editor(admin_client, url)
    second = open_editor(admin_client, url)
    assert first["loaded_revision_id"]

    saved = admin_client.post(url, {**claim_post("Second editor's wording."), **second})
    stale = admin_client.post(url, {**claim_post("First editor's wording."), **first})

    assert saved.status_code == 302 and not refused(saved)
    assert refused(stale)
    latest = Claim.objects.get(pk=claim.pk).get_latest_revision_as_object()
    assert latest.wording == "Second editor's wording."


def test_a_fresh_claim_form_saves(admin_client, admin_user):
    claim = draft_claim(admin_user)
    url = claim_url("edit", claim)
    admin_client.post(
        url, {**claim_post("Changed once."), **open_editor(admin_client, url)}
    )

    response = admin_client.post(
        url, {**claim_post("Changed twice."), **open_editor(admin_client, url)}
    )

    assert not refused(response)
    latest = Claim.objects.get(pk=claim.pk).get_latest_revision_as_object()
    assert latest.wording == "Changed twice."


def test_a_stale_page_form_is_refused_and_the_other_change_kept(admin_client, hubs):
    article = ArticlePageFactory(parent=hubs[0], body=[paragraph("Text.")])
    article.save_revision()
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    first = open_editor(admin_client, url)
    second = open_editor(admin_client, url)
    body = [("paragraph", rich_text("<p>Text.</p>", features=RICH_TEXT_FEATURES))]

    article.title = "Second editor's title"
    admin_client.post(url, {**edit_form(article, body), **second})
    article.title = "First editor's title"
    stale = admin_client.post(url, {**edit_form(article, body), **first})

    assert refused(stale)
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert latest.title == "Second editor's title"


def test_a_stale_source_form_is_refused_and_the_other_change_kept(admin_client):
    source = SourceFactory(title="Magnesium and pain")
    url = reverse("wagtailsnippets_evidence_source:edit", args=[source.pk])
    first = open_editor(admin_client, url)
    second = open_editor(admin_client, url)
    assert first["loaded_updated_at"]

    fields = {"doi": source.doi, "pmid": source.pmid}
    saved = admin_client.post(
        url, {**source_form(title="Second title", **fields), **second}
    )
    stale = admin_client.post(
        url, {**source_form(title="First title", **fields), **first}
    )

    assert saved.status_code == 302 and not refused(saved)
    assert refused(stale)
    assert Source.objects.get(pk=source.pk).title == "Second title"
