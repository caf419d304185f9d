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
    return article


def test_related_articles_name_the_product_or_share_its_topic(client, catalogue, hubs):
    product = ProductPageFactory(parent=catalogue)
    product.topics.set([hubs[0]])
    go_live(product)
    naming = add_article(hubs[2], "Choosing a supplement")
    naming.related_products.set([product])
    naming.save()
    same_topic = add_article(hubs[0], "Magnesium and back muscles")
    tagged = add_article(hubs[1], "Nerves and muscles")
    tagged.other_topics.set([hubs[0]])
    tagged.save()
    unrelated = add_article(hubs[1], "Nerve pain basics")
    draft = add_article(hubs[0], "Unfinished back article", live=False)

    html = client.get(product.url).content.decode()

    for article in (naming, same_topic, tagged):
        assert article.title in html
    assert unrelated.title not in html
    assert draft.title not in html


def test_a_product_preview_lists_articles_from_its_unsaved_topics(
    client, catalogue, hubs
):
    product = ProductPageFactory(parent=catalogue)
    nerve_article = add_article(hubs[1], "Nerve pain basics")
    client.get(product.url)  # the live page's related articles are kept

    product.topics = [hubs[1]]  # in the editor, not saved
    preview = product.make_preview_request().content.decode()

    assert nerve_article.title in preview
    assert nerve_article.title not in client.get(product.url).content.decode()


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
