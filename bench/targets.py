"""The benchmark's targets, measured in-process under the benchmark settings.

    python bench/targets.py [--only NAME] [--renders 15]

Prints JSON: for each target its URL, the warm query count (the second
request's) and the median render time of the page with the page cache off;
the same two just after a content change (``cold``: every lookup and card
kept under the content version is gone); and the search scale check (p95
over a set of realistic queries). Run by ``bench/run.py`` with the same
environment as the gunicorn it serves.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mgsite.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import ArticlePage  # noqa: E402
from mgsite.cache import bump_content_version  # noqa: E402
from mgsite.management.commands.seed_scale import (  # noqa: E402
    BENCH_ARTICLE,
    BENCH_PRODUCT,
)
from products.catalogue import PER_PAGE  # noqa: E402
from products.models import ProductPage  # noqa: E402

SEARCHES = [
    "magnesium",
    "magnesium back pain",
    "nerve pain",
    "sleep",
    "glycinate",
    "citrate muscle cramp",
    "neuropathy",
    "migraine magnesium dose",
    "fatigue",
    "chronic pain relief",
]


def targets():
    deep_page = max(1, ProductPage.objects.live().count() // PER_PAGE // 2)
    article = ArticlePage.objects.get(slug=BENCH_ARTICLE)
    product = ProductPage.objects.get(slug=BENCH_PRODUCT)
    return {
        "home": "/",
        "hub": "/back-pain/",
        "article": article.url,
        "catalogue": "/products/",
        "catalogue_filtered": "/products/?form=glycinate&in_stock=on",
        "catalogue_deep": f"/products/?page={deep_page}",
        "product": product.url,
        "search": "/search/?q=magnesium+back+pain",
        "static_file": static("css/site.css"),
    }


def timed(client, url):
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def measure(client, url, renders):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        timed(client, url)
    count = len(queries)  # now: the next request clears the query log
    times = [timed(client, url) for _ in range(renders)]
    bump_content_version()
    with CaptureQueriesContext(connection) as queries:
        timed(client, url)
    cold_count = len(queries)
    cold = []
    for _ in range(renders):
        bump_content_version()
        cold.append(timed(client, url))
    return {
        "url": url,
        "queries": count,
        "render_ms": round(statistics.median(times), 2),
        "cold_queries": cold_count,
        "cold_render_ms": round(statistics.median(cold), 2),
    }


def search_p95(client, rounds=5):
    for query in SEARCHES:
        client.get("/search/", {"q": query})
    times = [
        timed(client, f"/search/?q={query.replace(' ', '+')}")
        for _ in range(rounds)
        for query in SEARCHES
    ]
    return round(statistics.quantiles(times, n=20)[-1], 2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="measure one target")
    parser.add_argument("--renders", type=int, default=15)
    args = parser.parse_args()

    settings.PAGE_CACHE_SECONDS = 0  # time the render, not the cache
    client = Client(HTTP_HOST="127.0.0.1")
    urls = targets()
    if args.only:
        urls = {args.only: urls[args.only]}
    result = {
        "targets": {
            name: measure(client, url, args.renders) for name, url in urls.items()
        },
        "scale": {},
    }
    if not args.only:
        result["scale"]["search_p95_ms"] = search_p95(client)
        result["scale"]["articles"] = ArticlePage.objects.live().count()
        result["scale"]["products"] = ProductPage.objects.live().count()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
