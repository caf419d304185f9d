from django.contrib import messages
from wagtail import hooks

from products.models import ProductPage


@hooks.register("after_copy_page")
def say_that_variants_are_not_copied(request, page, new_page):
    if isinstance(new_page.specific, ProductPage):
        messages.warning(
            request,
            f"“{new_page.title}” has no variants: each product has SKUs of its "
            "own. Add its variants before submitting it for review.",
        )
