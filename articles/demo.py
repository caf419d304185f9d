"""Demo topic hubs and articles."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from articles.demo_content import ARTICLES
from articles.models import ArticlePage, Person, TopicHubPage, default_next_review
from evidence.models import Source
from evidence.review import DEMO_ACKNOWLEDGEMENT, publish_demo, publish_with_review
from mgsite.models import HomePage

HUBS = [
    (
        "Back pain",
        "back-pain",
        "People with tight, aching backs often ask about magnesium. Here we "
        "look at what the "
        "studies measured, which forms are easier on the stomach, and where the "
        "evidence is still thin.",
    ),
    (
        "Nerve pain",
        "nerve-pain",
        "These articles explain what researchers have tested in "
        "nerve-related pain, what they found, and what remains unproven.",
    ),
    (
        "Chronic pain",
        "chronic-pain",
        "Pain that lasts for months is shaped by how the nervous system "
        "amplifies signals over time. We summarise the research on magnesium "
        "in long-lasting pain, including the gaps and the open questions.",
    ),
]

PEOPLE = {
    "author": (
        "Jordan Ellis",
        "RD",
        "A registered dietitian who writes about minerals and supplements for "
        "this site (demo author).",
    ),
    "reviewer": (
        "Dr Priya Raman",
        "MD",
        "A physician in pain medicine who checks every article against its "
        "sources before it is published (demo reviewer).",
    ),
}

CITATION_MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def load_hubs(home):
    hubs = {}
    for title, slug, intro in HUBS:
        hub = TopicHubPage.objects.child_of(home).filter(slug=slug).first()
        if hub is None:
            hub = home.add_child(
                instance=TopicHubPage(
                    title=title, slug=slug, intro=intro, show_in_menus=True
                )
            )
            publish_demo(hub)
        hubs[slug] = hub
    return hubs


def load_people():
    people = {}
    for role, (name, credentials, bio) in PEOPLE.items():
        people[role], _ = Person.objects.get_or_create(
            name=name, defaults={"credentials": credentials, "bio": bio}
        )
    # The demo medical reviewer signs reviews with this profile.
    medic = get_user_model().objects.get(username="medical")
    if not Person.objects.filter(user=medic).exists():
        Person.objects.filter(pk=people["reviewer"].pk).update(user=medic)
    return people


def find_source(key):
    """A library source by DOI, or by PMID for works without one."""
    return Source.objects.filter(Q(doi__iexact=key) | Q(pmid=key)).first()


def with_citations(html):
    """[[words|DOI or PMID]] to a citation; plain words when the source is absent."""

    def replace(match):
        words, key = match.groups()
        source = find_source(key)
        if source is None:
            return words
        return f'<a linktype="citation" id="{source.pk}">{words}</a>'

    return CITATION_MARK.sub(replace, html)


def block(kind, value):
    if kind == "heading":
        return {"type": "heading", "value": {"level": "h2", "text": value}}
    if kind == "paragraph":
        return {"type": "paragraph", "value": with_citations(value)}
    if kind == "key_takeaways":
        return {"type": kind, "value": {"heading": "Key takeaways", "items": value}}
    if kind == "forms_comparison":
        return {"type": kind, "value": {"intro": value}}
    if kind == "faq":
        items = [
            {"question": q, "answer": with_citations(a) or f"<p>{escape(a)}</p>"}
            for q, a in value
        ]
        return {"type": kind, "value": {"heading": "Questions", "items": items}}
    raise ValueError(f"Unknown demo block {kind}")


def load_article(spec, hubs, people, today):
    hub = hubs[spec["hub"]]
    if ArticlePage.objects.child_of(hub).filter(slug=spec["slug"]).exists():
        return None
    last_reviewed = today - datetime.timedelta(days=spec["days_since_review"])
    article = hub.add_child(
        instance=ArticlePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            body=[block(kind, value) for kind, value in spec["body"]],
            author=people["author"],
            next_review_due=default_next_review(last_reviewed),
        )
    )
    article.other_topics.set([hubs[slug] for slug in spec.get("also_in", [])])
    # The demo medical reviewer signs the review, dated as the spec says.
    users = get_user_model().objects
    publish_with_review(
        article,
        users.get(username="editor"),
        users.get(username="reviewer"),
        acknowledgement=DEMO_ACKNOWLEDGEMENT,
        comment="Checked against the cited sources.",
        medical_reviewer=users.get(username="medical"),
        reviewed_on=last_reviewed,
    )
    return article


def load(log):
    home = HomePage.objects.get()
    hubs = load_hubs(home)
    log(f"Topic hubs: {', '.join(hub.title for hub in hubs.values())}")
    people = load_people()
    today = timezone.localdate()
    created = [load_article(spec, hubs, people, today) for spec in ARTICLES]
    log(f"Articles: {len([a for a in created if a])} new, {len(ARTICLES)} in all")
