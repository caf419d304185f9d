"""One stream of "this changed" events: it purges the CDN and drops the
application's page cache.

Every change a visitor could see (a page published or unpublished, a claim
approved, withdrawn or reworded, a source changed or retracted, a variant's
price or stock, a site setting) comes here from a signal. ``invalidate``
then does two things at once:

- bumps the application cache's content version (``mgsite.cache``), so no
  host serves a page rendered before the change;
- purges exactly the affected URLs from the CDN through
  ``wagtail.contrib.frontend_cache``, whose purge runs as a task (the
  ``TASKS`` backend: immediately in tests and development, the database
  worker in production).

Which pages show an object is asked of Wagtail's reference index (a claim
block in an article, a claim row on a product page, a citation of a source,
a product card linking a product page), and of the claim-source relation for
the claims citing a source. Each page found is purged with its parent (the
listing that shows its card) and with the pages that reference it in turn
(an article's product card shows the product's claims). A site setting is
on every page, so it purges every live page.

Wagtail itself purges a page's own URLs when it is published or unpublished
(``wagtail.contrib.frontend_cache``); this module adds what shows that page.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, published, unpublished

from evidence.models import Approval, Claim, ClaimSource, Source
from mgsite import cache
from mgsite.models import SiteSettings
from products.models import ProductVariant

CONTENT_APPS = {"mgsite", "evidence", "articles", "products"}
# Saves that only move draft or lock bookkeeping change nothing public.
DRAFT_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
}
# Pages whose lists change with any page: the sitemap.
SITE_WIDE_PATHS = ("/sitemap.xml",)


def invalidate(pages=(), paths=()):
    """Drop the application cache and purge ``pages`` (with their URLs on
    every site they belong to) and site-relative ``paths`` from the CDN."""
    cache.content_changed()
    batch = PurgeBatch()
    batch.add_pages([page for page in pages if page.live])
    root = Site.objects.filter(is_default_site=True).first()
    if root is not None and paths:
        batch.add_urls([root.root_url + path for path in paths])
    if batch.urls and settings.WAGTAILFRONTENDCACHE:
        batch.purge()


def referencing_pages(objects):
    """Live pages whose content references any of ``objects``, by the
    reference index, in their specific form."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = set()
    for obj in objects:
        ids.update(
            int(pk)
            for pk in ReferenceIndex.get_references_to(obj)
            .filter(base_content_type=page_type)
            .values_list("object_id", flat=True)
        )
    return list(Page.objects.live().filter(pk__in=ids).specific())


def referencing_snippets(obj):
    """Non-page objects referencing ``obj`` (a magnesium form carrying a
    claim), as model instances."""
    page_type = ContentType.objects.get_for_model(Page)
    found = []
    rows = (
        ReferenceIndex.get_references_to(obj)
        .exclude(base_content_type=page_type)
        .values_list("content_type", "object_id")
        .distinct()
    )
    for content_type_id, object_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and (found_obj := model.objects.filter(pk=object_id)):
            found.extend(found_obj)
    return found


def showing(pages):
    """``pages``, their parents (listings with their cards), and the pages
    referencing them (cards of them elsewhere)."""
    pages = list(pages)
    shown = {page.pk: page for page in pages}
    for page in pages:
        if (parent := page.get_parent()) is not None and parent.depth > 1:
            shown.setdefault(parent.pk, parent.specific)
    for page in referencing_pages(pages):
        shown.setdefault(page.pk, page)
    return list(shown.values())


def pages_showing(obj):
    """The live pages that show ``obj`` (a claim, a source, a form)."""
    direct = referencing_pages([obj, *referencing_snippets(obj)])
    return showing(direct)


def claim_paths(claims):
    return [reverse("claim_dossier", args=[claim.pk]) for claim in claims]


def claims_changed(claims):
    pages = {}
    for claim in claims:
        for page in pages_showing(claim):
            pages.setdefault(page.pk, page)
    invalidate(list(pages.values()), claim_paths(claims))


def every_page():
    return Page.objects.live().specific().filter(depth__gt=1)


def in_main_menu(page):
    """Whether ``page`` is in the menu every page shows (a child of a site's
    root page shown in menus)."""
    parent = page.get_parent()
    return page.show_in_menus and Site.objects.filter(root_page=parent).exists()


def on_page_published(sender, instance, **kwargs):
    """The page's own URLs are Wagtail's; the pages showing it are ours."""
    shown = every_page() if in_main_menu(instance) else showing([instance])
    others = [page for page in shown if page.pk != instance.pk]
    invalidate(others, SITE_WIDE_PATHS)


def on_claim_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS):
        return
    claims_changed([instance])


def on_claim_published(sender, instance, **kwargs):
    claims_changed([instance])


def on_approval_changed(sender, instance, raw=False, **kwargs):
    """An approval granted or removed shows or hides what it approves."""
    if raw:
        return
    model = instance.content_type.model_class()
    target = model.objects.filter(pk=instance.object_id).first() if model else None
    if target is None:
        cache.content_changed()
    elif isinstance(target, Claim):
        claims_changed([target])
    elif isinstance(target, Page):
        invalidate(showing([target.specific]), SITE_WIDE_PATHS)
    else:
        cache.content_changed()


def on_source_saved(sender, instance, raw=False, **kwargs):
    """A source's citation or retraction shows on every claim citing it and
    every page citing it directly."""
    if raw:
        return
    claims = list(
        Claim.objects.filter(
            pk__in=ClaimSource.objects.filter(source=instance).values("claim_id")
        )
    )
    pages = {page.pk: page for page in pages_showing(instance)}
    for claim in claims:
        for page in pages_showing(claim):
            pages.setdefault(page.pk, page)
    invalidate(list(pages.values()), claim_paths(claims))


def on_variant_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).specific().first()
    if page is not None:
        invalidate(showing([page]))


def on_site_setting_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    invalidate(every_page(), SITE_WIDE_PATHS)


def is_content(sender):
    return (
        sender._meta.app_label in CONTENT_APPS
        or issubclass(sender, Page)
        or issubclass(sender, Site)
        or issubclass(sender, BaseViewRestriction)
    )


def on_any_save(sender, update_fields=None, **kwargs):
    """Anything else a page may read (a view restriction, a site record, a
    finding) drops the application cache; what the CDN holds of it is purged
    by the handlers above or expires with ``s-maxage``."""
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    if is_content(sender):
        cache.content_changed()


def on_any_delete(sender, **kwargs):
    if is_content(sender):
        cache.content_changed()


def on_any_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and is_content(type(instance)):
        cache.content_changed()


HANDLERS = [
    (page_published, on_page_published, None),
    (page_unpublished, on_page_published, None),
    (post_save, on_claim_saved, Claim),
    (published, on_claim_published, Claim),
    (unpublished, on_claim_published, Claim),
    (post_save, on_approval_changed, Approval),
    (post_delete, on_approval_changed, Approval),
    (post_save, on_source_saved, Source),
    (post_save, on_variant_changed, ProductVariant),
    (post_delete, on_variant_changed, ProductVariant),
    (post_save, on_site_setting_saved, SiteSettings),
    (post_save, on_any_save, None),
    (post_delete, on_any_delete, None),
    (m2m_changed, on_any_m2m, None),
]


def connect_signals():
    for signal, handler, sender in HANDLERS:
        signal.connect(
            handler, sender=sender, dispatch_uid=f"mgsite-{handler.__name__}"
        )


def disconnect_signals():
    for signal, handler, sender in HANDLERS:
        signal.disconnect(sender=sender, dispatch_uid=f"mgsite-{handler.__name__}")
