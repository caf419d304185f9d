"""A change purges exactly the URLs that show it from the CDN, through
Wagtail's frontend cache (its HTTP backend, pointed at a real listener), run
as a task."""

import datetime
import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from articles.factories import ArticlePageFactory
from evidence.factories import approved_claim, go_live
from mgsite.models import SiteSettings
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims

pytestmark = pytest.mark.django_db

HOST = "http://localhost"


@pytest.fixture
def product(catalogue, hubs):
    page = ProductPageFactory(parent=catalogue, title="Glycinate capsules")
    ProductVariantFactory(page=page, price="24.00", in_stock=True)
    attach_claims(page, [approved_claim(wording="Magnesium supports muscle function.")])
    return page


def live_page_urls():
    """Every live page on the site (Wagtail's welcome page, outside it, has
    no URL)."""
    found = {page.full_url for page in Page.objects.live().filter(depth__gt=1)}
    return found - {None}


def urls(*paths):
    return {HOST + path for path in paths}


def test_a_variant_price_purges_its_product_page_and_the_catalogue(purges, product):
    purges.urls()
    variant = product.variants.get()

    variant.price = "31.50"
    variant.save()

    assert purges.urls() == urls(product.url, "/products/")


# The worker commits and closes its connection as in production, so the
# test's data must be committed too.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_production_the_worker_finds_and_purges_what_a_change_shows(
    purges, product, settings
):
    """The request only queues the purge: which pages show the change is
    looked up by the database worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    purges.urls()
    variant = product.variants.get()

    variant.price = "29.00"
    variant.save()

    assert purges.urls() == set()
    queued = DBTaskResult.objects.filter(
        task_path="mgsite.invalidation.purge_what_shows"
    )
    assert queued.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert purges.urls() == urls(product.url, "/products/")


def test_without_a_cdn_a_change_queues_no_purge(product, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    variant = product.variants.get()

    variant.price = "29.00"
    variant.save()

    assert not DBTaskResult.objects.exists()


def test_a_withdrawn_claim_purges_the_pages_showing_it_and_its_dossier(purges, product):
    claim = product.claims.get().claim
    purges.urls()

    claim.unpublish()

    assert purges.urls() == urls(
        product.url, "/products/", f"/evidence/claims/{claim.pk}/"
    )


def test_an_approved_rewording_purges_the_article_citing_the_claim(purges, hubs):
    claim = approved_claim(wording="Magnesium supports muscle function.")
    article = ArticlePageFactory(
        parent=hubs[0],
        slug="on-muscles",
        body=[{"type": "claim", "value": claim.pk}],
    )
    purges.urls()

    claim.wording = "Magnesium contributes to normal muscle function."
    go_live(claim)

    assert purges.urls() == urls(
        article.url, hubs[0].url, f"/evidence/claims/{claim.pk}/"
    )


def test_a_retracted_source_purges_every_page_showing_a_claim_citing_it(
    purges, product
):
    claim = product.claims.get().claim
    source = claim.cited_sources.get().source
    purges.urls()

    source.retracted = True
    source.retracted_on = datetime.date(2024, 1, 1)
    source.save()

    assert purges.urls() == urls(
        product.url, "/products/", f"/evidence/claims/{claim.pk}/"
    )


def test_publishing_a_product_purges_it_its_listing_and_the_sitemap(purges, product):
    purges.urls()

    product.title = "Glycinate capsules, 120"
    go_live(product)

    assert purges.urls() == urls(product.url, "/products/", "/sitemap.xml")


def test_unpublishing_a_menu_section_purges_every_page(purges, product, hubs):
    purges.urls()

    hubs[1].unpublish()

    every_live_page = live_page_urls()
    assert purges.urls() == every_live_page | {hubs[1].full_url} | urls("/sitemap.xml")


def test_a_site_setting_purges_every_page(purges, product):
    purges.urls()

    settings_row = SiteSettings.load()
    settings_row.save()

    every_live_page = live_page_urls()
    assert purges.urls() == every_live_page | urls("/sitemap.xml")


def test_approving_a_magnesium_form_change_purges_every_page(purges, product):
    purges.urls()
    form = product.magnesium_form
    form.typical_uses = "Taken with the evening meal."
    form.save_revision()
    assert purges.urls() == set()  # a draft shows nowhere

    go_live(form)

    every_live_page = live_page_urls()
    assert purges.urls() == every_live_page | urls("/sitemap.xml")


def test_saving_a_draft_purges_nothing(purges, product):
    purges.urls()

    product.title = "Not published yet"
    product.save_revision()

    assert purges.urls() == set()
