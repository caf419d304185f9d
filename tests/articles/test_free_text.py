"""Articles are editorial: each benefit sentence cites a current source in
that sentence, disease language is a warning, and every text field is read.
Through the real page editor."""

import json
import re
from html import unescape as html_unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.blocks import RICH_TEXT_FEATURES
from articles.models import ArticlePage
from evidence.factories import SourceFactory, go_live
from tests.articles.conftest import cite, paragraph

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}
UNCITED = "Magnesium relieves back pain within a week."


def text(html):
    return rich_text(html, features=RICH_TEXT_FEATURES)


def article_form(article, body, action=PUBLISH, **fields):
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "hero_alt": "",
        "body": streamfield(body),
        "author": article.author_id,
        "medical_reviewer": article.medical_reviewer_id,
        "last_reviewed": article.last_reviewed.isoformat(),
        "next_review_due": article.next_review_due.isoformat(),
        **fields,
    }
    return nested_form_data({**data, **action})


def edit(client, article, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)


def errors(response):
    form = response.context["form"]
    return " ".join(
        str(e) for field_errors in form.errors.values() for e in field_errors
    )


def shopper_sees(client, article, words):
    client.logout()
    return words in client.get(article.url).content.decode()


def approve_latest(article):
    """The saved draft, approved in compliance review (publishing needs it)."""
    go_live(ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object())


def notices(response):
    return [m.message for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("action", [PUBLISH, SUBMIT])
def test_an_uncited_benefit_sentence_in_the_body_is_refused(
    admin_client, make_article, action
):
    article = make_article([paragraph("Magnesium is a mineral.")])

    response = edit(
        admin_client,
        article,
        article_form(article, [("paragraph", text(f"<p>{UNCITED}</p>"))], action),
    )

    assert response.status_code == 200
    assert "cites no source in that sentence" in errors(response)
    # Shown to the editor, not only held by the form.
    assert "cites no source in that sentence" in html_unescape(
        response.content.decode()
    )
    assert not shopper_sees(admin_client, article, "within a week")


def test_a_benefit_sentence_citing_a_current_source_goes_through(
    admin_client, make_article
):
    source = SourceFactory()
    article = make_article([paragraph("Magnesium is a mineral.")])
    cited = f"<p>Magnesium relieved back pain, as {cite(source)}.</p>"

    response = edit(
        admin_client, article, article_form(article, [("paragraph", text(cited))])
    )

    assert response.status_code == 302
    approve_latest(article)
    assert shopper_sees(admin_client, article, "Magnesium relieved back pain")


def test_citing_a_retracted_source_does_not_support_a_benefit(
    admin_client, make_article
):
    source = SourceFactory(retracted=True)
    article = make_article([paragraph("Magnesium is a mineral.")])
    cited = f"<p>Magnesium relieved back pain, as {cite(source)}.</p>"

    response = edit(
        admin_client, article, article_form(article, [("paragraph", text(cited))])
    )

    assert response.status_code == 200
    assert "only retracted sources" in errors(response)


def test_cited_disease_language_is_a_warning_for_the_reviewer(
    admin_client, make_article
):
    source = SourceFactory()
    article = make_article([paragraph("Magnesium is a mineral.")])
    body = [("paragraph", text(f"<p>In fibromyalgia, {cite(source)} less pain.</p>"))]

    response = edit(admin_client, article, article_form(article, body, action={}))

    assert response.status_code == 302
    assert any("fibromyalgia" in notice for notice in notices(response))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Magnesium relieves back pain"),
        ("summary", "Magnesium relieves back pain and eases cramps."),
        ("seo_title", "Magnesium relieves back pain"),
        ("search_description", "Magnesium relieves back pain."),
    ],
)
def test_a_benefit_in_a_field_that_cannot_cite_is_refused_on_that_field(
    admin_client, make_article, field, value
):
    article = make_article([paragraph("Magnesium is a mineral.")])
    body = [("paragraph", text("<p>Magnesium is a mineral.</p>"))]

    response = edit(
        admin_client, article, article_form(article, body, **{field: value})
    )

    assert response.status_code == 200
    assert "cannot carry a citation" in " ".join(response.context["form"].errors[field])


def list_items(values):
    """A ListBlock's posted items."""
    items = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(values)
    }
    return {"count": str(len(values)), **items}


@pytest.mark.parametrize(
    "block",
    [
        ("heading", {"level": "h2", "text": "Magnesium relieves sciatica"}),
        (
            "key_takeaways",
            {"heading": "In short", "items": list_items(["It relieves sciatica."])},
        ),
        (
            "faq",
            {
                "heading": "Questions",
                "items": list_items(
                    [
                        {
                            "question": "Why does magnesium relieve sciatica?",
                            "answer": text("<p>Ask a doctor first.</p>"),
                        }
                    ]
                ),
            },
        ),
    ],
    ids=["heading", "key-takeaway", "faq-question"],
)
def test_headings_takeaways_and_faq_questions_cannot_state_a_benefit(
    admin_client, make_article, block
):
    article = make_article([paragraph("Magnesium is a mineral.")])

    response = edit(admin_client, article, article_form(article, [block]))

    assert response.status_code == 200
    assert "relieve" in errors(response)
    assert "cannot carry a citation" in errors(response)
    assert not shopper_sees(admin_client, article, "sciatica")


def test_an_faq_answer_can_state_a_benefit_with_its_citation(
    admin_client, make_article
):
    source = SourceFactory()
    article = make_article([paragraph("Magnesium is a mineral.")])
    answer = f"<p>It eased cramps, as {cite(source)}.</p>"
    faq = {
        "heading": "Questions",
        "items": list_items(
            [{"question": "What did the trial find?", "answer": text(answer)}]
        ),
    }

    response = edit(admin_client, article, article_form(article, [("faq", faq)]))

    assert response.status_code == 302
    approve_latest(article)
    assert shopper_sees(admin_client, article, "What did the trial find?")


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
        )
    ]


def test_a_retraction_is_marked_in_the_page_and_its_json_ld_and_sent_to_review(
    admin_client, make_article
):
    source = SourceFactory(title="A trial of magnesium")
    article = make_article([paragraph(f"Magnesium eased cramps, as {cite(source)}.")])
    report = reverse("articles_review_due")
    assert article.title not in admin_client.get(report).content.decode()

    source.retracted = True
    source.save()

    html = admin_client.get(article.url).content.decode()
    citations = [
        doc["citation"] for doc in json_ld(html) if doc.get("@type") == "MedicalWebPage"
    ]
    assert citations[0][0]["creativeWorkStatus"] == "Retracted"
    assert "Retracted" in html
    listed = admin_client.get(report).content.decode()
    assert article.title in listed
    assert "cites a retracted source, “A trial of magnesium”" in html_unescape(listed)


def test_a_hub_intro_that_states_a_benefit_is_refused(admin_client, hubs):
    hub = hubs[0]
    data = nested_form_data(
        {
            "title": hub.title,
            "slug": hub.slug,
            "intro": "Magnesium relieves back pain.",
            **PUBLISH,
        }
    )

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[hub.pk]), data
    )

    assert response.status_code == 200
    assert "cannot carry a citation" in " ".join(
        response.context["form"].errors["intro"]
    )
    assert not shopper_sees(admin_client, hub, "relieves back pain")
