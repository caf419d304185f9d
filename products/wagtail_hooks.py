from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from evidence import compliance
from products.models import ProductPage


@hooks.register("before_publish_page")
def refuse_to_publish_a_product_page_that_breaks_the_rules(request, page):
    """Second line behind ``ProductPageForm``: the editor's publish action
    bypasses ``Page.publish()``, so check the page about to go live here."""
    if not isinstance(page, ProductPage):
        return None
    found = compliance.errors(page.compliance_findings())
    if not found:
        return None
    for finding in found:
        messages.error(request, finding.message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_copy_page")
def say_that_variants_are_not_copied(request, page, new_page):
    if isinstance(new_page.specific, ProductPage):
        messages.warning(
            request,
            f"“{new_page.title}” has no variants: each product has SKUs of its "
            "own. Add its variants before submitting it for review.",
        )
