import datetime

import pytest

from articles.models import ArticlePage, Person
from evidence.factories import go_live
from products.factories import MagnesiumFormFactory, ProductPageFactory

pytestmark = pytest.mark.django_db


def add_article(hub, title, **fields):
    person = Person.objects.create(name="Ada Reviewer", credentials="MD")
    article = ArticlePage(
        title=title,
        summary=f"Summary of {title}.",
        body=[("paragraph", "<p>Text.</p>")],
        author=person,
        medical_reviewer=person,
        last_reviewed=datetime.date(2026, 1, 15),
        **fields,
    )
    hub.add_child(instance=article)
    if article.live:
        go_live(article)
    return article


def test_read_more_lists_only_the_live_articles_the_editor_chose(
    client, catalogue, hubs
):
    product = ProductPageFactory(parent=catalogue)
    chosen = add_article(hubs[0], "Choosing a supplement")
    draft = add_article(hubs[0], "Unfinished choice", live=False)
    naming = add_article(hubs[1], "An article that names the product")
    naming.related_products.set([product])
    naming.save()
    product.related_reading.set([chosen, draft])
    go_live(product)

    html = client.get(product.url).content.decode()

    assert chosen.title in html
    assert draft.title not in html
    # Nothing is filled in automatically, by topic or by an article naming it.
    assert naming.title not in html


def test_a_product_preview_lists_the_editors_unsaved_choice(client, catalogue, hubs):
    product = ProductPageFactory(parent=catalogue)
    article = add_article(hubs[1], "Forms of magnesium")
    client.get(product.url)  # the live page's related reading is kept

    product.related_reading = [article]  # in the editor, not saved
    preview = product.make_preview_request().content.decode()

    assert article.title in preview
    assert article.title not in client.get(product.url).content.decode()


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("boss", "b@example.com", "pw")
    )
    return client


def test_product_page_editor_renders(admin_client, product):
    response = admin_client.get(f"/admin/pages/{product.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Images" in html
    assert "Claims" in html


def test_magnesium_form_snippet_editor_offers_benefit_statements(admin_client):
    form = MagnesiumFormFactory()

    response = admin_client.get(
        f"/admin/snippets/products/magnesiumform/edit/{form.pk}/"
    )

    assert response.status_code == 200
    assert "Benefit statements" in response.content.decode()
