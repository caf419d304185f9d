"""Demo catalogue."""

from mgsite.models import HomePage
from products.models import ProductIndexPage


def load_catalogue(home):
    catalogue = ProductIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = home.add_child(
            instance=ProductIndexPage(
                title="Products",
                slug="products",
                intro=(
                    "Magnesium supplements with their dose, form and price, and "
                    "only the benefit statements a reviewer approved."
                ),
                show_in_menus=True,
            )
        )
        catalogue.save_revision().publish()
    return catalogue


def load(log):
    catalogue = load_catalogue(HomePage.objects.get())
    log(f"Catalogue: {catalogue.title}")
