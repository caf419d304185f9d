from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ProductIndexPage(Page):
    """The catalogue of magnesium supplements."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["mgsite.HomePage"]
    subpage_types = []
    max_count = 1
