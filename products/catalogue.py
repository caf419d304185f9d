"""The catalogue's filters, sorting and pagination.

One function, ``browse``, turns a query string into the template context for
both the full page and the htmx results fragment. Parameters that do not
validate are dropped, one by one, and reported in a notice; they never raise.

Filtering, sorting and paging select product ids only; each product's card
is rendered once per content version and shared by every catalogue URL
(every filter, sort and page, full page or fragment), because a card shows
the same whichever list it is in.
"""

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Subquery,
    When,
)
from django.db.models.functions import Cast, NullIf
from django.http import QueryDict
from django.template.loader import render_to_string

from evidence.compliance import with_approvals
from evidence.models import (
    Claim,
    cited_sources_prefetch,
    shown_pages,
    unshown_fields,
)
from mgsite.cache import versioned_many
from mgsite.pages import public
from products.models import (
    ProductClaim,
    ProductFormat,
    ProductImage,
    ProductPage,
    ProductRoute,
    ProductVariant,
    shown_forms,
)

PER_PAGE = 24
MAX_PAGE = 10_000

SORTS = {
    "name": ("Name (A to Z)", ["title"]),
    "price": ("Price (lowest first)", [F("min_price").asc(nulls_last=True), "title"]),
    # Skin and bath products are ranked among themselves, after the oral
    # ones: their magnesium is not a dose that reaches the body.
    "price_per_100mg": (
        "Price per 100 mg (lowest first)",
        ["route_rank", F("price_per_100mg").asc(nulls_last=True), "title"],
    ),
    "mg": (
        "Magnesium per serving (most first)",
        ["route_rank", "-elemental_mg_per_serving", "title"],
    ),
}
ROUTE_RANK = Case(
    *(When(route_of_use=route, then=rank) for rank, route in enumerate(ProductRoute)),
    default=len(ProductRoute),
)


class CatalogueFilterForm(forms.Form):
    form = forms.ChoiceField(label="Form", required=False)
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[("", "Any format"), *ProductFormat.choices],
    )
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

    def __init__(self, *args, forms_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [("", "Any form"), *forms_choices]

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


def as_float(expression):
    return Cast(expression, FloatField())


def variants_with_price_per_100mg():
    """Each product's variants with ``per_100mg``: the price of 100 mg of
    elemental magnesium in that pack (price × 100 × amount per serving ÷
    (amount in the pack × mg per serving)), as ``ProductVariant.price_per_100mg``."""
    pack_mg = F("amount") * OuterRef("elemental_mg_per_serving")
    return ProductVariant.objects.filter(page=OuterRef("pk")).annotate(
        per_100mg=as_float("price")
        * 100
        * as_float(OuterRef("amount_per_serving"))
        / as_float(NullIf(pack_mg, 0))
    )


def products_queryset(catalogue):
    """Live, public products with the figures cards and sorting need,
    computed in the database; a fixed number of queries for any page size.
    ``price_per_100mg`` is that of the pack that gives magnesium cheapest."""
    variants = ProductVariant.objects.filter(page=OuterRef("pk"))
    cheapest = variants.order_by("price").values("price")[:1]
    best_value = variants_with_price_per_100mg().order_by(
        F("per_100mg").asc(nulls_last=True)
    )
    return public(ProductPage.objects.child_of(catalogue).live()).annotate(
        min_price=Subquery(cheapest),
        currency=Subquery(variants.order_by("price").values("currency")[:1]),
        max_price=Subquery(variants.order_by("-price").values("price")[:1]),
        any_in_stock=Exists(variants.filter(in_stock=True)),
        price_per_100mg=Subquery(best_value.values("per_100mg")[:1]),
        route_rank=ROUTE_RANK,
    )


def card_prefetches():
    claims = (
        ProductClaim.objects.select_related("claim")
        .defer(*unshown_fields(Claim, "claim__"))
        .prefetch_related(cited_sources_prefetch("claim__cited_sources"))
    )
    images = ProductImage.objects.select_related("image").prefetch_related(
        "image__renditions"
    )
    return [Prefetch("claims", queryset=claims), Prefetch("images", queryset=images)]


def apply_filters(queryset, values):
    lookups = {
        "form": "magnesium_form__slug",
        "format": "format",
        "min_price": "min_price__gte",
        "max_price": "min_price__lte",
        "in_stock": "any_in_stock",
    }
    for name, lookup in lookups.items():
        if name in values:
            queryset = queryset.filter(**{lookup: values[name]})
    return queryset


def filter_form(params):
    """No filter by topic, condition or symptom: beside a product it would
    itself be a disease claim. Such a parameter is not a field: ignored."""

    forms_choices = sorted(
        ((form.slug, form.name) for form in shown_forms().values()),
        key=lambda choice: choice[1],
    )
    form = CatalogueFilterForm(params, forms_choices=forms_choices)
    form.is_valid()
    return form


def paginate(queryset, number):
    """The requested page of product ids, and page 1 with a notice when it
    does not exist (Django's Paginator: a count, then the page's ids)."""
    paginator = Paginator(queryset.values_list("pk", flat=True), PER_PAGE)
    try:
        wanted = int(number or 1)
    except ValueError:
        wanted = 0
    try:
        if not 0 < wanted <= MAX_PAGE:
            raise InvalidPage
        return paginator.page(wanted), []
    except InvalidPage:
        notice = f"There is no page “{number}” of these results; here is page 1."
        return paginator.page(1), [notice]


def cards(catalogue, ids, request=None):
    """Each product's card HTML, in the order of ``ids``; only the cards not
    rendered yet under the current content version are fetched and rendered,
    in a fixed number of queries however many."""

    def render(missing):
        products = products_queryset(catalogue).filter(pk__in=missing)
        products = shown_pages(products.prefetch_related(*card_prefetches()))
        with_approvals(
            row.claim for product in products for row in product.claims.all()
        )
        return {
            product.pk: render_to_string(
                "components/product_card.html", {"product": product}, request
            )
            for product in products
        }

    rendered = versioned_many(f"product-card:{catalogue.pk}", ids, render)
    return [rendered[pk] for pk in ids if pk in rendered]


def browse(catalogue, params, request=None):
    form = filter_form(params)
    values = form.valid_values()
    order = SORTS[values.get("sort", "name")][1]
    queryset = apply_filters(products_queryset(catalogue), values).order_by(*order)
    page, page_notices = paginate(queryset, params.get("page"))
    # Page links carry the filters in use; empty ones stay out of the address.
    query = QueryDict(mutable=True)
    for name, values in params.lists():
        if name != "page" and (kept := [value for value in values if value]):
            query.setlist(name, kept)
    return {
        "filter_form": form,
        "notices": form.notices() + page_notices,
        "cards": cards(catalogue, list(page.object_list), request),
        "page_obj": page,
        "result_count": page.paginator.count,
        "query_without_page": query.urlencode(),
    }
