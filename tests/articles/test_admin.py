import html
import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.blocks import RICH_TEXT_FEATURES
from articles.models import ArticlePage
from evidence.factories import SourceFactory
from tests.articles.conftest import cite, paragraph

pytestmark = pytest.mark.django_db


def contentstate_citing(source):
    """What the editor posts after the toolbar button inserted a citation."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": "A trial found less pain.",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 13, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "CITATION",
                    "mutability": "MUTABLE",
                    "data": {"id": source.pk, "label": "Shin et al, 2020"},
                }
            },
        }
    )


def saved_body(article):
    article = ArticlePage.objects.get(pk=article.pk)
    return article.get_latest_revision_as_object().body.raw_data[0]["value"]


def editor_state(client, url):
    """The edit page with its embedded editor data unescaped once."""
    return html.unescape(client.get(url).content.decode())


def edit_form(article, body):
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "hero_alt": "",
            "body": streamfield(body),
            "author": article.author_id,
            "medical_reviewer": article.medical_reviewer_id,
            "last_reviewed": article.last_reviewed.isoformat(),
            "next_review_due": article.next_review_due.isoformat(),
        }
    )


def test_citation_chosen_in_the_editor_is_saved_and_shown_again(
    admin_client, make_article
):
    article = make_article([paragraph("Old text.")])
    source = SourceFactory()
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])

    response = admin_client.post(
        url, edit_form(article, [("paragraph", contentstate_citing(source))])
    )

    assert response.status_code == 302
    assert f'<a linktype="citation" id="{source.pk}">A trial found</a>' in saved_body(
        article
    )
    editor = editor_state(admin_client, url)
    assert '\\"type\\": \\"CITATION\\"' in editor
    assert f'\\"id\\": {source.pk}' in editor


def test_citation_round_trips_through_the_database_format(admin_client, make_article):
    source = SourceFactory(authors="Shin HJ\nNa HS\nDo SH", year=2020)
    article = make_article([paragraph(cite(source, "a review"))])
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    stored = article.body.raw_data[0]["value"]

    response = admin_client.post(
        url,
        edit_form(
            article, [("paragraph", rich_text(stored, features=RICH_TEXT_FEATURES))]
        ),
    )

    assert response.status_code == 302
    assert cite(source, "a review") in saved_body(article)
    assert '\\"label\\": \\"Shin et al, 2020\\"' in editor_state(admin_client, url)


def test_editor_loads_the_citation_button_script(admin_client, make_article):
    article = make_article([paragraph("Text.")])

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))

    assert "articles/js/citation-entity.js" in response.content.decode()


def test_citation_chooser_lists_and_returns_sources(admin_client):
    source = SourceFactory(title="Magnesium and Pain", authors="Shin HJ\nNa HS")

    listing = admin_client.get(reverse("citation_source_chooser:choose"))
    chosen = admin_client.get(
        reverse("citation_source_chooser:chosen", args=[source.pk])
    )

    assert "Magnesium and Pain" in listing.json()["html"]
    result = chosen.json()["result"]
    assert result["id"] == str(source.pk)
    assert result["title"] == f"Shin et al, {source.year}"
