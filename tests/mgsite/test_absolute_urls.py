"""The demo site served by gunicorn under the production settings on a host
and port of its own: every absolute URL it prints (pages, sitemap,
robots.txt, canonical and og: tags, JSON-LD, the API and its find/
redirect, images) names that address and is served there."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.services import require

ROOT = Path(__file__).resolve().parents[2]
ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>\\)]+""")
# Addresses the site could wrongly print in place of its own.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "testserver", "0.0.0.0"}  # noqa: S104
PAGE_LIMIT = 150
START = [
    "/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v2/products/",
    "/api/v2/products/find/?html_path=/products/glycinate-capsules/",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=300
    )


def wait_for(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not listen on {port}")


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    require(gunicorn, "needs gunicorn (a project dependency)")
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    site_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "SITE_URL": site_url,
        "SECRET_KEY": "production-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }
    env.pop("REDIS_URL", None)
    dev = {**env, "DJANGO_SETTINGS_MODULE": "mgsite.settings.dev"}
    production = {**env, "DJANGO_SETTINGS_MODULE": "mgsite.settings.production"}
    manage(dev, "migrate", "-v0")
    manage(dev, "load_demo", "-v0")
    manage(production, "collectstatic", "--noinput", "-v0")
    server = subprocess.Popen(
        [gunicorn, "mgsite.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=production,
    )
    try:
        wait_for(port)
        yield site_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def absolute_urls(text):
    return {url.rstrip(".,;") for url in ABSOLUTE_URL.findall(text)}


def ours(url, site):
    return urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(site)


def crawl(site):
    """Every absolute URL of the site's own that its responses print,
    fetched in turn; redirects must stay on the site too."""
    queue = [site + path for path in START]
    seen, found = set(), set()
    while queue and len(seen) < PAGE_LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = requests.get(url, allow_redirects=False, timeout=30)
        if response.is_redirect:
            assert response.headers["Location"].startswith(site), url
            queue.append(response.headers["Location"])
            continue
        assert response.status_code == 200, url
        if not response.headers["Content-Type"].startswith("image/"):
            for link in absolute_urls(response.text):
                if ours(link, site):
                    assert link.startswith(site + "/"), f"{link} on {url}"
                    found.add(link)
                    queue.append(link)
    return found


def test_every_absolute_url_names_the_serving_host_and_port_and_is_served(
    production_site,
):
    found = crawl(production_site)

    kinds = {urlsplit(url).path.split("/")[1] for url in found}
    # Static files are linked by path; the brand's pictures are media.
    assert {"products", "api", "media", "sitemap.xml"} <= kinds


def test_images_and_compressed_pages_under_production_settings(production_site):
    page = requests.get(production_site + "/products/glycinate-capsules/", timeout=30)
    image = re.search(r'<meta property="og:image" content="([^"]+)"', page.text)[1]

    assert page.headers["Content-Encoding"] == "gzip"
    assert "/media/" in image
    response = requests.get(image, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
