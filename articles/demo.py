"""Demo topic hubs and articles."""

from articles.models import TopicHubPage
from mgsite.models import HomePage

HUBS = [
    (
        "Back pain",
        "back-pain",
        "Magnesium takes part in how muscles contract and relax, which is why "
        "people with tight, aching backs ask about it. Here we look at what the "
        "studies measured, which forms are easier on the stomach, and where the "
        "evidence is still thin.",
    ),
    (
        "Nerve pain",
        "nerve-pain",
        "Nerve signals depend on the balance of calcium and magnesium at the "
        "nerve cell. These articles explain what researchers have tested in "
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
            hub.save_revision().publish()
        hubs[slug] = hub
    return hubs


def load(log):
    home = HomePage.objects.get()
    hubs = load_hubs(home)
    log(f"Topic hubs: {', '.join(hub.title for hub in hubs.values())}")
