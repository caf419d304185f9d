import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles import findings
from articles.blocks import RICH_TEXT_FEATURES
from evidence import compliance
from evidence.factories import SourceFactory
from tests.articles.conftest import cite, paragraph

pytestmark = pytest.mark.django_db


def codes(found):
    return [f.code for f in found]


@pytest.mark.parametrize(
    "sentence",
    [
        "Magnesium helps muscles relax.",
        "It reduces cramps.",
        "A warm bath relieved the ache.",
        "Sleep improved in one study.",
        "Stretching eases stiffness.",
    ],
)
def test_uncited_benefit_statement_is_a_warning(sentence):
    found = findings.text_findings(f"<p>{sentence}</p>")

    assert codes(found) == ["uncited-benefit"]
    assert found[0].severity == compliance.WARNING
    assert sentence[:20] in found[0].message


def test_benefit_with_a_citation_in_the_same_paragraph_is_fine():
    html = f"<p>Magnesium helps muscles relax. {cite(SourceFactory.build(pk=4))}.</p>"

    assert findings.text_findings(html) == []


def test_citation_in_another_paragraph_does_not_count():
    html = "<p>Magnesium helps muscles relax.</p><p>See " + cite(
        SourceFactory.build(pk=4)
    )
    html += ".</p>"

    assert codes(findings.text_findings(html)) == ["uncited-benefit"]


def test_each_offending_sentence_is_reported_once():
    html = "<ul><li>It helps. It is a mineral.</li><li>It eases pain.</li></ul>"

    found = findings.text_findings(html)

    assert len(found) == 2
    assert "It helps." in found[0].message and "It eases pain." in found[1].message


def test_neutral_words_are_not_benefit_statements():
    html = "<p>Magnesium is a mineral. Helpful people disagree. It is a salt.</p>"

    assert findings.text_findings(html) == []


def test_disease_language_in_the_body_is_flagged_by_the_evidence_rule():
    found = findings.text_findings("<p>Magnesium cures migraine. It is a salt.</p>")

    assert "disease-language" in codes(found)


def test_a_contraindication_in_the_body_is_not_flagged_as_a_disease_claim():
    html = "<p>Do not take magnesium if you have kidney disease.</p>"

    assert "disease-language" not in codes(findings.text_findings(html))


def test_article_findings_read_paragraphs_faq_answers_and_takeaways(make_article):
    faq = {
        "heading": "FAQ",
        "items": [{"question": "Q?", "answer": "<p>It helps.</p>"}],
    }
    takeaways = {"heading": "In short", "items": ["It relieves pain."]}
    article = make_article(
        [
            paragraph("It reduces cramps."),
            {"type": "faq", "value": faq},
            {"type": "key_takeaways", "value": takeaways},
        ]
    )

    assert len(findings.article_findings(article)) == 3


def test_saving_an_article_shows_findings_as_warnings_and_still_saves(
    admin_client, make_article
):
    article = make_article([paragraph("Old.")])
    form = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text(
                            "<p>Magnesium relieves back pain.</p>",
                            features=RICH_TEXT_FEATURES,
                        ),
                    )
                ]
            ),
            "author": article.author_id,
            "medical_reviewer": article.medical_reviewer_id,
            "last_reviewed": article.last_reviewed.isoformat(),
            "next_review_due": article.next_review_due.isoformat(),
        }
    )

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), form
    )

    assert response.status_code == 302
    warnings = [
        m.message
        for m in get_messages(response.wsgi_request)
        if m.level_tag == "warning"
    ]
    assert any("Magnesium relieves back pain." in w for w in warnings)
