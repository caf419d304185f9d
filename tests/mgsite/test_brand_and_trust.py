"""The brand, chosen in the site settings and approved in compliance
review, shows everywhere the name does; the trust pages and public profiles
render for any reader, are linked from the footer and bylines, and pass the
same rules and review as the rest of the site."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from articles.factories import ArticlePageFactory, PersonFactory
from evidence import grading
from evidence.factories import go_live
from evidence.models import ReviewRefused
from evidence.review_views import review_url
from mgsite.factories import (
    BrandFactory,
    EvidenceGradingPageFactory,
    ProfilePageFactory,
    ReviewBoardPageFactory,
    StandardPageFactory,
)
from mgsite.models import Brand, SiteSettings
from products.factories import ProductImageFactory, ProductPageFactory
from tests.evidence.conftest import make_user
from tests.services import empty_caches

pytestmark = pytest.mark.django_db

TRUST_TITLES = ["About us", "Editorial policy", "Corrections", "Contact", "Privacy"]


@pytest.fixture
def trust_pages(home_page):
    pages = [StandardPageFactory(parent=home_page, title=t) for t in TRUST_TITLES]
    pages.append(EvidenceGradingPageFactory(parent=home_page))
    pages.append(ReviewBoardPageFactory(parent=home_page))
    return pages


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(document, kind):
    for script in document.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        for item in data if isinstance(data, list) else [data]:
            if item.get("@type") == kind:
                return item
    return None


def places_of_the_name(document):
    """Every place a reader or a crawler reads the site's name."""
    return {
        "header": document.select_one(".site-logo").get_text(strip=True),
        "title": document.title.get_text().rsplit("·", 1)[1].strip(),
        "og:site_name": document.find("meta", property="og:site_name")["content"],
        "json-ld": json_ld(document, "Organization")["name"],
        "footer": document.select_one(".site-footer__name").get_text(strip=True),
    }


def test_each_trust_page_renders_for_anonymous_readers_and_is_linked_from_the_footer(
    client, trust_pages
):
    footer = soup(client.get("/")).select_one(".footer-nav")
    linked = {a["href"]: a.get_text(strip=True) for a in footer.find_all("a")}

    for page in trust_pages:
        document = soup(client.get(page.url))
        assert document.h1.get_text(strip=True) == page.title
        assert linked[page.url] == page.title


def test_changing_the_brand_name_changes_every_place_it_appears(client, home_page):
    brand = BrandFactory(site_name="Quartz Notes")
    first = places_of_the_name(soup(client.get("/")))

    brand.site_name = "Harbour Reading"
    go_live(brand)
    document = soup(client.get("/"))

    assert set(first.values()) == {"Quartz Notes"}
    assert set(places_of_the_name(document).values()) == {"Harbour Reading"}
    assert "Quartz Notes" not in document.decode()


