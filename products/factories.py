import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from products.models import (
    MagnesiumForm,
    ProductClaim,
    ProductFormat,
    ProductImage,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
)


class ProductIndexPageFactory(wagtail_factories.PageFactory):
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
    absorption_notes = factory.Faker("sentence")
    digestive_tolerance = factory.Faker("sentence")
    typical_uses = factory.Faker("sentence")

    class Meta:
        model = MagnesiumForm


class ProductPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("catch_phrase")
    summary = factory.Faker("sentence")
    brand = factory.Faker("company")
    magnesium_form = factory.SubFactory(MagnesiumFormFactory)
    format = ProductFormat.CAPSULE
    elemental_mg_per_serving = factory.Faker("random_int", min=50, max=300)
    serving_size = "2 capsules"
    servings_per_day = 1
    amount_per_serving = 2
    directions = factory.Faker("sentence")
    warnings = factory.Faker("sentence")

    class Meta:
        model = ProductPage


class ProductVariantFactory(DjangoModelFactory):
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


def attach_claims(product, claims):
    for order, claim in enumerate(claims):
        ProductClaim.objects.create(page=product, claim=claim, sort_order=order)


class ProductImageFactory(DjangoModelFactory):
    page = factory.SubFactory(ProductPageFactory)
    image = factory.SubFactory(wagtail_factories.ImageFactory)
    alt_text = factory.Faker("sentence", nb_words=6)

    class Meta:
        model = ProductImage
