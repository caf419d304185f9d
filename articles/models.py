import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TaskState
from wagtail.search import index

from articles.blocks import ArticleBodyBlock, ClaimBlock
from articles.citations import BodyData
from articles.structured_data import article_structured_data
from articles.text import body_text
from evidence import compliance
from evidence.forms import ReviewedPageForm
from evidence.models import (
    ReviewDecisions,
    ReviewedPage,
    ReviewRefused,
    ReviewTask,
    shown_pages,
)
from mgsite.pages import (
    PublicPageMixin,
    ancestors,
    page_text,
    public,
    served_lookup,
)

ARTICLES_PER_PAGE = 10


class Person(index.Indexed, models.Model):
    """An author or medical reviewer shown in article bylines."""

    name = models.CharField(max_length=120)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="public_profile",
        verbose_name="admin account",
        help_text="For a medical reviewer: the account they sign reviews with. "
        "Their signed review shows this profile in the byline.",
    )
    credentials = models.CharField(
        max_length=120, blank=True, help_text="For example: MD, PharmD, RD."
    )
    bio = models.TextField(blank=True, max_length=600)

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class TopicHubPage(ReviewedPage, PublicPageMixin, Page):
    """One of the three pain topics; its articles live beneath it."""

    intro = models.TextField(help_text="A short introduction to the topic.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    base_form_class = ReviewedPageForm
    parent_page_types = ["mgsite.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    def public_text(self):
        yield from page_text(self)
        yield "intro", self.intro

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)

    def articles(self):
        """Live articles filed under this hub or tagged into it, newest first."""
        return articles_in_topics([self])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() turns a bad or out-of-range ?page into the first or last page.
        paginator = Paginator(self.articles(), ARTICLES_PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = shown_pages(page.object_list)
        context["articles"] = page
        return context


def default_next_review(last_reviewed):
    """Twelve months after the last review."""
    try:
        return last_reviewed.replace(year=last_reviewed.year + 1)
    except ValueError:  # 29 February
        return last_reviewed + datetime.timedelta(days=365)


class ArticlePage(ReviewedPage, PublicPageMixin, Page):
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
    # Set only by a signed medical review (``MedicalReviewTaskState``), never
    # in the editor; empty on an article not yet medically reviewed.
    medical_reviewer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles_reviewed",
    )
    last_reviewed = models.DateField(null=True, blank=True)
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
            [FieldPanel("author"), FieldPanel("next_review_due")],
            heading="Byline and review",
            help_text="The medical reviewer and the review date come from the "
            "medical reviewer's approval in the workflow.",
        ),
        FieldPanel("other_topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_products"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    base_form_class = ReviewedPageForm
    parent_page_types = ["articles.TopicHubPage"]
    compliance_prefetch = ["other_topics", "related_products"]
    # Fetched with the page when it is served (mgsite.pages.route_by_url_path).
    serve_select_related = [
        "author__profile_page",
        "medical_reviewer__profile_page",
    ]
    subpage_types = []

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Describe the hero image."})
        due, last = self.next_review_due, self.last_reviewed
        if due and last and due <= last:
            raise ValidationError(
                {"next_review_due": "The next review must come after the last one."}
            )

    def save(self, *args, **kwargs):
        if not self.next_review_due:
            self.next_review_due = default_next_review(
                self.last_reviewed or timezone.localdate()
            )
        super().save(*args, **kwargs)

    def get_workflow(self):
        """Articles go through the medical and compliance review workflow."""
        from articles.workflows import article_workflow

        return article_workflow() or super().get_workflow()

    def public_text(self):
        yield from page_text(self)
        yield from (("summary", self.summary), ("hero_alt", self.hero_alt))
        yield from body_text(self.body)

    def shown_claims(self):
        return [block.value for block in self.body if block.block_type == "claim"]

    def compliance_findings(self, claims=None):
        """The editorial text rules, and the claim blocks' attachment rules."""
        claims = claims or {}
        shown = [claims.get(c.pk, c) for c in self.shown_claims() if c is not None]
        return compliance.page_text_findings(self) + compliance.check_attachments(shown)

    def body_data(self):
        """What the body cites and shows, with the claims its claim blocks
        loaded (no second query for them)."""
        claims = [
            block.value for block in self.body if isinstance(block.block, ClaimBlock)
        ]
        return BodyData(self.body.stream_block.extract_references(self.body), claims)

    def table_of_contents(self):
        """(anchor, text) for each section heading, in order."""
        return [
            (block.value.anchor, block.value["text"])
            for block in self.body
            if block.block_type == "heading" and block.value.tag == "h2"
        ]

    def related_articles(self, request=None, limit=3):
        """Other live articles in this article's topics, newest first; looked
        up once per content version (afresh in a preview)."""

        def lookup():
            paths = {self.path[: -self.steplen]}
            paths.update(self.other_topics.values_list("path", flat=True))
            hubs = list(TopicHubPage.objects.filter(path__in=paths))
            return shown_pages(articles_in_topics(hubs).exclude(pk=self.pk)[:limit])

        return served_lookup(request, f"related-articles:{self.pk}:{limit}", lookup)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only where a fragment of the page is rendered afresh.
        data = SimpleLazyObject(self.body_data)
        context["body_data"] = data
        context["references"] = SimpleLazyObject(lambda: data.entries)
        context["structured_data"] = SimpleLazyObject(
            lambda: article_structured_data(self, request, data)
        )
        context["ancestors"] = ancestors(self)
        context["related_articles"] = SimpleLazyObject(
            lambda: self.related_articles(request)
        )
        return context


def tagged_into(hubs):
    """Ids of the articles tagged into any of ``hubs``, as a subquery: a join
    through the tags would repeat rows and need a DISTINCT over whole pages."""
    through = ArticlePage.other_topics.through
    return through.objects.filter(topichubpage__in=hubs).values("articlepage_id")


def articles_in_topics(hubs, also=None):
    """Live articles filed under or tagged into any of ``hubs`` (and those
    matching the condition ``also``), newest first.

    Subqueries rather than joins, so no DISTINCT: PostgreSQL then walks the
    ``first_published_at`` index and stops at the limit.
    """
    condition = Q(pk__in=tagged_into(hubs))
    for hub in hubs:
        condition |= Q(path__startswith=hub.path, depth=hub.depth + 1)
    if also is not None:
        condition |= also
    return (
        public(ArticlePage.objects.live())
        .filter(condition)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
    )


# Medical review ----------------------------------------------------------------


class MedicalReviewTaskState(ReviewDecisions, TaskState):
    """One medical review of one article revision. Approving signs it: the
    article's byline gets the reviewer's public profile and today's date, in
    a revision the compliance review then approves with everything else."""

    class Meta:
        verbose_name = "medical review task state"

    def approval_refusal(self, user):
        if user is None:
            return ""
        latest = self.revision.content_object.get_latest_revision_as_object()
        if self.revision.user_id == user.pk or latest.owner_id == user.pk:
            return "You wrote this article, so another medical reviewer must review it."
        return ""

    def approve(self, user=None, update=True, comment="", reviewed_on=None):
        """``reviewed_on``: for loaders of past reviews (demo content); a
        reviewer's approval is dated the day it is given."""
        self.refuse_approval_by(user)
        if user is not None:
            latest = self.revision.content_object.get_latest_revision_as_object()
            profile = Person.objects.filter(user=user).first()
            if profile is None:
                raise ReviewRefused(
                    "Your public reviewer profile is missing: ask an editor to "
                    "add you under Snippets → People, with your admin account, "
                    "so the byline can name you."
                )
            latest.medical_reviewer = profile
            latest.last_reviewed = reviewed_on or timezone.localdate()
            due = latest.next_review_due
            if not due or due <= latest.last_reviewed:
                # An editor's due date still ahead stands; otherwise a year on.
                latest.next_review_due = default_next_review(latest.last_reviewed)
            latest.save_revision(user=user, log_action=True, clean=False)
        return super().approve(user=user, update=update, comment=comment)


class MedicalReviewTask(ReviewTask):
    """Approval of an article's medical content by a member of "Medical
    reviewers", who did not write it; the approval signs the byline."""

    task_state_class = MedicalReviewTaskState
    approve_label = "Approve the medical review"

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "Medical reviewers approve an article's medical content; their "
            "approval names them in the byline with the date."
        )
