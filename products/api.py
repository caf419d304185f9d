"""The read-only products endpoint of the site's API (Wagtail API v2).

Wagtail's API answers most bad parameters with a 400; the rest (a partial
date, a non-numeric ``find/?id``, an unknown search operator, a NUL byte, a
search long enough to exhaust the query parser) are refused here, before
they reach the database, so a stranger cannot fill the error log.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from evidence.models import shown_pages
from products.models import ProductFormat, ProductPage

# Beyond any catalogue; an offset near 2**63 overflows the database's integers.
MAX_OFFSET = 1_000_000
SEARCH_OPERATORS = ("and", "or")
# Far beyond any shopper's search; each word nests the parsed query deeper.
MAX_SEARCH_WORDS = 32
MAX_SEARCH_CHARS = 255
MAX_ID_DIGITS = 18  # below 2**63
# Filterable fields whose text the database would otherwise refuse.
PARSED_FIELDS = (models.DateField, models.TimeField, models.DecimalField)


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination, refusing an offset the database cannot take
    with a 400 rather than failing in the query."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own check answers it
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


def is_id(value):
    """A positive integer the database's integers can hold."""
    return value.isdecimal() and len(value) <= MAX_ID_DIGITS


def check_search(query, operator):
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    if len(query) > MAX_SEARCH_CHARS or len(query.split()) > MAX_SEARCH_WORDS:
        raise BadRequestError(
            f"search is too long (at most {MAX_SEARCH_WORDS} words and "
            f"{MAX_SEARCH_CHARS} characters)"
        )


def check_field_value(model, name, value):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return  # Wagtail's own check answers unknown parameters
    if field.is_relation and not is_id(value):
        raise BadRequestError(f"{name} must be a positive integer")
    if isinstance(field, PARSED_FIELDS):
        try:
            field.to_python(value)
        except ValidationError as error:
            raise BadRequestError(
                f"field filter error. '{value}' is not a valid value for {name}"
            ) from error


def check_parameters(query, model, filters):
    """A 400 for what Wagtail's API would pass on to the database;
    ``filters`` are the names its field filter reads."""
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            raise BadRequestError("null characters are not allowed")
        if name in filters:
            check_field_value(model, name, values[-1])  # the one Wagtail reads
    if "search" in query:
        check_search(query["search"], query.get("search_operator"))


class ProductsAPIViewSet(PagesAPIViewSet):
    """Live, public product pages only; the ``type`` parameter cannot widen it.
    Claims are in the detail view (and in listings with ``?fields=*``)."""

    name = "products"
    model = ProductPage
    pagination_class = BoundedPagination
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "brand",
        "magnesium_form",
        "format",
        "elemental_mg_per_serving",
    ]

    # ``?format=`` picks the renderer (REST framework), so the product field
    # ``format`` is filtered as ``?product_format=capsule``.
    known_query_parameters = PagesAPIViewSet.known_query_parameters | {"product_format"}

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        """Every field for output, but ``format`` is no field filter: Wagtail
        would read the renderer's ``?format=json`` as one and find nothing."""
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:
            fields = [name for name in fields if name != "format"]
        return fields

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        filters = set(self.get_available_fields(self.model, db_fields_only=True))
        # Wagtail reads ``locale`` as a language code, not as the field.
        check_parameters(request.GET, self.model, filters - {"locale"})

    def find_object(self, queryset, request):
        if "id" in request.GET and not is_id(request.GET["id"]):
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)

    def get_queryset(self):
        public = ProductPage.objects.filter(pk__in=self.get_base_queryset())
        if "product_format" in self.request.GET:
            public = public.filter(format=self.product_format())
        shown = [page.pk for page in shown_pages(public)]
        return ProductPage.objects.filter(pk__in=shown).order_by("title")

    def product_format(self):
        value = self.request.GET["product_format"]
        if value not in ProductFormat.values:
            choices = ", ".join(ProductFormat.values)
            raise BadRequestError(f"product_format must be one of: {choices}")
        return value


api_router = WagtailAPIRouter("api")
api_router.register_endpoint("products", ProductsAPIViewSet)
