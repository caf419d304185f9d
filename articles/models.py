from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class TopicHubPage(Page):
    """One of the three pain topics; its articles live beneath it."""

    intro = models.TextField(help_text="A short introduction to the topic.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields

    parent_page_types = ["mgsite.HomePage"]
    subpage_types = []
