"""The read-only products endpoint of the site's API (Wagtail API v2)."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from evidence.models import shown_pages
from products.models import ProductFormat, ProductPage

# Beyond any catalogue; an offset near 2**63 overflows the database's integers.
MAX_OFFSET = 1_000_000


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

    def get_queryset(self):
        public = ProductPage.objects.filter(pk__in=self.get_base_queryset())
        if "product_format" in self.request.GET:
            public = public.filter(format=self.product_format())
        shown = [page.pk for page in shown_pages(public)]
        return (
            ProductPage.objects.filter(pk__in=shown)
            .select_related("magnesium_form")
            .order_by("title")
        )

    def product_format(self):
        value = self.request.GET["product_format"]
        if value not in ProductFormat.values:
            choices = ", ".join(ProductFormat.values)
            raise BadRequestError(f"product_format must be one of: {choices}")
        return value


api_router = WagtailAPIRouter("api")
api_router.register_endpoint("products", ProductsAPIViewSet)
