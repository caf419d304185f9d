import pytest

from articles.factories import ArticlePageFactory
from evidence.factories import go_live
from products.models import MagnesiumForm, ProductClaim, ProductPage, ProductVariant


def cite(source, words="a trial found"):
    """Rich text database HTML with one inline citation."""
    return f'<a linktype="citation" id="{source.pk}">{words}</a>'


def paragraph(html):
    return {"type": "paragraph", "value": f"<p>{html}</p>"}


@pytest.fixture
def hub(hubs):
    return hubs[0]


@pytest.fixture
def make_article(hub, django_capture_on_commit_callbacks):
    def make(body, parent=None, **kwargs):
        # Wagtail updates the reference index in a task queued on commit.
        with django_capture_on_commit_callbacks(execute=True):
            return ArticlePageFactory(parent=parent or hub, body=body, **kwargs)

    return make


@pytest.fixture
def make_product(catalogue):
    form, _ = MagnesiumForm.objects.get_or_create(
        slug="glycinate",
        defaults={"name": "Magnesium glycinate", "elemental_share_percent": 14},
    )

    def make(title="Mg Capsules", claims=()):
        product = catalogue.add_child(
            instance=ProductPage(
                title=title,
                summary="A glycinate capsule.",
                brand="Acme",
                magnesium_form=form,
                format="capsule",
                elemental_mg_per_serving=100,
                serving_size="2 capsules",
                servings_per_day=2,
                amount_per_serving=2,
                directions="Take with food.",
                warnings="Ask a doctor if you have kidney disease.",
            )
        )
        ProductVariant.objects.create(
            page=product,
            sku=f"SKU-{product.pk}",
            size_label="120",
            amount=120,
            price=20,
            currency="USD",
        )
        for claim in claims:
            ProductClaim.objects.create(page=product, claim=claim)
        go_live(product)  # reviewed with its variant and claims
        return product

    return make
