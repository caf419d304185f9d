"""Demo users and the home page; each app's ``demo`` module adds its own content."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from evidence.review import publish_demo
from evidence.roles import EDITORS, MEDICAL_REVIEWERS, REVIEWERS
from mgsite.models import HomePage

# Development-only credentials, printed by ``load_demo``.
DEMO_USERS = [
    # (username, password, group or None for a superuser)
    ("editor", "editor-demo-pass", EDITORS),
    ("reviewer", "reviewer-demo-pass", REVIEWERS),
    ("medical", "medical-demo-pass", MEDICAL_REVIEWERS),
    ("admin", "admin-demo-pass", None),
]

HOME_INTRO = (
    "Plain-language articles on magnesium for back pain, nerve pain and "
    "long-lasting pain, and supplement pages where every benefit statement "
    "links to the research behind it and was checked by a compliance reviewer."
)


def load_users():
    User = get_user_model()
    for username, password, group_name in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.com",
                "first_name": username.capitalize(),
                "last_name": "Demo",
                "is_staff": group_name is None,
                "is_superuser": group_name is None,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))


def load_home():
    """Make a HomePage the root of the default site.

    A fresh Wagtail install has a bare welcome page at the root with the slug
    we want; it is replaced (its site goes with it and is recreated).
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        bare_pages = Page.objects.child_of(root).filter(
            slug="home", content_type=ContentType.objects.get_for_model(Page)
        )
        bare_pages.delete()
        home = root.add_child(
            instance=HomePage(
                title="Magnesium and pain, with the evidence",
                slug="home",
                intro=HOME_INTRO,
            )
        )
        publish_demo(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={**site_address(), "root_page": home, "site_name": "Mineral Ledger"},
    )
    return home


def site_address(url=None):
    """Hostname and port of the site's public address (``SITE_URL``), as the
    Site record holds them: Wagtail builds ``https://`` URLs for port 443."""
    parts = urlsplit(url or settings.SITE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return {"hostname": parts.hostname, "port": parts.port or default_port}


def load(log):
    load_users()
    home = load_home()
    log(f"Home page: {home.title}")
    return home
