from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from evidence import compliance
from evidence.forms import ReviewedPageForm, ReviewedSnippetForm
from evidence.models import ReviewedPage, shown_pages
from mgsite.cache import versioned
from mgsite.pages import (
    PublicPageMixin,
    page_text,
    plain_text,
    public,
    route_by_url_path,
)


class HomePage(ReviewedPage, PublicPageMixin, Page):
    """The site root: an introduction and the way into each topic."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two under the site name."
    )
    body = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields

    base_form_class = ReviewedPageForm
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def public_text(self):
        yield from page_text(self)
        yield from (("intro", self.intro), ("body", plain_text(self.body)))

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = versioned(
            f"sections:{self.path}",
            lambda: shown_pages(public(self.get_children().live()).specific()),
        )
        return context

    def route(self, request, path_components):
        # As the site root, route every URL of the site in one lookup.
        if path_components:
            found = route_by_url_path(self, request, path_components)
            if found is not None:
                return found
        return super().route(request, path_components)


@register_setting(icon="warning")
class SiteSettings(compliance.ReviewedContent, BaseGenericSetting):
    """Shown on every page, product pages too: read as labelling, and
    refused on save (a setting has no review) when it breaks a rule."""

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
    base_form_class = ReviewedSnippetForm
    compliance_context = compliance.LABELLING

    def public_text(self):
        yield "medical_disclaimer", self.medical_disclaimer

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)

    class Meta:
        verbose_name = "site settings"
