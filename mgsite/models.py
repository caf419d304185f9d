from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site root: an introduction and the way into each topic."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two under the site name."
    )
    body = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context


@register_setting(icon="warning")
class SiteSettings(BaseGenericSetting):
    medical_disclaimer = models.TextField(
        default=(
            "The information on this site is for general education and is not "
            "medical advice. Talk to a doctor or pharmacist before taking "
            "magnesium, especially if you have kidney disease, are pregnant or "
            "take other medicines."
        ),
        help_text="Shown in the footer of every page.",
    )

    panels = [FieldPanel("medical_disclaimer")]

    class Meta:
        verbose_name = "site settings"
