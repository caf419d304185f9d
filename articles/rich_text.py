"""The citation entity's conversions: database HTML to the editor's
contentstate and back, and to HTML outside an article render."""

from django.utils.html import format_html
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    LinkElementHandler,
)
from wagtail.rich_text import LinkHandler

from articles.citations import ENTITY_TYPE, FEATURE, short_label
from evidence.models import Source


class CitationLinkHandler(LinkHandler):
    """Rich text outside an article render (previews, feeds) links the words to
    the work itself; it also tells the reference index which sources are cited."""

    identifier = FEATURE

    @staticmethod
    def get_model():
        return Source

    @classmethod
    def extract_references(cls, attrs):
        # (model, object id, model path, content path) for the reference index.
        yield Source, attrs["id"], "", ""

    @classmethod
    def expand_db_attributes(cls, attrs):
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            format_html('<a class="citation" href="{}" rel="noopener">', source.link)
            if source and source.link
            else '<a class="citation">'
            for source in cls.get_many(attrs_list)
        ]


class CitationElementHandler(LinkElementHandler):
    """Database HTML to the editor's contentstate."""

    def get_attribute_data(self, attrs):
        try:
            source = Source.objects.get(pk=int(attrs["id"]))
        except (KeyError, ValueError, Source.DoesNotExist):
            return {"id": attrs.get("id"), "label": "Missing source"}
        return {"id": source.pk, "label": short_label(source), "title": str(source)}


def citation_entity(props):
    """Contentstate back to database HTML."""
    return DOM.create_element(
        "a", {"linktype": FEATURE, "id": props.get("id")}, props["children"]
    )


CONTENTSTATE_RULE = {
    "from_database_format": {
        'a[linktype="citation"]': CitationElementHandler(ENTITY_TYPE)
    },
    "to_database_format": {"entity_decorators": {ENTITY_TYPE: citation_entity}},
}
