from django.contrib import messages
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from evidence.page_listings import ReviewedPageListingViewSet
from evidence.views import ReviewedSnippetViewSet
from products.models import MagnesiumForm, ProductPage


class ProductPageListingViewSet(ReviewedPageListingViewSet):
    model = ProductPage
    icon = "tag"
    menu_label = "Product pages"
    menu_order = 210
    name = "product_pages"


@hooks.register("register_admin_viewset")
def register_product_page_listing():
    return ProductPageListingViewSet()


@hooks.register("after_copy_page")
def say_that_variants_are_not_copied(request, page, new_page):
    if isinstance(new_page.specific, ProductPage):
        messages.warning(
            request,
            f"“{new_page.title}” has no variants: each product has SKUs of its "
            "own. Add its variants before submitting it for review.",
        )


class MagnesiumFormViewSet(ReviewedSnippetViewSet):
    """The forms of magnesium products are made of: names and notes shown
    beside products, so under compliance review."""

    model = MagnesiumForm


register_snippet(MagnesiumFormViewSet)
