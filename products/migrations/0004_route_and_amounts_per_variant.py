"""A route for every product, and amounts per variant in place of the one
"servings per container" that every size shared.

Existing data: the route follows the format (sprays and oils on the skin,
flakes in the bath, the rest by mouth). A variant's amount is read from its
size label ("120 capsules", "200 g tub", "1 kg pouch", "60 ml bottle"); the
serving is the first variant's amount over the old servings per container,
which described that size. A label without a number keeps the old figure:
one unit per serving, as many as there were servings.
"""

import re
from decimal import Decimal

import django.core.validators
from django.db import migrations, models

SIZE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(kg|g|l|ml)?\b", re.IGNORECASE)
SCALE = {"kg": 1000, "l": 1000}
ROUTES = {"topical": "topical", "bath_flakes": "bath"}


def amount_in_label(label):
    match = SIZE.search(label or "")
    if not match:
        return None
    number = Decimal(match.group(1).replace(",", "."))
    return number * SCALE.get((match.group(2) or "").lower(), 1) or None


def fill(apps, schema_editor):
    ProductPage = apps.get_model("products", "ProductPage")
    for product in ProductPage.objects.all():
        variants = list(product.variants.order_by("sort_order", "pk"))
        amounts = [amount_in_label(v.size_label) for v in variants]
        servings = Decimal(product.servings_per_container or 1)
        first = amounts[0] if amounts else None
        per_serving = (first / servings) if first else Decimal(1)
        product.amount_per_serving = per_serving.quantize(Decimal("0.01"))
        product.route_of_use = ROUTES.get(product.format, "oral")
        product.save(update_fields=["amount_per_serving", "route_of_use"])
        for variant, amount in zip(variants, amounts, strict=True):
            variant.amount = amount or servings * product.amount_per_serving
            variant.save(update_fields=["amount"])


class Migration(migrations.Migration):
    dependencies = [("products", "0003_images_form_claims_comparison")]

    operations = [
        migrations.AddField(
            model_name="productpage",
            name="route_of_use",
            field=models.CharField(
                choices=[
                    ("oral", "Taken by mouth"),
                    ("topical", "On the skin"),
                    ("bath", "In the bath"),
                ],
                default="oral",
                help_text="Only products taken by mouth show Supplement Facts, a "
                "daily intake and % Daily Value, and are ranked against each other "
                "by price per 100 mg; skin and bath products are compared among "
                "themselves.",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="productpage",
            name="amount_per_serving",
            field=models.DecimalField(decimal_places=2, max_digits=8, null=True),
        ),
        migrations.AddField(
            model_name="productvariant",
            name="amount",
            field=models.DecimalField(decimal_places=2, max_digits=9, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveField(model_name="productpage", name="servings_per_container"),
        migrations.AlterField(
            model_name="productpage",
            name="amount_per_serving",
            field=models.DecimalField(
                decimal_places=2,
                help_text="How much of the pack one serving uses, counted as the "
                "variants' amounts are: capsules or tablets; grams for powders and "
                "bath flakes; millilitres for liquids and sprays.",
                max_digits=8,
                validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                verbose_name="amount per serving",
            ),
        ),
        migrations.AlterField(
            model_name="productvariant",
            name="amount",
            field=models.DecimalField(
                decimal_places=2,
                help_text="Counted as the product's amount per serving: capsules or "
                "tablets; grams for powders and bath flakes (1 kg = 1000); "
                "millilitres for liquids and sprays.",
                max_digits=9,
                validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                verbose_name="amount in the pack",
            ),
        ),
    ]
