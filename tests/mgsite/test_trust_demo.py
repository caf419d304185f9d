"""The demo's brand, trust pages, profiles, home showcase and shops: all
live through compliance review, in words that pass the page text rules."""

import pytest
from django.core.management import call_command

from evidence import compliance
from evidence.models import shown_pages
from mgsite.models import Brand, HomePage, ProfilePage, StandardPage
from mgsite.trust_demo import BRAND_NAME, PAGES
from products.models import ProductVariant, RetailerLink

pytestmark = pytest.mark.django_db


def test_demo_trust_pages_profiles_and_shops_are_live_and_pass_the_rules(client):
    call_command("load_demo", verbosity=0)

    trust = StandardPage.objects.live().specific()
    assert len(shown_pages(trust)) == len(PAGES)
    profiles = ProfilePage.objects.live()
    assert len(shown_pages(profiles)) == profiles.count() == 2
    for page in [*trust, *profiles.specific(), HomePage.objects.get()]:
        assert compliance.errors(page.compliance_findings()) == []
        assert client.get(page.url).status_code == 200
    assert Brand.current().site_name == BRAND_NAME
    assert Brand.current().logo is not None
    assert HomePage.objects.get().featured_product is not None
    in_stock = ProductVariant.objects.filter(in_stock=True)
    assert set(RetailerLink.objects.values_list("sku", flat=True)) == set(
        in_stock.values_list("sku", flat=True)
    )
