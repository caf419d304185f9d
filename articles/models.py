import datetime

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from articles.blocks import ArticleBodyBlock


@register_snippet
class Person(index.Indexed, models.Model):
    """An author or medical reviewer shown in article bylines."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=120, blank=True, help_text="For example: MD, PharmD, RD."
    )
    bio = models.TextField(blank=True, max_length=600)

    panels = [FieldPanel("name"), FieldPanel("credentials"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class TopicHubPage(Page):
    """One of the three pain topics; its articles live beneath it."""

    intro = models.TextField(help_text="A short introduction to the topic.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["mgsite.HomePage"]
    subpage_types = ["articles.ArticlePage"]


def default_next_review(last_reviewed):
    """Twelve months after the last review."""
    try:
        return last_reviewed.replace(year=last_reviewed.year + 1)
    except ValueError:  # 29 February
        return last_reviewed + datetime.timedelta(days=365)


class ArticlePage(Page):
    summary = models.TextField(
        max_length=300, help_text="One or two sentences; also the meta description."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=255,
        blank=True,
        help_text="Describe the image for people who cannot see it.",
    )
    body = StreamField(ArticleBodyBlock())
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="articles_written"
    )
    medical_reviewer = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="articles_reviewed"
    )
    last_reviewed = models.DateField()
    next_review_due = models.DateField(
        blank=True, help_text="Leave empty for twelve months after the last review."
    )
    other_topics = ParentalManyToManyField(
        TopicHubPage,
        blank=True,
        related_name="tagged_articles",
        help_text="Also list this article in these topics.",
    )
    related_products = ParentalManyToManyField(
        "products.ProductPage", blank=True, related_name="related_articles"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Hero image"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("medical_reviewer"),
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
            ],
            heading="Review",
        ),
        FieldPanel("other_topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_products"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["articles.TopicHubPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            from django.core.exceptions import ValidationError

            raise ValidationError({"hero_alt": "Describe the hero image."})

    def save(self, *args, **kwargs):
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = default_next_review(self.last_reviewed)
        super().save(*args, **kwargs)
