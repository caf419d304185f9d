"""The words a shopper reads of an article body, for the compliance gate
(``ArticlePage.public_text``). Rich text keeps which sentence cites which
source; everything else (headings, questions, captions, alt text, takeaways)
is plain text that cannot cite. Library claims are not text: the claim rules
cover them."""

from articles.citations import cited_text
from products.models import MagnesiumForm


def faq_text(field, value):
    yield field, value["heading"]
    for item in value["items"]:
        yield field, item["question"]
        yield field, cited_text(item["answer"].source)


def forms_text(field, value):
    yield field, value["intro"]
    for form in MagnesiumForm.objects.all():
        yield from form.public_text()


def block_text(field, block):
    """``(field, text)`` for one block of a body, through StreamField's API."""
    kind, value = block.block_type, block.value
    if kind == "paragraph":
        yield field, cited_text(value.source)
    elif kind == "heading":
        yield field, value["text"]
    elif kind == "key_takeaways":
        yield field, value["heading"]
        yield from ((field, item) for item in value["items"])
    elif kind == "faq":
        yield from faq_text(field, value)
    elif kind == "image":
        yield from ((field, value["alt_text"]), (field, value["caption"]))
    elif kind == "forms_comparison":
        yield from forms_text(field, value)


def body_text(body, field="body"):
    for block in body:
        yield from block_text(field, block)
