"""The benchmark's generated site is served as the benchmark reads it."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import ArticlePage
from mgsite.management.commands.seed_scale import BENCH_ARTICLE, BENCH_PRODUCT
from products.models import ProductPage

pytestmark = pytest.mark.django_db


def test_seeded_articles_and_products_are_served_to_shoppers(client):
    call_command(
        "seed_scale",
        products=3,
        sources=60,
        claims=60,
        articles=2,
        citations=4,
        stdout=StringIO(),
    )
    article = ArticlePage.objects.get(slug=BENCH_ARTICLE)
    product = ProductPage.objects.get(slug=BENCH_PRODUCT)
    # Every article shows a product card, whose product must be approved
    # before the article's approval records what it shows.
    for page in (article, product, ArticlePage.objects.exclude(pk=article.pk).get()):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    assert article.title in client.get(article.url).content.decode()
    # What the benchmark times is a site that passes its own compliance
    # check (the command fails on any error finding).
    call_command("compliance_check", stdout=StringIO())
