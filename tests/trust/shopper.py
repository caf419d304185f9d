"""Every response a shopper can get: the public URLs, found by crawling."""

import html
import re
from urllib.parse import urlencode, urlsplit

from wagtail.models import Page, Site

from articles.models import TopicHubPage
from products.models import MagnesiumForm, ProductFormat, ProductIndexPage

NOT_PUBLIC = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
LINK = re.compile(r"""(?:href|hx-get)="([^"]+)"|<loc>([^<]+)</loc>""")


def seed_urls():
    """Starting points no link may lead to: API, fragments, robots, filters."""
    urls = ["/", "/robots.txt", "/sitemap.xml", "/search/?q=magnesium"]
    urls += ["/api/v2/products/", "/api/v2/products/?fields=*"]
    urls += [page.url for page in Page.objects.live().public() if page.url]
    for catalogue in ProductIndexPage.objects.live():
        urls += [f"{catalogue.url}?{query}" for query in catalogue_queries()]
    return urls


def catalogue_queries():
    forms = MagnesiumForm.objects.values_list("slug", flat=True)
    topics = TopicHubPage.objects.values_list("slug", flat=True)
    filters = [("form", slug) for slug in forms]
    filters += [("format", value) for value in ProductFormat.values]
    filters += [("topic", slug) for slug in topics]
    filters += [("in_stock", "on"), ("sort", "price"), ("page", "2")]
    return [urlencode([item]) for item in filters]


def api_detail_urls(client):
    listing = client.get("/api/v2/products/").json()
    return [f"/api/v2/products/{item['id']}/" for item in listing["items"]]


def local_path(url, hosts=("localhost", "testserver")):
    url = html.unescape(url)
    parts = urlsplit(url)
    if parts.netloc and parts.hostname not in hosts:
        return None
    if not parts.path.startswith("/") or parts.path.startswith(NOT_PUBLIC):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, extra=(), limit=400):
    """path -> readable text of every shopper response, full pages and htmx
    fragments, following every local link from the seeds."""
    queue = [*seed_urls(), *api_detail_urls(client), *extra]
    seen = {}
    # The site's own address (absolute links: the sitemap, canonical tags)
    hosts = {
        "localhost",
        "testserver",
        *Site.objects.values_list("hostname", flat=True),
    }
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.content.decode()
        seen[url] = readable(body)
        fragment = client.get(url, headers={"HX-Request": "true"})
        seen[f"{url} (htmx)"] = readable(fragment.content.decode())
        for href, loc in LINK.findall(body):
            if (path := local_path(href or loc, hosts)) and path not in seen:
                queue.append(path)
    return seen


def readable(body):
    """The text as a reader or a parser sees it: entities and JSON escapes
    decoded, whitespace collapsed."""
    text = html.unescape(body)
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    return " ".join(text.split())
