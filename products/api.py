"""The read-only products endpoint of the site's API (Wagtail API v2)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from products.models import ProductPage


class ProductsAPIViewSet(PagesAPIViewSet):
    """Live, public product pages only; the ``type`` parameter cannot widen it.
    Claims are in the detail view (and in listings with ``?fields=*``)."""

    name = "products"
    model = ProductPage
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "brand",
        "magnesium_form",
        "format",
        "elemental_mg_per_serving",
    ]

    def get_queryset(self):
        public = self.get_base_queryset().values_list("pk", flat=True)
        return (
            ProductPage.objects.filter(pk__in=public)
            .select_related("magnesium_form")
            .order_by("title")
        )


api_router = WagtailAPIRouter("api")
api_router.register_endpoint("products", ProductsAPIViewSet)
