"""The catalogue: product pages, their variants, and the claims they carry.

Figures a shopper compares (magnesium per day, % Daily Value, price per
100 mg) are derived here, never typed.
"""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from evidence import compliance
from evidence.forms import DistinctInlinePanel, ReviewedPageForm, ReviewedSnippetForm
from evidence.models import (
    Claim,
    ReviewedPage,
    ReviewedSnippet,
    approved_as_they_stand,
    distinct_rows,
    without_deleted,
)
from evidence.regulatory import EU_NRV_MG, US_DAILY_VALUE_MG
from mgsite.cache import versioned
from mgsite.pages import (
    PublicPageMixin,
    ancestors,
    page_text,
    public,
)
from products import presentation, safety
from products.api_fields import MagnesiumFormNameField, PublicClaimsField, VariantsField
from products.forms import ProductPageForm
from products.structured_data import product_json_ld


class MagnesiumForm(ReviewedSnippet, index.Indexed, ClusterableModel):
    """A salt or chelate of magnesium (glycinate, citrate, oxide...). Its name
    and notes are shown beside products (the comparison, each product of the
    form): read as labelling, and shown only as a reviewer approved them
    (``shown_forms``); a change waits as a draft until then."""

    name = models.CharField(max_length=64, unique=True)
    slug = models.SlugField(max_length=64, unique=True)
    elemental_share_percent = models.DecimalField(
        "typical share of elemental magnesium (%)",
        max_digits=4,
        decimal_places=1,
        help_text="Percent of the compound's weight that is magnesium itself.",
    )
    absorption_notes = models.TextField(blank=True)
    digestive_tolerance = models.TextField(blank=True)
    typical_uses = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("elemental_share_percent"),
        FieldPanel("absorption_notes"),
        FieldPanel("digestive_tolerance"),
        FieldPanel("typical_uses"),
        DistinctInlinePanel(
            "benefit_claims",
            heading="Benefit statements",
            label="Claim",
            help_text="Approved claims from the library; others are never shown.",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    base_form_class = ReviewedSnippetForm
    compliance_context = compliance.LABELLING

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def public_text(self):
        yield from (
            ("name", self.name),
            ("absorption_notes", self.absorption_notes),
            ("digestive_tolerance", self.digestive_tolerance),
            ("typical_uses", self.typical_uses),
        )

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)


def shown_forms():
    """``{pk: form}`` of the magnesium forms a shopper may read of: live and
    approved as they stand, kept per content version. The copies kept are
    the ones checked, so a later write to a form's row is not shown."""
    return versioned("shown-magnesium-forms", approved_forms)


def approved_forms():
    forms = MagnesiumForm.objects.prefetch_related("benefit_claims")
    return {form.pk: form for form in approved_as_they_stand(forms)}


class MagnesiumFormClaim(Orderable):
    """A benefit statement of a form: a claim from the library, so the same
    rules decide whether it is shown."""

    form = ParentalKey(
        MagnesiumForm, on_delete=models.CASCADE, related_name="benefit_claims"
    )
    claim = models.ForeignKey(
        "evidence.Claim", on_delete=models.PROTECT, related_name="form_uses"
    )

    panels = [FieldPanel("claim")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]  # as for RetailerLink
        constraints = [
            models.UniqueConstraint(
                fields=["form", "claim"],
                name="form_states_each_claim_once",
                violation_error_message="This claim is already among this form's "
                "benefit statements. Add each claim once.",
            )
        ]

    def __str__(self):
        return str(self.claim)


class ProductFormat(models.TextChoices):
    CAPSULE = "capsule", "Capsule"
    TABLET = "tablet", "Tablet"
    POWDER = "powder", "Powder"
    LIQUID = "liquid", "Liquid"
    TOPICAL = "topical", "Topical spray or oil"
    BATH_FLAKES = "bath_flakes", "Bath flakes"


class ProductRoute(models.TextChoices):
    """How the magnesium is meant to reach the body; only oral products are
    dietary supplements with Supplement Facts and a daily intake."""

    ORAL = "oral", "Taken by mouth"
    TOPICAL = "topical", "On the skin"
    BATH = "bath", "In the bath"


