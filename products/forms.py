"""The product page's admin form."""

from evidence.forms import ReviewedPageForm


class ProductPageForm(ReviewedPageForm):
    """A shop link names one of the product's sizes by its SKU: one listed
    under Variants in the same form, saved or not, and not being deleted."""

    def clean(self):
        cleaned_data = super().clean()
        variants = self.formsets["variants"]
        links = self.formsets["retailer_links"]
        if variants.is_valid() and links.is_valid():
            skus = {row["sku"] for row in kept_rows(variants)}
            for form in links.forms:
                row = form.cleaned_data
                if row and not row.get("DELETE") and row["sku"] not in skus:
                    form.add_error(
                        "sku",
                        f"No size of this product has the SKU “{row['sku']}”: "
                        "give one listed under Variants.",
                    )
        return cleaned_data


def kept_rows(formset):
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
