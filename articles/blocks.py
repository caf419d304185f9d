"""The blocks of an article body.

Blocks that show sources, claims or products read them from the article's
``BodyData`` (in the template context as ``body_data``), which fetched each
kind once for the whole body; a block rendered on its own (a preview) builds
its own.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html, strip_tags
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.coreutils import resolve_model_string
from wagtail.images.blocks import ImageChooserBlock

from articles.choosers import claim_chooser_viewset
from articles.citations import (
    FEATURE,
    BodyData,
    card_products,
    claim_queryset,
    load_chosen,
)
from products.comparison import comparison_rows

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol", FEATURE]


def body_data(parent_context, block, value):
    """The article's shared BodyData, or one for this block alone."""
    data = (parent_context or {}).get("body_data")
    return data if data is not None else BodyData(block.extract_references(value))


class CitedRichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    def render_basic(self, value, context=None):
        """The text with its citations numbered for the whole article. Built
        here rather than in a template: an article has many paragraphs, and
        the markup is one element."""
        html = body_data(context, self, value).render_html(value.source)
        return format_html('<div class="rich-text">{}</div>', html)

    class Meta:
        icon = "pilcrow"
        description = "Text with inline citations: select words, then cite a source."
        preview_value = "<p>Magnesium is a mineral found in nuts, seeds and greens.</p>"


class HeadingValue(blocks.StructValue):
    @property
    def anchor(self):
        return slugify(self.get("text", ""))

    @property
    def tag(self):
        return self.get("level") or "h2"


class HeadingBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2"
    )
    text = blocks.CharBlock(max_length=120)

    def clean(self, value):
        value = super().clean(value)
        if not slugify(value.get("text", "")):
            raise StructBlockValidationError(
                block_errors={
                    "text": ValidationError(
                        "Use at least one letter or digit: the heading needs a link "
                        "anchor for the table of contents."
                    )
                }
            )
        return value

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"
        value_class = HeadingValue
        description = "A section heading; section (h2) headings form the contents list."
        preview_value = {"level": "h2", "text": "How magnesium works in muscle"}


class KeyTakeawaysBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Key takeaways", max_length=80)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1, max_num=7)

    class Meta:
        icon = "list-ul"
        template = "components/blocks/key_takeaways.html"
        description = "A short boxed list of the article's main points."
        preview_value = {
            "heading": "Key takeaways",
            "items": [
                "Studies of magnesium for pain are small and mixed.",
                "People with kidney disease should ask a doctor first.",
            ],
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = CitedRichTextBlock()

    def clean(self, value):
        value = super().clean(value)
        if not value.get("question", "").strip().endswith("?"):
            raise StructBlockValidationError(
                block_errors={
                    "question": ValidationError("Phrase the question as a question.")
                }
            )
        return value

    class Meta:
        icon = "help"
        label = "Question and answer"


class FAQValue(blocks.StructValue):
    @property
    def entries(self):
        """(question, answer as a bound block that renders its citations)."""
        return [
            (item.value["question"], item.value.bound_blocks["answer"])
            for item in self["items"].bound_blocks
        ]

    def as_schema(self):
        """schema.org Question entries for the FAQPage structured data."""
        return [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": strip_tags(item["answer"].source).strip(),
                },
            }
            for item in self.get("items", [])
        ]


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Frequently asked questions", max_length=80)
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "components/blocks/faq.html"
        value_class = FAQValue
        description = "Questions and answers; also marked up for search engines."
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Can I take magnesium with kidney disease?",
                    "answer": "<p>Only if your doctor agrees.</p>",
                }
            ],
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255, help_text="Describe the image for people who cannot see it."
    )
    caption = blocks.CharBlock(max_length=255, required=False)

    def clean(self, value):
        value = super().clean(value)
        alt, caption = value.get("alt_text", ""), value.get("caption", "")
        if caption and alt.strip().lower() == caption.strip().lower():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Describe what the image shows; screen readers already read "
                        "the caption."
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"
        description = "An image with a caption and alt text."
        preview_value = {"alt_text": "Almonds and spinach", "caption": "Food sources"}


class ClaimBlock(blocks.ChooserBlock):
    """A claim from the library, shown only while it is approved and passes the
    rules."""

    @cached_property
    def target_model(self):
        return resolve_model_string("evidence.Claim")

    @cached_property
    def widget(self):
        return claim_chooser_viewset.widget_class()

    def bulk_to_python(self, values):
        """With their sources: the article's BodyData takes them from here."""
        return load_chosen(values, claim_queryset().in_bulk)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        pk = getattr(value, "pk", None)
        data = body_data(parent_context, self, value)
        claim = data.claim(pk)
        context["claim"] = claim
        context["markers"] = data.markers_for(claim.current_sources) if claim else []
        return context

    class Meta:
        icon = "tick-inverse"
        template = "components/blocks/claim.html"
        description = "An approved claim from the claims library, with its sources."


class ProductCardBlock(blocks.PageChooserBlock):
    def __init__(self, **kwargs):
        super().__init__(page_type="products.ProductPage", **kwargs)

    def bulk_to_python(self, values):
        """From the products' cards, kept under the content version."""
        return load_chosen(values, card_products)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        pk = getattr(value, "pk", None)
        data = body_data(parent_context, self, value)
        card = data.product_card(pk)
        context["product"] = card.product if card else None
        context["claims"] = card.claims if card else []
        return context

    class Meta:
        icon = "pick"
        template = "components/blocks/product_card.html"
        description = "A product with its approved claims."


class FormsComparisonBlock(blocks.StructBlock):
    intro = blocks.TextBlock(required=False, max_length=400)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["rows"] = comparison_rows()
        return context

    class Meta:
        icon = "table"
        template = "components/blocks/forms_comparison.html"
        description = "The comparison of magnesium forms, from the forms library."
        preview_value = {"intro": "How the common forms differ."}


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = CitedRichTextBlock()
    key_takeaways = KeyTakeawaysBlock()
    faq = FAQBlock()
    image = ImageBlock()
    claim = ClaimBlock()
    product_card = ProductCardBlock()
    forms_comparison = FormsComparisonBlock()
