"""What site search offers beside its results: a "Did you mean" for a
misspelt word, pages whose titles look like the search (PostgreSQL trigram
similarity), and, when nothing matches, the topics and the newest articles.

The spelling suggestion compares each word of the search with the words of
the public pages' titles and a short vocabulary of topic words (difflib, on
every database). On PostgreSQL, titles are also matched by trigram word
similarity (``pg_trgm``), which finds "magnesum" in "Magnesium glycinate";
SQLite has no such function and relies on the suggestion alone.
"""

import difflib
import re

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from wagtail.models import Page

from articles.models import ArticlePage, TopicHubPage
from evidence.models import shown_pages
from mgsite.pages import public

# Words a shopper uses for what the site covers, beyond its titles' own.
TOPIC_WORDS = (
    "magnesium",
    "glycinate",
    "citrate",
    "oxide",
    "malate",
    "threonate",
    "taurate",
    "chloride",
    "supplement",
    "capsules",
    "tablets",
    "powder",
    "pain",
    "back",
    "nerve",
    "chronic",
    "cramps",
    "evidence",
)
# Searches for a condition the site files under another name.
RELATED_SEARCHES = {
    "sciatica": "nerve pain",
    "neuropathy": "nerve pain",
    "neuralgia": "nerve pain",
    "backache": "back pain",
    "lumbago": "back pain",
    "fibromyalgia": "chronic pain",
}
MIN_WORD_LENGTH = 4  # shorter words are left as typed
CLOSENESS = 0.75  # difflib ratio a suggestion must reach
TITLE_SIMILARITY = 0.45  # trigram word similarity a title must reach
SIMILAR_TITLES = 5
NEWEST_ARTICLES = 5


def words(text):
    return re.findall(r"[a-z]+", text.lower())


def vocabulary(searchable_types):
    """The words of the public pages' titles, and the topic words."""
    titles = public(Page.objects.live()).type(*searchable_types)
    found = set(TOPIC_WORDS)
    for title in titles.values_list("title", flat=True):
        found.update(word for word in words(title) if len(word) >= MIN_WORD_LENGTH)
    return found


def did_you_mean(query, searchable_types):
    """The search with each unknown word replaced by the closest known one,
    or a related search for a condition named otherwise here; "" if neither."""
    typed = words(query)
    for word in typed:
        if word in RELATED_SEARCHES:
            return RELATED_SEARCHES[word]
    known = vocabulary(searchable_types)
    corrected = []
    for word in typed:
        if len(word) < MIN_WORD_LENGTH or word in known:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=CLOSENESS)
        corrected.append(close[0] if close else word)
    suggestion = " ".join(corrected)
    return suggestion if corrected != typed else ""


def similar_titles(query, searchable_types):
    """On PostgreSQL, public pages whose titles contain a word like the
    search (trigram word similarity); elsewhere none."""
    if connection.vendor != "postgresql" or not query:
        return []
    pages = (
        public(Page.objects.live())
        .type(*searchable_types)
        .annotate(similarity=TrigramWordSimilarity(query, "title"))
        .filter(similarity__gte=TITLE_SIMILARITY)
        .order_by("-similarity", "title")
        .specific()
        .defer_streamfields()[:SIMILAR_TITLES]
    )
    return list(pages)


def topics():
    return shown_pages(
        public(TopicHubPage.objects.live()).defer_streamfields().order_by("path")
    )


def newest_articles():
    """There are no view counts to rank by: the newest articles stand in."""
    pages = (
        public(ArticlePage.objects.live())
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[:NEWEST_ARTICLES]
    )
    return shown_pages(pages)
