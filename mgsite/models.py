from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.search import index

from articles.models import Person, TopicHubPage, articles_in_topics
from evidence import compliance
from evidence.forms import ReviewedPageForm, ReviewedSnippetForm
from evidence.models import (
    ReviewedPage,
    ReviewedSnippet,
    approved_as_they_stand,
    shown_pages,
)
from evidence.roles import MEDICAL_REVIEWERS
from mgsite import grading_guide
from mgsite.cache import versioned
from mgsite.pages import (
    PublicPageMixin,
    page_text,
    plain_text,
    public,
    route_by_url_path,
)
from products.models import ProductIndexPage, ProductPage

TRUST_PAGE_TYPES = [
    "mgsite.StandardPage",
    "mgsite.EvidenceGradingPage",
    "mgsite.ReviewBoardPage",
]
NEWEST_ARTICLES = 3


class HomePage(ReviewedPage, PublicPageMixin, Page):
    """The site root: what the site is, its topics, its newest articles, a
    product and the promise about evidence."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two under the site name."
    )
    body = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])
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
        help_text="Describe the image; leave empty when it only decorates.",
    )
    promise_heading = models.CharField(
        max_length=120, blank=True, default="Our promise about evidence"
    )
    promise = models.TextField(
        blank=True, help_text="What every statement on this site stands on."
    )
    featured_product = models.ForeignKey(
        "products.ProductPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown as the product highlight; its own reviewed page "
        "supplies the words.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Hero image"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("promise_heading"), FieldPanel("promise")],
            heading="Evidence promise",
        ),
        FieldPanel("featured_product"),
    ]
    search_fields = Page.search_fields

    base_form_class = ReviewedPageForm
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def public_text(self):
        yield from page_text(self)
        yield from (
            ("intro", self.intro),
            ("body", plain_text(self.body)),
            ("hero_alt", self.hero_alt),
            ("promise_heading", self.promise_heading),
            ("promise", self.promise),
        )

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(versioned(f"home:{self.pk}", self.showcase))
        return context

    def showcase(self):
        """Everything the home page lists, looked up once per content version."""
        children = public(self.get_children().live()).specific()
        topics = shown_pages(children.type(TopicHubPage))
        newest = shown_pages(articles_in_topics(topics)[:NEWEST_ARTICLES])
        product = None
        if self.featured_product_id:
            product = (
                public(ProductPage.objects.live())
                .filter(pk=self.featured_product_id)
                .prefetch_related("images__image__renditions")
                .first()
            )
            product = (shown_pages([product]) or [None])[0] if product else None
        hero = None
        if self.hero_image_id:
            hero = Image.objects.prefetch_related("renditions").get(
                pk=self.hero_image_id
            )
        return {
            "sections": shown_pages(children.in_menu().not_type(TopicHubPage)),
            "catalogue": shown_pages(public(ProductIndexPage.objects.live())[:1]),
            "topics": topics,
            "newest_articles": newest,
            "featured_product": product,
            "hero": hero,
            "grading_page": shown_pages(public(EvidenceGradingPage.objects.live())[:1]),
        }

    def route(self, request, path_components):
        # As the site root, route every URL of the site in one lookup.
        if path_components:
            found = route_by_url_path(self, request, path_components)
            if found is not None:
                return found
        return super().route(request, path_components)


HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", "A colour as #RRGGBB, e.g. #0b6e4f.")
# WCAG AA for normal text: links and button labels in the brand colours
# are read on white (and white on them).
MIN_CONTRAST = 4.5


def relative_luminance(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_with_white(hex_colour):
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


class Brand(ReviewedSnippet):
    """The brand and the words shown on every page, product pages too: read
    as labelling. A snippet with drafts and the Compliance review workflow,
    so a new name, tagline or disclaimer waits for a reviewer who did not
    write it; the site settings choose which brand the site wears."""

    site_name = models.CharField(
        max_length=60,
        default="Mineral Ledger",
        help_text="In the header, every page title, link previews and search results.",
    )
    tagline = models.CharField(
        max_length=120,
        blank=True,
        default="Magnesium, read against the research",
        help_text="A short line beside the name in link previews and the footer.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header at 32 pixels high, and to search engines.",
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture of a shared link (1200 × 630) when a page has "
        "none of its own.",
    )
    brand_colour = models.CharField(
        max_length=7,
        default="#0b6e4f",
        validators=[HEX_COLOUR],
        help_text="Links and buttons; needs a contrast of 4.5:1 with white.",
    )
    brand_dark_colour = models.CharField(
        max_length=7,
        default="#074d37",
        validators=[HEX_COLOUR],
        help_text="Links and buttons under the pointer; needs a contrast of "
        "4.5:1 with white.",
    )
    medical_disclaimer = models.TextField(
        default=(
            "The information on this site is for general education and is not "
            "medical advice. Talk to a doctor or pharmacist before taking "
            "magnesium, especially if you have kidney disease, are pregnant or "
            "take other medicines."
        ),
        help_text="Shown in the footer of every page.",
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        FieldPanel("logo"),
        FieldPanel("social_image"),
        FieldPanel("brand_colour"),
        FieldPanel("brand_dark_colour"),
        FieldPanel("medical_disclaimer"),
    ]
    base_form_class = ReviewedSnippetForm
    compliance_context = compliance.LABELLING

    def __str__(self):
        return self.site_name

    def clean(self):
        super().clean()
        errors = {}
        for name in ("brand_colour", "brand_dark_colour"):
            value = getattr(self, name)
            try:
                HEX_COLOUR(value)
            except ValidationError:
                continue  # the field's own validator reports it
            if contrast_with_white(value) < MIN_CONTRAST:
                errors[name] = (
                    f"Text in {value} on white has a contrast of "
                    f"{contrast_with_white(value):.1f}:1; choose a darker colour "
                    f"(at least {MIN_CONTRAST}:1)."
                )
        if errors:
            raise ValidationError(errors)

    def public_text(self):
        yield from (
            ("site_name", self.site_name),
            ("tagline", self.tagline),
            ("medical_disclaimer", self.medical_disclaimer),
        )

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)

    @classmethod
    def current(cls):
        """The brand every page shows, kept per content version: the one the
        site settings choose, as long as it is live and approved as it
        stands; otherwise the plain brand of the defaults, with no logo
        (fail closed: unreviewed words are never shown). The copy kept is
        the one checked, so a later write to its row is not shown either."""
        return versioned("brand", cls.shown)

    @classmethod
    def shown(cls):
        chosen = cls.objects.filter(pk=SiteSettings.load().brand_id)
        return next(iter(approved_as_they_stand(chosen)), None) or cls()

    def brand_images(self):
        """URLs and sizes of the logo and social image renditions, worked out
        once per content version (every page shows them)."""
        return versioned(f"brand-images:{self.pk}", self.find_brand_images)

    def find_brand_images(self):
        found = {}
        if self.logo_id:
            logo = self.logo.get_rendition("height-64|format-png")
            found["logo"] = {
                "url": logo.url,
                "width": logo.width // 2,
                "height": logo.height // 2,
            }
        if self.social_image_id:
            found["social_image"] = self.social_image.get_rendition(
                "fill-1200x630|format-png"
            ).url
        return found


@register_setting(icon="warning")
class SiteSettings(BaseGenericSetting):
    """Which brand the site wears. The brand's words and pictures are a
    reviewed snippet (``Brand``); choosing among brands changes no words
    that a reviewer has not approved."""

    brand = models.ForeignKey(
        Brand,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The name, logo, colours and disclaimer every page shows. "
        "A brand is shown once a compliance reviewer has approved it; until "
        "then the site shows its plain name.",
    )

    panels = [FieldPanel("brand")]

    class Meta:
        verbose_name = "site settings"


# Trust pages: who we are and how we work --------------------------------------


class StandardPage(ReviewedPage, PublicPageMixin, Page):
    """A page of prose (About us, Editorial policy, Corrections, Contact,
    Privacy): editorial text, under the same rules and review as articles."""

    intro = models.TextField(blank=True, help_text="The opening paragraph.")
    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ul", "ol"],
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    base_form_class = ReviewedPageForm
    parent_page_types = ["mgsite.HomePage"]
    subpage_types = []

    def public_text(self):
        yield from page_text(self)
        yield from (("intro", self.intro), ("body", plain_text(self.body)))

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)


class EvidenceGradingPage(StandardPage):
    """How we grade evidence: the editor writes the words around it; the
    design weights, levels and worked examples come from the grading code
    every claim is graded by (``mgsite.grading_guide``)."""

    parent_page_types = ["mgsite.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["design_weights"] = grading_guide.design_weights()
        context["levels"] = grading_guide.levels()
        context["examples"] = grading_guide.examples()
        return context


class ReviewBoardPage(StandardPage):
    """The medical review board and the writers: each person's public
    profile is a page beneath it."""

    parent_page_types = ["mgsite.HomePage"]
    subpage_types = ["mgsite.ProfilePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(versioned(f"review-board:{self.pk}", self.members))
        return context

    def members(self):
        profiles = shown_pages(
            public(ProfilePage.objects.child_of(self).live())
            .select_related("person__user")
            .prefetch_related("person__user__groups")
        )
        return {
            "reviewers": [p for p in profiles if p.is_medical_reviewer],
            "writers": [p for p in profiles if not p.is_medical_reviewer],
        }


class ProfilePage(ReviewedPage, PublicPageMixin, Page):
    """A writer's or medical reviewer's public profile: name, credentials
    and biography from their byline record, reviewed as this page's words
    (a changed biography waits for review before it is shown here)."""

    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="profile_page"
    )

    content_panels = Page.content_panels + [FieldPanel("person")]
    base_form_class = ReviewedPageForm
    parent_page_types = ["mgsite.ReviewBoardPage"]
    subpage_types = []
    serve_select_related = ["person"]

    def public_text(self):
        yield from page_text(self)
        if self.person_id:
            yield from (
                ("person", self.person.name),
                ("person", self.person.credentials),
                ("person", self.person.bio),
            )

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)

    @property
    def is_medical_reviewer(self):
        """Whether this person signs medical reviews (their admin account is
        in the medical reviewers' group). Reads the groups a listing
        prefetched."""
        user = self.person.user
        return user is not None and any(
            group.name == MEDICAL_REVIEWERS for group in user.groups.all()
        )

    @property
    def role(self):
        return "Medical reviewer" if self.is_medical_reviewer else "Writer"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(versioned(f"profile:{self.pk}", self.work))
        context["json_ld"] = self.json_ld(request, context["role"])
        return context

    def work(self):
        written = self.person.articles_written.live().defer_streamfields()
        reviewed = self.person.articles_reviewed.live().defer_streamfields()
        order = ("-first_published_at", "-pk")
        return {
            "board": self.get_parent(),
            "role": self.role,
            "written": shown_pages(public(written).order_by(*order)[:10]),
            "reviewed": shown_pages(public(reviewed).order_by(*order)[:10]),
        }

    def json_ld(self, request, role):
        brand = Brand.current()
        person = {
            "@type": "Person",
            "name": self.person.name,
            "jobTitle": role,
            "worksFor": {"@type": "Organization", "name": brand.site_name},
        }
        if self.person.credentials:
            person["honorificSuffix"] = self.person.credentials
        if self.person.bio:
            person["description"] = self.person.bio
        return {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": self.get_full_url(request),
            "mainEntity": person,
        }
