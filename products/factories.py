import wagtail_factories

from products.models import ProductIndexPage


class ProductIndexPageFactory(wagtail_factories.PageFactory):
    title = "Products"
    show_in_menus = True

    class Meta:
        model = ProductIndexPage
