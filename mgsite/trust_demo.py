"""Demo brand, trust pages, public profiles and the home page's showcase:
our own words, published through compliance review like everything else.

Idempotent: pages are found by slug, profiles by person, the brand images by
title; content already there is left as it is."""

from django.core.files.images import ImageFile
from wagtail.images.models import Image

from articles.models import Person
from evidence.models import approved_as_they_stand
from evidence.review import publish_demo
from mgsite import brand_art
from mgsite.models import (
    Brand,
    EvidenceGradingPage,
    HomePage,
    ProfilePage,
    ReviewBoardPage,
    SiteSettings,
    StandardPage,
)
from products.models import ProductPage

BRAND_NAME = "Mineral Ledger"
TAGLINE = "Magnesium, read against the research"

HOME_PROMISE = (
    "Every statement about what magnesium does links to the studies behind "
    "it, shows how strong that evidence is, and was approved by a compliance "
    "reviewer who did not write it. When the evidence changes, the statement "
    "goes back to review."
)
HERO_ALT = ""  # abstract shapes only: decorative
FEATURED_PRODUCT = "glycinate-capsules"


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def h2(text):
    return f"<h2>{text}</h2>"


# (slug, title, intro, body html, page class)
PAGES = [
    (
        "about-us",
        "About us",
        f"{BRAND_NAME} is a small, independent publisher of plain-language "
        "reading about magnesium, and a catalogue of magnesium products with "
        "their labels laid out side by side.",
        h2("What we do")
        + p(
            "We read the research on magnesium, explain what it measured and "
            "what it did not, and say how sure anyone can be. Our catalogue "
            "lists each product's form, dose and price per 100 mg of "
            "magnesium so products can be compared on the same terms.",
        )
        + h2("What we do not do")
        + p(
            "We do not sell products and we do not accept payment for "
            "placing them. Shops set their own prices; we link to them so "
            "you can check.",
        )
        + h2("How we are run")
        + p(
            "Writers draft articles; a medical reviewer checks them against "
            "their sources; a compliance reviewer approves every page before "
            "it goes live. Nobody approves their own work.",
        ),
        StandardPage,
    ),
    (
        "editorial-policy",
        "Editorial policy",
        "How an article gets from a first draft to this site, and what we "
        "hold ourselves to along the way.",
        h2("Sources first")
        + p(
            "Every sentence that says what magnesium does cites a study we "
            "have read. We prefer systematic reviews and randomised trials "
            "in people, and we say so when only animal or laboratory work "
            "exists.",
        )
        + h2("Two reviews before publication")
        + p(
            "A medical reviewer checks the article against its sources and "
            "signs it with their name and the date. A compliance reviewer "
            "then reads every word a reader will see. Neither may review "
            "their own writing.",
        )
        + h2("Review dates")
        + p(
            "Each article shows when it was last reviewed and is due for "
            "review again within twelve months. When a cited study is "
            "retracted, the pages citing it go back to review.",
        )
        + h2("Independence")
        + p(
            "Products never pay to appear, and what we write about a form of "
            "magnesium does not depend on who sells it.",
        ),
        StandardPage,
    ),
    (
        "how-we-grade-evidence",
        "How we grade evidence",
        "Beside each statement about what magnesium does you will see a "
        "level of evidence. This page shows exactly how that level is "
        "worked out.",
        p(
            "The level comes from the studies cited for the statement: what "
            "kind of study each one was and what it found. It is calculated, "
            "never chosen by a writer, and it changes as soon as a study is "
            "added, corrected or retracted.",
        ),
        EvidenceGradingPage,
    ),
    (
        "medical-review-board",
        "Medical review board",
        "The people who check our articles against their sources before "
        "they are published, and the people who write them.",
        p(
            "Medical reviewers hold a clinical or scientific qualification "
            "and sign each review with their name. Their names in an "
            "article's byline link here.",
        ),
        ReviewBoardPage,
    ),
    (
        "corrections",
        "Corrections",
        "When we get something wrong we fix it in the open.",
        h2("How to report a mistake")
        + p(
            "Write to corrections@example.com with the page address and "
            "what you think is wrong. A reviewer reads every message within "
            "five working days.",
        )
        + h2("What happens next")
        + p(
            "A correction goes through the same two reviews as the original "
            "article. The article then says what changed and when, at the "
            "end of the page.",
        )
        + h2("Retracted studies")
        + p(
            "We check our library against retraction notices. A retracted "
            "study is marked as such wherever it is cited, and the "
            "statements that relied on it are reviewed again.",
        ),
        StandardPage,
    ),
    (
        "contact",
        "Contact",
        "How to reach the people behind this site.",
        ul(
            "Corrections and questions about an article: corrections@example.com",
            "Questions about a product listing: catalogue@example.com",
            "Privacy requests: privacy@example.com",
        )
        + p(
            "We cannot give personal medical advice. For questions about "
            "your own health, please talk to a doctor or pharmacist.",
        ),
        StandardPage,
    ),
    (
        "privacy",
        "Privacy",
        "What we collect when you read this site: as little as we can.",
        h2("What we collect")
        + p(
            "No advertising or tracking cookies. Our servers record standard "
            "access logs (address, page and time) for security and delete "
            "them after 30 days.",
        )
        + h2("Links to shops")
        + p(
            "When you follow a link to a shop, that shop's own privacy "
            "policy applies. We pass nothing about you to it.",
        )
        + h2("Your rights")
        + p(
            "To ask what we hold about you, or to have it deleted, write to "
            "privacy@example.com.",
        ),
        StandardPage,
    ),
]

