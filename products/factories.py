import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from evidence.factories import ReviewedFactoryMixin, go_live
from products.models import (
    MagnesiumForm,
    ProductClaim,
    ProductFormat,
    ProductImage,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
    RetailerLink,
)


class ProductIndexPageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    title = "Products"
    show_in_menus = True

    class Meta:
        model = ProductIndexPage


class MagnesiumFormFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Form {n}")
    slug = factory.Sequence(lambda n: f"form-{n}")
    elemental_share_percent = factory.Faker(
        "pydecimal", left_digits=2, right_digits=1, min_value=5, max_value=60
    )
    absorption_notes = "Absorbed in the small intestine."
    digestive_tolerance = "Usually well tolerated with food."
    typical_uses = "Taken with meals."

    class Meta:
        model = MagnesiumForm

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Through compliance review, also when made as a product's SubFactory
        # (which does not go through ``create``).
        super()._after_postgeneration(instance, create, results)
        if create and instance.live:
            go_live(instance)


class ProductPageFactory(ReviewedFactoryMixin, wagtail_factories.PageFactory):
    # Neutral words: made-up marketing phrases can state a benefit ("helps"),
    # which the page text rules refuse on a product page.
    title = factory.Sequence(lambda n: f"Magnesium capsules {n}")
    summary = "A magnesium supplement in capsules."
    brand = factory.Sequence(lambda n: f"Brand {n}")
    magnesium_form = factory.SubFactory(MagnesiumFormFactory)
    format = ProductFormat.CAPSULE
    elemental_mg_per_serving = factory.Faker("random_int", min=50, max=300)
    serving_size = "2 capsules"
    servings_per_day = 1
    amount_per_serving = 2
    directions = "Take with food, as the pack says."
    warnings = "Keep out of the reach of children."

    class Meta:
        model = ProductPage


class ProductVariantFactory(ReviewedFactoryMixin, DjangoModelFactory):
    page = factory.SubFactory(ProductPageFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    size_label = factory.LazyAttribute(lambda o: f"{o.amount} capsules")
    amount = factory.Faker("random_int", min=30, max=240)
    price = factory.Faker(
        "pydecimal", left_digits=2, right_digits=2, min_value=5, max_value=60
    )
    currency = "USD"
    in_stock = True
    gtin = factory.Faker("ean13")

    class Meta:
        model = ProductVariant

    @classmethod
    def reviewed_object(cls, instance):
        return instance.page


def attach_claims(product, claims):
    """Attach ``claims`` to ``product``; a live product is reviewed again."""
    for order, claim in enumerate(claims):
        ProductClaim.objects.create(page=product, claim=claim, sort_order=order)
    if product.live:
        go_live(product)


class ProductImageFactory(ReviewedFactoryMixin, DjangoModelFactory):
    page = factory.SubFactory(ProductPageFactory)
    image = factory.SubFactory(wagtail_factories.ImageFactory)
    alt_text = "A white bottle of capsules."

    class Meta:
        model = ProductImage

    @classmethod
    def reviewed_object(cls, instance):
        return instance.page


class RetailerLinkFactory(ReviewedFactoryMixin, DjangoModelFactory):
    """A shop link for ``variant``'s size, on its product page (reviewed
    again with the link added, like any row of a live page)."""

    page = factory.SelfAttribute("variant.page")
    sku = factory.SelfAttribute("variant.sku")
    retailer = factory.Sequence(lambda n: f"Shop {n}")
    url = factory.LazyAttribute(lambda o: f"https://shop.example.com/{o.sku}")
    price = factory.LazyAttribute(lambda o: o.variant.price)
    currency = "USD"
    listed_on = factory.LazyFunction(timezone.localdate)

    class Params:
        variant = factory.SubFactory(ProductVariantFactory)

    class Meta:
        model = RetailerLink

    @classmethod
    def reviewed_object(cls, instance):
        return instance.page
