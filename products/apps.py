from django.apps import AppConfig
from django.db.models.signals import post_save


def review_products_under_compliance(sender, instance, created, raw=False, **kwargs):
    """Product pages live under the catalogue; assigning the Compliance review
    workflow to it covers every product page, present and future."""
    from wagtail.models import WorkflowPage

    from evidence.workflows import ensure_compliance_workflow

    if created and not raw:
        WorkflowPage.objects.get_or_create(
            page=instance, defaults={"workflow": ensure_compliance_workflow()}
        )


class ProductsConfig(AppConfig):
    name = "products"

    def ready(self):
        from products.models import ProductIndexPage

        post_save.connect(
            review_products_under_compliance,
            sender=ProductIndexPage,
            dispatch_uid="products-compliance-workflow",
        )