# Formats that are never swallowed, and the route they imply.
FORMAT_ROUTES = {
    ProductFormat.TOPICAL: ProductRoute.TOPICAL,
    ProductFormat.BATH_FLAKES: ProductRoute.BATH,
}

# What a pack and a serving are counted in, by format.
PACK_UNITS = {
    ProductFormat.CAPSULE: "capsules",
    ProductFormat.TABLET: "tablets",
    ProductFormat.POWDER: "g",
    ProductFormat.LIQUID: "ml",
    ProductFormat.TOPICAL: "ml",
    ProductFormat.BATH_FLAKES: "g",
}


class ProductPage(ReviewedPage, PublicPageMixin, Page):
    summary = models.TextField(help_text="One or two sentences for cards and search.")
    brand = models.CharField(max_length=120)
    magnesium_form = models.ForeignKey(
        MagnesiumForm, on_delete=models.PROTECT, related_name="products"
    )
    format = models.CharField(max_length=32, choices=ProductFormat.choices)
    route_of_use = models.CharField(
        max_length=16,
        choices=ProductRoute.choices,
        default=ProductRoute.ORAL,
        help_text="Only products taken by mouth show Supplement Facts, a daily "
        "intake and % Daily Value, and are ranked against each other by price "
        "per 100 mg; skin and bath products are compared among themselves.",
    )
    elemental_mg_per_serving = models.PositiveIntegerField(
        "elemental magnesium per serving (mg)"
    )
    serving_size = models.CharField(
        max_length=64, help_text="For example: 2 capsules, 1 scoop (5 g)."
    )
    servings_per_day = models.PositiveSmallIntegerField(
        "recommended servings per day", default=1
    )
    amount_per_serving = models.DecimalField(
        "amount per serving",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="How much of the pack one serving uses, counted as the "
        "variants' amounts are: capsules or tablets; grams for powders and bath "
        "flakes; millilitres for liquids and sprays.",
    )
    other_ingredients = models.TextField(blank=True)
    allergens = models.CharField(max_length=255, blank=True)
    directions = models.TextField()
    warnings = models.TextField(
        help_text="Warnings for this product only. The upper-limit, kidney and "
        "medicine-interaction warnings are added from the reviewed dose-safety "
        "data: do not retype them here."
    )
    carries_upper_limit_warning = models.BooleanField(
        "carries the upper-limit warning",
        default=False,
        help_text="Needed to publish a product taken by mouth whose directions "
        "give more than the upper intake level a day; the page then shows the "
        "approved warning for it.",
    )
    related_reading = ParentalManyToManyField(
        "articles.ArticlePage",
        blank=True,
        related_name="recommended_on",
        help_text="Articles shown under “Read more”: their titles and summaries "
        "are part of this page, reviewed with it.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("brand"),
                FieldPanel("magnesium_form"),
                FieldPanel("format"),
                FieldPanel("route_of_use"),
            ],
            heading="Product",
        ),
        MultiFieldPanel(
            [
                FieldPanel("elemental_mg_per_serving"),
                FieldPanel("serving_size"),
                FieldPanel("servings_per_day"),
                FieldPanel("amount_per_serving"),
                FieldPanel("other_ingredients"),
                FieldPanel("allergens"),
            ],
            heading="Supplement facts",
        ),
        FieldPanel("directions"),
        FieldPanel("warnings"),
        FieldPanel("carries_upper_limit_warning"),
        FieldPanel("related_reading", widget=forms.CheckboxSelectMultiple),
        InlinePanel("images", heading="Images", label="Image"),
        InlinePanel("variants", heading="Variants", label="Variant", min_num=1),
        DistinctInlinePanel(
            "retailer_links", heading="Where to buy", label="Shop link"
        ),
        DistinctInlinePanel("claims", heading="Claims", label="Claim"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("brand"),
        index.RelatedFields("magnesium_form", [index.SearchField("name")]),
        index.FilterField("format"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("brand"),
        APIField(
            "magnesium_form", serializer=MagnesiumFormNameField(source="shown_form")
        ),
        APIField("format"),
        APIField("route_of_use"),
        APIField("elemental_mg_per_serving"),
        APIField("elemental_mg_per_day"),
        APIField("percent_daily_value"),
        APIField("serving_size"),
        APIField("servings_per_day"),
        APIField("amount_per_serving"),
        APIField("pack_unit"),
        APIField("directions"),
        APIField("warnings"),
        APIField("shown_warnings"),
        APIField("variants", serializer=VariantsField()),
        APIField("claims", serializer=PublicClaimsField(source="*")),
    ]

    base_form_class = ProductPageForm
    # A copy is a new product: its variants need SKUs of their own (unique),
    # and its shop links name those SKUs.
    exclude_fields_in_copy = ["variants", "retailer_links"]
    parent_page_types = ["products.ProductIndexPage"]
    # Read twice when served: for the approval's fingerprint and the page.
    serve_prefetch_related = ["variants", "retailer_links"]
    subpage_types = []

    @property
    def is_oral(self):
        return self.route_of_use == ProductRoute.ORAL

    @property
    def shown_form(self):
        """This product's magnesium form as a reviewer approved it; None while
        the form waits for review (its name and notes are then not shown)."""
        return shown_forms().get(self.magnesium_form_id)

    @property
    def elemental_mg_per_day(self):
        """Magnesium taken in a day, for oral products; None otherwise, since
        what reaches the body from the skin or a bath is unknown."""
        if not self.is_oral:
            return None
        return self.elemental_mg_per_serving * self.servings_per_day

    @property
    def percent_daily_value(self):
        if not self.is_oral:
            return None
        return round(100 * self.elemental_mg_per_day / US_DAILY_VALUE_MG)

    @property
    def percent_daily_value_per_serving(self):
        if not self.is_oral:
            return None
        return round(100 * self.elemental_mg_per_serving / US_DAILY_VALUE_MG)

    @property
    def percent_nrv(self):
        if not self.is_oral:
            return None
        return round(100 * self.elemental_mg_per_day / EU_NRV_MG)

    @property
    def pack_unit(self):
        return PACK_UNITS.get(self.format, "")

    @property
    def route_label(self):
        return ProductRoute(self.route_of_use).label

    @property
    def warning_lines(self):
        return [line.strip() for line in self.warnings.splitlines() if line.strip()]

    @property
    def shown_warnings(self):
        """The dose-safety warnings from data, then the product's own."""
        return safety.safety_warnings(self) + self.warning_lines

    @property
    def format_label(self):
        return ProductFormat(self.format).label

    @cached_property
    def first_image(self):
        images = list(self.images.all())
        return images[0] if images else None

    @cached_property
    def public_claims(self):
        """Approved, rule-passing claims in order (needs claims prefetched with
        their sources, as ``products.catalogue`` does, to stay cheap)."""
        return compliance.public_claims(
            (row.claim for row in self.claims.all()),
            self.elemental_mg_per_day,
            labelling=True,
        )

    @cached_property
    def strongest_evidence(self):
        return presentation.strongest_evidence(self.public_claims)

    def clean(self):
        super().clean()
        expected = FORMAT_ROUTES.get(self.format)
        if expected and self.route_of_use != expected:
            raise ValidationError(
                {
                    "route_of_use": f"A {self.format_label.lower()} product is used "
                    f"“{ProductRoute(expected).label.lower()}”."
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(product_page_context(self, request))
        return context

    def with_content_json(self, content):
        # A draft may attach a claim deleted since; it is not attached.
        content = without_deleted(content, "claims", "claim", Claim)
        content = distinct_rows(content, "claims", "claim")
        return super().with_content_json(content)

    # What compliance_findings() reads, fetched once for all products by
    # compliance_check, which passes the claims it has loaded already.
    compliance_prefetch = [
        "claims",
        "variants",
        "retailer_links",
        "images",
        "related_reading",
        "magnesium_form",
    ]
    compliance_context = compliance.LABELLING

    def public_text(self):
        yield from page_text(self)
        yield from (
            (name, getattr(self, name))
            for name in (
                "summary",
                "brand",
                "serving_size",
                "other_ingredients",
                "allergens",
                "directions",
                "warnings",
            )
        )
        if self.magnesium_form_id:
            yield "magnesium_form", self.magnesium_form.name
        yield from (("variants", v.size_label) for v in self.variants.all())
        yield from (
            ("retailer_links", link.retailer) for link in self.retailer_links.all()
        )
        yield from (("images", image.alt_text) for image in self.images.all())
        for article in self.related_reading.all():
            yield from (
                ("related_reading", article.title),
                ("related_reading", article.summary),
            )

    def shown_claims(self):
        return [row.claim for row in self.claims.all()]

    def shown_claim_ids(self):
        return [row.claim_id for row in self.claims.all()]

    def compliance_findings(self, claims=None):
        """Findings for the attached claims. ``claims``: claims by id, with
        their sources, that the caller holds; a row whose claim is not among
        them (or every row, without them) reads its claim itself."""
        claims = claims or {}
        attached = [claims.get(row.claim_id) or row.claim for row in self.claims.all()]
        return (
            compliance.page_text_findings(self)
            + compliance.check_attachments(
                attached,
                self.elemental_mg_per_day,
                self.magnesium_form.name if self.magnesium_form_id else None,
                labelling=True,
            )
            + safety.upper_limit_findings(self)
        )


class ProductVariant(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField("SKU", max_length=64, unique=True)
    size_label = models.CharField(max_length=64, help_text="For example: 120 capsules.")
    amount = models.DecimalField(
        "amount in the pack",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Counted as the product's amount per serving: capsules or "
        "tablets; grams for powders and bath flakes (1 kg = 1000); millilitres "
        "for liquids and sprays.",
    )
    price = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(
        max_length=3, choices=[("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP")]
    )
    in_stock = models.BooleanField(default=True)
    gtin = models.CharField("GTIN", max_length=14, blank=True)

    # Offer details a shop changes every day: not claim language, so a
    # change needs no compliance review (compliance.content_items).
    unreviewed_fields = ("price", "currency", "in_stock", "gtin")

    panels = [
        FieldPanel("sku"),
        FieldPanel("size_label"),
        FieldPanel("amount"),
        FieldPanel("price"),
        FieldPanel("currency"),
        FieldPanel("in_stock"),
        FieldPanel("gtin"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]  # as for RetailerLink

    def __str__(self):
        return f"{self.size_label} ({self.sku})"

    @property
    def servings(self):
        """Servings in this pack (rows read from their page have it cached)."""
        return self.amount / self.page.amount_per_serving

    @property
    def elemental_mg_in_pack(self):
        return self.servings * self.page.elemental_mg_per_serving

    @property
    def price_per_100mg(self):
        """Price per 100 mg of elemental magnesium across this pack, to a
        tenth of a cent (``products.catalogue`` computes the same in SQL)."""
        total_mg = self.elemental_mg_in_pack
        if not total_mg:
            return None
        per_100 = self.price * 100 / total_mg
        return per_100.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


class RetailerLink(Orderable):
    """Where a shopper can buy one of the product's sizes: a shop's name, its
    page for that size and the price it listed when last checked. No cart:
    the shop sells it. A row of the product page, so a shop or its address
    goes live only with the page's approval, like the rest of the label; the
    size is named by its SKU, so a link can be added with a size not yet
    saved."""

    page = ParentalKey(
        ProductPage, on_delete=models.CASCADE, related_name="retailer_links"
    )
    sku = models.CharField(
        "size (SKU)",
        max_length=64,
        help_text="The SKU of the size this shop sells, as given under Variants.",
    )
    retailer = models.CharField("shop name", max_length=80)
    url = models.URLField("the shop's page for this size", max_length=500)
    price = models.DecimalField(
        "price as listed",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(
        max_length=3, choices=[("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP")]
    )
    listed_on = models.DateField(
        "price checked on", help_text="The day the shop's page showed this price."
    )

    # As for a variant's price: what a shop asks changes every day and is no
    # claim language (compliance.content_items).
    unreviewed_fields = ("price", "currency", "listed_on")

    panels = [
        FieldPanel("sku"),
        FieldPanel("retailer"),
        FieldPanel("url"),
        MultiFieldPanel(
            [FieldPanel("price"), FieldPanel("currency"), FieldPanel("listed_on")],
            heading="Price as listed",
        ),
    ]

    class Meta(Orderable.Meta):
        # Rows a factory or script adds have no sort order: the id keeps
        # their order the same on every read, so the approval's fingerprint
        # (which lists the rows in order) matches what is served.
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "sku", "retailer"],
                name="one_link_per_shop_and_size",
                violation_error_message="This shop already has a link for this size.",
            )
        ]

    def __str__(self):
        return f"{self.retailer}: {self.sku}"


class ProductImage(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        max_length=255,
        help_text="Describe the image for people who cannot see it: what is "
        "shown, not the marketing message.",
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]  # as for RetailerLink

    def __str__(self):
        return self.alt_text


class ProductClaim(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="claims")
    claim = models.ForeignKey(
        "evidence.Claim", on_delete=models.PROTECT, related_name="product_uses"
    )

    panels = [FieldPanel("claim")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]  # as for RetailerLink
        constraints = [
            models.UniqueConstraint(
                fields=["page", "claim"],
                name="product_attaches_each_claim_once",
                violation_error_message="This claim is already attached to this "
                "product. Attach each claim once.",
            )
        ]

    def __str__(self):
        return str(self.claim)


class ProductIndexPage(ReviewedPage, PublicPageMixin, Page):
    """The catalogue of magnesium supplements, filtered and sorted by query
    string; htmx asks for the results fragment only. Its words stand beside
    products and prices: read as labelling."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = ReviewedPageForm
    compliance_context = compliance.LABELLING

    parent_page_types = ["mgsite.HomePage"]
    subpage_types = ["products.ProductPage"]
    max_count = 1

    def public_text(self):
        yield from page_text(self)
        yield "intro", self.intro

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)

    def get_context(self, request, *args, **kwargs):
        from products import catalogue

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue.browse(self, request.GET, request))
        return context

    def get_template(self, request, *args, **kwargs):
        template = super().get_template(request, *args, **kwargs)
        htmx = getattr(request, "htmx", None)
        if htmx and not htmx.history_restore_request:
            return f"{template}#results"
        return template

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # Caches must not hand the fragment to a full-page request, or back.
        patch_vary_headers(response, ["HX-Request"])
        return response


class FormsComparisonPage(ReviewedPage, PublicPageMixin, Page):
    """Magnesium forms side by side, drawn from the MagnesiumForm snippets,
    with the catalogue's products and prices: read as labelling."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = ReviewedPageForm
    compliance_context = compliance.LABELLING
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["mgsite.HomePage"]
    subpage_types = []
    max_count = 1

    def public_text(self):
        yield from page_text(self)
        yield "intro", self.intro
        for form in MagnesiumForm.objects.all():
            yield from form.public_text()

    def compliance_findings(self, claims=None):
        return compliance.page_text_findings(self)

    def get_context(self, request, *args, **kwargs):
        from products import comparison

        context = super().get_context(request, *args, **kwargs)
        context.update(comparison.comparison_context())
        return context


def shop_links(product, variants):
    """Where to buy each of the product's sizes, as ``(variant, link)`` in the
    sizes' order; a link naming no size of the product is not shown."""
    order = {variant.sku: (index, variant) for index, variant in enumerate(variants)}
    links = [link for link in product.retailer_links.all() if link.sku in order]
    links.sort(key=lambda link: order[link.sku][0])
    return [(order[link.sku][1], link) for link in links]


def product_page_context(product, request):
    """What a product page shows, beside the page itself."""
    variants = list(product.variants.all())
    # Read only where the page's content fragment is rendered afresh.
    claims = SimpleLazyObject(lambda: presentation.claims_with_citations(product))
    images = list(
        product.images.select_related("image").prefetch_related("image__renditions")
    )
    trail = [*ancestors(product), product]
    return {
        "trail": trail,
        "variants": variants,
        "offer_summary": presentation.offer_summary(variants),
        "shop_links": SimpleLazyObject(lambda: shop_links(product, variants)),
        "images": images,
        "claim_list": claims,
        "related_articles": SimpleLazyObject(
            lambda: presentation.related_articles(product, request)
        ),
        "comparison_page": SimpleLazyObject(
            lambda: versioned(
                "comparison-page",
                lambda: public(FormsComparisonPage.objects.live()).first(),
            )
        ),
        "json_ld": product_json_ld(product, request, variants, images, trail),
    }
