"""Shop links become rows of the product page, naming a size by its SKU, so
they are part of what the page's compliance approval covers. A page with
links was approved without them: it leaves public view until approved again
(``manage.py compliance_check`` lists it as not approved)."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def links_onto_pages(apps, schema_editor):
    RetailerLink = apps.get_model("products", "RetailerLink")
    for link in RetailerLink.objects.select_related("variant"):
        link.page_id = link.variant.page_id
        link.sku = link.variant.sku
        link.save(update_fields=["page", "sku"])


def links_onto_variants(apps, schema_editor):
    RetailerLink = apps.get_model("products", "RetailerLink")
    ProductVariant = apps.get_model("products", "ProductVariant")
    for link in RetailerLink.objects.all():
        variant = ProductVariant.objects.filter(sku=link.sku).first()
        if variant is None:
            link.delete()
        else:
            link.variant = variant
            link.save(update_fields=["variant"])


class Migration(migrations.Migration):
    dependencies = [
        ("products", "0008_retailer_links_for_where_to_buy"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="retailerlink",
            name="one_link_per_shop_and_variant",
        ),
        migrations.AlterField(
            model_name="retailerlink",
            name="variant",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="retailer_links",
                to="products.productvariant",
            ),
        ),
        migrations.AddField(
            model_name="retailerlink",
            name="page",
            field=modelcluster.fields.ParentalKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="retailer_links",
                to="products.productpage",
            ),
        ),
        migrations.AddField(
            model_name="retailerlink",
            name="sku",
            field=models.CharField(
                default="",
                help_text="The SKU of the size this shop sells, as given under "
                "Variants.",
                max_length=64,
                verbose_name="size (SKU)",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="retailerlink",
            name="sort_order",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(links_onto_pages, links_onto_variants),
        migrations.RemoveField(
            model_name="retailerlink",
            name="variant",
        ),
        migrations.AlterField(
            model_name="retailerlink",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="retailer_links",
                to="products.productpage",
            ),
        ),
        migrations.AlterField(
            model_name="retailerlink",
            name="url",
            field=models.URLField(
                max_length=500, verbose_name="the shop's page for this size"
            ),
        ),
        migrations.AlterModelOptions(
            name="retailerlink",
            options={"ordering": ["sort_order"]},
        ),
        migrations.AddConstraint(
            model_name="retailerlink",
            constraint=models.UniqueConstraint(
                fields=("page", "sku", "retailer"),
                name="one_link_per_shop_and_size",
                violation_error_message="This shop already has a link for this "
                "size.",
            ),
        ),
    ]