def brand_form(client, brand, **changes):
    """The brand editor's fields as the admin shows them, with ``changes``."""
    url = reverse("wagtailsnippets_mgsite_brand:edit", args=[brand.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return url, data


def test_a_new_brand_name_shows_only_after_another_person_approves_it(
    client, home_page
):
    BrandFactory(site_name="Quartz Notes")
    brand = Brand.objects.get()
    writer = make_user("brand-writer", is_superuser=True, is_staff=True)
    reviewer = make_user("brand-reviewer", "Compliance reviewers")
    client.force_login(writer)
    url, data = brand_form(client, brand, site_name="Harbour Reading")

    client.post(url, {**data, "action-submit": "Submit"})
    client.logout()
    waiting = places_of_the_name(soup(client.get("/")))
    client.force_login(reviewer)
    screen = client.get(review_url(brand))
    client.post(review_url(brand), {"action": "approve", "approve-comment": "Fine."})
    client.logout()
    approved = places_of_the_name(soup(client.get("/")))

    assert set(waiting.values()) == {"Quartz Notes"}
    assert "Harbour Reading" in screen.content.decode()
    assert set(approved.values()) == {"Harbour Reading"}


def test_the_brand_writer_is_not_offered_approval_of_their_own_change(
    client, home_page
):
    brand = BrandFactory(site_name="Quartz Notes")
    writer = make_user("brand-writer", is_superuser=True, is_staff=True)
    client.force_login(writer)
    url, data = brand_form(client, brand, site_name="Harbour Reading")
    client.post(url, {**data, "action-submit": "Submit"})

    response = client.post(
        review_url(brand), {"action": "approve", "approve-comment": "Mine."}
    )
    client.logout()

    assert response.status_code == 302
    assert places_of_the_name(soup(client.get("/")))["header"] == "Quartz Notes"
    assert Brand.objects.get(pk=brand.pk).site_name == "Quartz Notes"


def test_publishing_the_brand_from_its_editor_is_refused_even_for_a_superuser(
    admin_client, home_page
):
    brand = BrandFactory(site_name="Quartz Notes")
    url, data = brand_form(admin_client, brand, site_name="Harbour Reading")

    response = admin_client.post(url, {**data, "action-publish": "Publish"})

    assert response.status_code == 200
    assert "only through compliance review" in str(
        response.context["form"].non_field_errors()
    )
    assert Brand.objects.get(pk=brand.pk).site_name == "Quartz Notes"
    assert Brand.current().site_name == "Quartz Notes"


def test_a_brand_written_around_review_is_never_shown(client, home_page):
    brand = BrandFactory(site_name="Quartz Notes", tagline="Read with care")
    Brand.objects.filter(pk=brand.pk).update(site_name="Cures Cramps Co")
    empty_caches()

    document = soup(client.get("/"))

    assert "Cures Cramps Co" not in document.decode()
    assert set(places_of_the_name(document).values()) == {Brand().site_name}
    assert not document.select_one(".site-logo img")


def test_the_social_image_and_logo_come_from_the_brand(client, home_page):
    BrandFactory(
        logo=Image.objects.create(title="mark", file=get_test_image_file()),
        social_image=Image.objects.create(
            title="share", file=get_test_image_file(size=(1200, 630))
        ),
    )
    document = soup(client.get("/"))

    og_image = document.find("meta", property="og:image")["content"]
    assert og_image.startswith("http") and "/images/" in og_image
    assert (
        document.select_one(".site-logo img")["src"]
        in json_ld(document, "Organization")["logo"]
    )
    assert document.find("link", rel="apple-touch-icon")
    assert document.find("link", rel="icon", type="image/svg+xml")


def test_brand_colours_and_icons_reach_every_page(client, home_page):
    BrandFactory(brand_colour="#1d4f91")

    css = client.get("/brand.css")

    assert css.status_code == 200
    assert "--brand: #1d4f91" in css.content.decode()
    assert soup(client.get("/")).find("link", href="/brand.css")


def test_a_brand_colour_unreadable_on_white_is_refused_in_the_admin(
    admin_client, home_page
):
    brand = BrandFactory(site_name="Quartz Notes")
    url, data = brand_form(
        admin_client, brand, brand_colour="#9fe0c8", site_name="Harbour Reading"
    )

    response = admin_client.post(url, {**data, "action-submit": "Submit"})

    assert response.status_code == 200
    assert "brand_colour" in response.context["form"].errors
    assert brand.current_workflow_state is None
    assert Brand.current().site_name == "Quartz Notes"


def test_the_site_settings_choose_which_approved_brand_is_worn(
    admin_client, client, home_page
):
    BrandFactory(site_name="Quartz Notes")
    other = BrandFactory(site_name="Harbour Reading")  # worn on creation
    chosen = Brand.objects.get(site_name="Quartz Notes")
    page = admin_client.get("/admin/settings/mgsite/sitesettings/", follow=True)
    url = (
        page.redirect_chain[-1][0] if page.redirect_chain else page.request["PATH_INFO"]
    )

    admin_client.post(url, {"brand": chosen.pk})

    assert SiteSettings.load().brand == chosen != other
    assert places_of_the_name(soup(client.get("/")))["header"] == "Quartz Notes"


def test_grading_page_shows_the_weights_and_levels_the_site_applies(client, home_page):
    page = EvidenceGradingPageFactory(parent=home_page)
    document = soup(client.get(page.url))

    rows = {
        row.th.get_text(strip=True): float(row.td.get_text(strip=True))
        for row in document.select(".grading-weights tbody tr")
    }
    expected = {
        names[0].capitalize(): grading.weight(grading.StudyFinding(None, design))
        for design, names in grading.DESIGN_NAMES.items()
    }
    assert rows == expected
    shown_steps = [
        li.get_text(strip=True) for li in document.select(".grading-examples__steps li")
    ]
    strongest_example = grading.grade(
        [grading.StudyFinding(1, grading.SYSTEMATIC_REVIEW, grading.SUPPORTS)]
    )
    assert list(strongest_example.steps) == shown_steps[: len(strongest_example.steps)]
    assert len(document.select(".grading-levels__row")) == len(grading.LEVEL_ORDER)


def test_trust_page_text_passes_the_same_rules_as_every_page(home_page):
    with pytest.raises(ReviewRefused):
        StandardPageFactory(
            parent=home_page,
            body="<p>Magnesium cures back pain and stops migraines.</p>",
        )


def test_bylines_link_to_profile_pages_with_profile_json_ld(client, home_page, hubs):
    board = ReviewBoardPageFactory(parent=home_page)
    author = PersonFactory(
        name="Robin Vale", credentials="RD", bio="Writes on magnesium intake."
    )
    profile = ProfilePageFactory(parent=board, person=author)
    article = ArticlePageFactory(parent=hubs[0], author=author)

    byline = soup(client.get(article.url)).select_one(".byline")
    assert byline.find("a", href=profile.url).get_text(strip=True) == "Robin Vale, RD"

    document = soup(client.get(profile.url))
    data = json_ld(document, "ProfilePage")
    assert data["mainEntity"]["name"] == "Robin Vale"
    assert data["mainEntity"]["honorificSuffix"] == "RD"
    assert data["mainEntity"]["description"] == "Writes on magnesium intake."
    assert article.title in document.get_text()
    board_page = soup(client.get(board.url))
    assert board_page.find("a", href=profile.url)


def test_review_board_lists_reviewers_apart_from_writers_in_constant_queries(
    client, home_page
):
    board = ReviewBoardPageFactory(parent=home_page)

    def add_profile(name, role=None):
        user = make_user(name.split()[-1].lower(), role) if role else None
        person = PersonFactory(name=name, credentials="MD", user=user)
        ProfilePageFactory(parent=board, person=person)

    def board_page():
        empty_caches()  # a cold cache: the members are read afresh
        with CaptureQueriesContext(connection) as queries:
            document = soup(client.get(board.url))
        return document, len(queries)

    add_profile("Ada Lind", "Medical reviewers")
    add_profile("Robin Vale")
    _, few = board_page()
    add_profile("Noor Haddad", "Medical reviewers")
    add_profile("Sam Ortiz", "Editors")
    add_profile("Kit Amberley")
    document, more = board_page()

    assert more == few

    def names(section):
        found = document.select_one(f"section[aria-labelledby='{section}-heading']")
        return sorted(a.get_text(strip=True) for a in found.select(".person-card a"))

    assert names("reviewers") == [
        "Ada Lind",
        "Noor Haddad",
    ]
    assert names("writers") == [
        "Kit Amberley",
        "Robin Vale",
        "Sam Ortiz",
    ]


def test_home_shows_topics_newest_articles_a_product_and_the_promise(
    client, home_page, hubs, catalogue
):
    article = ArticlePageFactory(parent=hubs[1])
    product = ProductPageFactory(parent=catalogue)
    ProductImageFactory(page=product)
    home_page.promise = "Every statement links to its sources."
    home_page.featured_product = product
    home_page.save()
    go_live(home_page)

    document = soup(client.get("/"))

    topic_links = [a["href"] for a in document.select(".topic-card a")]
    assert topic_links == [hub.url for hub in hubs]
    assert document.select_one(".article-teaser a")["href"] == article.url
    assert document.select_one(".product-highlight a[href]")["href"] == product.url
    assert document.select_one(".product-highlight picture source[type='image/avif']")
    assert (
        "Every statement links to its sources."
        in document.select_one(".promise").get_text()
    )
