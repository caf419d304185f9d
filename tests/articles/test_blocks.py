import pytest
import wagtail_factories
from wagtail.blocks import StructBlockValidationError

from articles.blocks import ArticleBodyBlock, FAQItemBlock, HeadingBlock, ImageBlock
from evidence.factories import SourcedClaimFactory, SourceFactory
from evidence.models import ClaimKind
from products.factories import MagnesiumFormFactory
from products.models import MagnesiumForm
from tests.articles.conftest import cite, paragraph

pytestmark = pytest.mark.django_db


def heading(text, level="h2"):
    return {"type": "heading", "value": {"level": level, "text": text}}


def render(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode()


def test_section_headings_form_a_linked_table_of_contents(make_article, client):
    article = make_article(
        [heading("How it works"), heading("In muscle", "h3"), heading("Safety")]
    )

    html = render(client, article)

    toc = html.split('class="toc"')[1].split("</nav>")[0]
    assert '<a href="#how-it-works">How it works</a>' in toc
    assert '<a href="#safety">Safety</a>' in toc
    assert "In muscle" not in toc
    assert '<h2 id="how-it-works">How it works</h2>' in html
    assert '<h3 id="in-muscle">In muscle</h3>' in html


def test_rich_text_keeps_formatting_and_links(make_article, client):
    article = make_article(
        [paragraph('<b>Bold</b> and <a href="https://x.org">a link</a>')]
    )

    html = render(client, article)

    assert "<b>Bold</b>" in html
    assert '<a href="https://x.org">a link</a>' in html


def test_key_takeaways_render_as_a_list(make_article, client):
    article = make_article(
        [
            {
                "type": "key_takeaways",
                "value": {"heading": "In short", "items": ["Ask first.", "Go slow."]},
            }
        ]
    )

    html = render(client, article)

    assert "In short" in html
    assert "<li>Ask first.</li>" in html and "<li>Go slow.</li>" in html


def test_faq_renders_questions_with_cited_answers(make_article, client):
    source = SourceFactory()
    faq = {
        "heading": "Questions",
        "items": [
            {
                "question": "Is it safe?",
                "answer": f"<p>Mostly; {cite(source, 'see the review')}.</p>",
            }
        ],
    }
    article = make_article([{"type": "faq", "value": faq}])

    html = render(client, article)

    assert "<summary" in html and "Is it safe?" in html
    assert 'see the review<sup class="cite"><a id="cite-1-1" href="#ref-1"' in html


def test_image_block_uses_its_alt_text_and_caption(make_article, client):
    image = wagtail_factories.ImageFactory()
    value = {"image": image.pk, "alt_text": "Spinach leaves", "caption": "Leafy greens"}
    article = make_article([{"type": "image", "value": value}])

    html = render(client, article)

    assert 'alt="Spinach leaves"' in html
    assert "<figcaption>Leafy greens</figcaption>" in html


def test_claim_block_shows_approved_wording_symbol_and_disclaimer(make_article, client):
    claim = SourcedClaimFactory(wording="Magnesium supports normal muscle function.")
    article = make_article([{"type": "claim", "value": claim.pk}])

    html = render(client, article)

    assert "Magnesium supports normal muscle function." in html
    assert '<a class="claim__dagger" href="#fda-disclaimer">' in html
    assert "not been evaluated by the Food and Drug Administration" in html


def test_claim_block_without_us_claim_shows_no_disclaimer(make_article, client):
    claim = SourcedClaimFactory(kind=ClaimKind.EU_AUTHORISED)
    article = make_article([{"type": "claim", "value": claim.pk}])

    html = render(client, article)

    assert claim.wording in html
    assert "Food and Drug Administration" not in html


def test_claim_block_shows_nothing_for_a_claim_with_only_retracted_sources(
    make_article, client
):
    source = SourceFactory()
    claim = SourcedClaimFactory(sources=[source])
    article = make_article([{"type": "claim", "value": claim.pk}])
    assert claim.wording in render(client, article)

    source.retracted = True
    source.save()

    html = render(client, article)
    assert claim.wording not in html
    assert 'class="claim"' not in html


def test_product_card_shows_only_approved_claims(make_article, make_product, client):
    approved = SourcedClaimFactory(wording="Supports normal muscle function.")
    withdrawn = SourcedClaimFactory(wording="Draft wording awaiting review.")
    product = make_product("Mg Glycinate Capsules", claims=[approved, withdrawn])
    withdrawn.unpublish()
    article = make_article([{"type": "product_card", "value": product.pk}])

    html = render(client, article)

    assert "Mg Glycinate Capsules" in html and "200 mg magnesium a day" in html
    assert "Supports normal muscle function." in html
    assert "Draft wording awaiting review." not in html


def test_product_card_goes_when_its_product_is_unpublished(
    make_article, make_product, client
):
    product = make_product("Mg Glycinate Capsules", claims=[SourcedClaimFactory()])
    article = make_article([{"type": "product_card", "value": product.pk}])
    assert "Mg Glycinate Capsules" in render(client, article)

    product.unpublish()

    assert "Mg Glycinate Capsules" not in render(client, article)


def test_forms_comparison_renders_the_approved_forms_of_the_library(
    make_article, client
):
    MagnesiumFormFactory(name="Magnesium citrate", slug="citrate")
    MagnesiumForm.objects.create(  # never reviewed
        name="Magnesium orotate", slug="orotate", elemental_share_percent=7
    )
    article = make_article([{"type": "forms_comparison", "value": {"intro": ""}}])

    html = render(client, article)

    assert '<th scope="row">Magnesium citrate</th>' in html
    assert "orotate" not in html


def test_every_block_has_a_template_description_and_icon():
    for name, block in ArticleBodyBlock().child_blocks.items():
        if name != "paragraph":  # one element, built in render_basic
            assert block.meta.template.startswith("components/blocks/"), name
        assert block.meta.description, name
        assert block.meta.icon, name


def test_heading_without_letters_or_digits_is_refused():
    with pytest.raises(StructBlockValidationError) as error:
        HeadingBlock().clean({"level": "h2", "text": "???"})

    assert "text" in error.value.block_errors


def test_image_alt_text_may_not_repeat_the_caption():
    image = wagtail_factories.ImageFactory()
    block = ImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": "Nuts", "caption": "nuts"})

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    assert "alt_text" in error.value.block_errors


def test_faq_question_must_be_a_question():
    block = FAQItemBlock()
    value = block.to_python({"question": "Dosing", "answer": "<p>Ask.</p>"})

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    assert "question" in error.value.block_errors
