"""The catalogue's filters, sorting and pagination.

One function, ``browse``, turns a query string into the template context for
both the full page and the htmx results fragment. Parameters that do not
validate are dropped, one by one, and reported in a notice; they never raise.
"""

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db.models import (
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.db.models.functions import Cast, NullIf

from evidence.models import ClaimSource
from mgsite.cache import versioned
from mgsite.pages import public
from products.models import (
    MagnesiumForm,
    ProductClaim,
    ProductFormat,
    ProductImage,
    ProductPage,
    ProductVariant,
)

PER_PAGE = 24

SORTS = {
    "name": ("Name (A to Z)", ["title"]),
    "price": ("Price (lowest first)", [F("min_price").asc(nulls_last=True), "title"]),
    "price_per_100mg": (
        "Price per 100 mg (lowest first)",
        [F("price_per_100mg").asc(nulls_last=True), "title"],
    ),
    "mg": (
        "Magnesium per serving (most first)",
        ["-elemental_mg_per_serving", "title"],
    ),
}


class CatalogueFilterForm(forms.Form):
    form = forms.ChoiceField(label="Form", required=False)
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[("", "Any format"), *ProductFormat.choices],
    )
    topic = forms.ChoiceField(label="Topic", required=False)
    min_price = forms.DecimalField(
        label="Lowest price",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )
    max_price = forms.DecimalField(
        label="Highest price",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )
    in_stock = forms.BooleanField(label="In stock only", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, forms_choices=(), topic_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [("", "Any form"), *forms_choices]
        self.fields["topic"].choices = [("", "Any topic"), *topic_choices]

    def clean(self):
        data = super().clean()
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", "The highest price is below the lowest.")
        return data

    def notices(self):
        """One sentence per ignored parameter, for the shopper."""
        return [
            f"We ignored “{self.fields[name].label}”: {' '.join(errors)}"
            for name, errors in self.errors.items()
            if name in self.fields
        ]

    def valid_values(self):
        """Cleaned values of the fields that validated; the others are ignored."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "", False)
        }


def products_queryset(catalogue):
    """Live, public products with the figures cards and sorting need,
    computed in the database; a fixed number of queries for any page size."""
    variants = ProductVariant.objects.filter(page=OuterRef("pk"))
    cheapest = variants.order_by("price").values("price")[:1]
    total_mg = F("elemental_mg_per_serving") * F("servings_per_container")
    return (
        public(ProductPage.objects.child_of(catalogue).live())
        .select_related("magnesium_form")
        .annotate(
            min_price=Subquery(cheapest),
            currency=Subquery(variants.order_by("price").values("currency")[:1]),
            max_price=Subquery(variants.order_by("-price").values("price")[:1]),
            any_in_stock=Exists(variants.filter(in_stock=True)),
        )
        .annotate(
            price_per_100mg=Cast("min_price", FloatField())
            * 100
            / Cast(NullIf(total_mg, 0), FloatField())
        )
    )


def card_prefetches():
    sources = ClaimSource.objects.select_related("source").order_by("sort_order")
    claims = ProductClaim.objects.select_related("claim").prefetch_related(
        Prefetch("claim__cited_sources", queryset=sources)
    )
    images = ProductImage.objects.select_related("image").prefetch_related(
        "image__renditions"
    )
    return [Prefetch("claims", queryset=claims), Prefetch("images", queryset=images)]


def apply_filters(queryset, values):
    lookups = {
        "form": "magnesium_form__slug",
        "format": "format",
        "topic": "topics__slug",
        "min_price": "min_price__gte",
        "max_price": "min_price__lte",
        "in_stock": "any_in_stock",
    }
    for name, lookup in lookups.items():
        if name in values:
            queryset = queryset.filter(**{lookup: values[name]})
    return queryset


def filter_form(params):
    from articles.models import TopicHubPage

    def choices():
        forms_choices = MagnesiumForm.objects.values_list("slug", "name")
        topics = public(TopicHubPage.objects.live()).values_list("slug", "title")
        return list(forms_choices), list(topics)

    forms_choices, topics = versioned("catalogue-filter-choices", choices)
    form = CatalogueFilterForm(
        params, forms_choices=forms_choices, topic_choices=topics
    )
    form.is_valid()
    return form


def paginate(queryset, number):
    """The requested page; page 1 and a notice when it does not exist."""
    paginator = Paginator(queryset, PER_PAGE)
    try:
        return paginator.page(number or 1), []
    except InvalidPage:
        notice = f"There is no page “{number}” of these results; here is page 1."
        return paginator.page(1), [notice]


def browse(catalogue, params):
    form = filter_form(params)
    values = form.valid_values()
    order = SORTS[values.get("sort", "name")][1]
    queryset = apply_filters(products_queryset(catalogue), values)
    queryset = queryset.order_by(*order).prefetch_related(*card_prefetches())
    page, page_notices = paginate(queryset, params.get("page"))
    products = list(page.object_list)
    query = params.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "notices": form.notices() + page_notices,
        "products": products,
        "page_obj": page,
        "result_count": page.paginator.count,
        "query_without_page": query.urlencode(),
    }