PROFILES = {
    # Demo people (articles.demo) -> slug of their profile page.
    "Jordan Ellis": "jordan-ellis",
    "Dr Priya Raman": "priya-raman",
}


def brand_image(title, picture):
    image = Image.objects.filter(title=title).first()
    if image is None:
        buffer = brand_art.png(picture)
        name = title.lower().replace(" ", "-") + ".png"
        image = Image.objects.create(title=title, file=ImageFile(buffer, name=name))
    return image


def load_brand():
    """The demo brand, approved by the demo reviewer, chosen in the site
    settings."""
    settings = SiteSettings.load()
    if settings.brand is None:
        brand = Brand(
            site_name=BRAND_NAME,
            tagline=TAGLINE,
            logo=brand_image(f"{BRAND_NAME} logo", brand_art.mark(128)),
            social_image=brand_image(
                f"{BRAND_NAME} social picture",
                brand_art.social_picture(BRAND_NAME, TAGLINE),
            ),
            live=False,
        )
        brand.full_clean()
        brand.save()
        settings.brand = brand
        settings.save()
    if not approved_as_they_stand([settings.brand]):
        publish_demo(settings.brand)
    return settings.brand


def load_pages(home):
    pages = {}
    for slug, title, intro, body, model in PAGES:
        page = child_page(home, model, slug)
        if page is None:
            page = home.add_child(
                instance=model(title=title, slug=slug, intro=intro, body=body)
            )
            publish_demo(page)
        pages[slug] = page
    return pages


def child_page(home, model, slug):
    return model.objects.child_of(home).filter(slug=slug).first()


def load_profiles(board):
    for name, slug in PROFILES.items():
        person = Person.objects.filter(name=name).first()
        if person is None or ProfilePage.objects.filter(person=person).exists():
            continue
        profile = board.add_child(
            instance=ProfilePage(title=person.name, slug=slug, person=person)
        )
        publish_demo(profile)


def load_showcase(home):
    if home.promise:
        return
    home.promise = HOME_PROMISE
    home.hero_alt = HERO_ALT
    home.hero_image = brand_image(
        f"{BRAND_NAME} home picture", brand_art.hero_picture()
    )
    home.featured_product = ProductPage.objects.filter(slug=FEATURED_PRODUCT).first()
    publish_demo(home)


def load(log):
    brand = load_brand()
    home = HomePage.objects.get()
    pages = load_pages(home)
    load_profiles(pages["medical-review-board"])
    load_showcase(home)
    log(f"Brand: {brand.site_name}; trust pages: {len(pages)}")
