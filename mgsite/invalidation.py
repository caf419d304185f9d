"""One stream of "this changed" events: it purges the CDN and drops the
application's page cache.

Every change a visitor could see (a page published or unpublished, a claim
approved, withdrawn or reworded, a source changed or retracted, a variant's
price or stock, a site setting) comes here from a signal. ``changed`` then
does two things:

- bumps the application cache's content version (``mgsite.cache``) at once,
  so no host serves a page rendered before the change;
- queues a task that finds the affected URLs and purges exactly those from
  the CDN through ``wagtail.contrib.frontend_cache`` (the ``TASKS``
  backend: at once in tests and development, the database worker in
  production, so a request never waits for the lookups).

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
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, published, unpublished

from evidence.models import Approval, Claim, ClaimSource, ReviewedSnippet, Source
from mgsite import cache
from mgsite.models import Brand, SiteSettings
from products.models import MagnesiumForm, ProductVariant

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


def changed(finder, *args):
    """Drop the application cache now, and purge from the CDN what
    ``finder(*args)`` says shows the change: as a task, so the reference
    index is read by the worker, not the request (where ``TASKS`` runs
    tasks at once, as in development and tests, it runs here). Nothing is
    looked up where no CDN is configured."""
    cache.content_changed()
    if settings.WAGTAILFRONTENDCACHE:
        purge_what_shows.enqueue(finder.__name__, *args)


@task()
def purge_what_shows(finder_name, *args):
    """Purge the pages (with their URLs on every site they belong to) and
    site-relative paths that ``FINDERS[finder_name](*args)`` returns."""
    pages, paths = FINDERS[finder_name](*args)
    batch = PurgeBatch()
    batch.add_pages([page for page in pages if page.live])
    root = Site.objects.filter(is_default_site=True).first()
    if root is not None and paths:
        batch.add_urls([root.root_url + path for path in paths])
    if batch.urls:
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


def every_page():
    return Page.objects.live().specific().filter(depth__gt=1)


def in_main_menu(page):
    """Whether ``page`` is in the menu every page shows (a child of a site's
    root page shown in menus)."""
    parent = page.get_parent()
    return page.show_in_menus and Site.objects.filter(root_page=parent).exists()


# Finders: what shows a change, as ``(pages, paths)``, from ids a task can
# carry. Each tolerates an object deleted since the change was queued.


def claims_shown(claim_ids):
    claims = list(Claim.objects.filter(pk__in=claim_ids))
    pages = {}
    for claim in claims:
        for page in pages_showing(claim):
            pages.setdefault(page.pk, page)
    paths = [reverse("claim_dossier", args=[pk]) for pk in claim_ids]
    return list(pages.values()), paths


def found_page(page_id):
    """The page, in its specific form, or None if deleted since."""
    return Page.objects.filter(pk=page_id).specific().first()


def page_shown(page_id):
    """The pages showing a page published, unpublished or approved (its own
    URLs are Wagtail's to purge), and the sitemap."""
    if (page := found_page(page_id)) is None:
        return [], SITE_WIDE_PATHS
    shown = every_page() if in_main_menu(page) else showing([page])
    return [other for other in shown if other.pk != page.pk], SITE_WIDE_PATHS


def approved_page_shown(page_id):
    """An approval of a page shows or hides the page itself too."""
    page = found_page(page_id)
    return (showing([page]) if page else []), SITE_WIDE_PATHS


def source_shown(source_id):
    """A source's citation or retraction shows on every claim citing it and
    every page citing it directly."""
    claim_ids = list(
        ClaimSource.objects.filter(source_id=source_id)
        .values_list("claim_id", flat=True)
        .distinct()
    )
    pages, paths = claims_shown(claim_ids)
    if (source := Source.objects.filter(pk=source_id).first()) is not None:
        known = {page.pk for page in pages}
        pages += [page for page in pages_showing(source) if page.pk not in known]
    return pages, paths


def product_shown(page_id):
    page = found_page(page_id)
    return (showing([page]) if page else []), ()


def everything():
    """What the brand, the site setting choosing it, or a magnesium form
    shows: every page."""
    return list(every_page()), SITE_WIDE_PATHS


FINDERS = {
    finder.__name__: finder
    for finder in (
        claims_shown,
        page_shown,
        approved_page_shown,
        source_shown,
        product_shown,
        everything,
    )
}


def on_page_published(sender, instance, **kwargs):
    changed(page_shown, instance.pk)


def on_claim_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS):
        return
    changed(claims_shown, [instance.pk])


def on_claim_published(sender, instance, **kwargs):
    changed(claims_shown, [instance.pk])


def on_approval_changed(sender, instance, raw=False, **kwargs):
    """An approval granted or removed shows or hides what it approves."""
    if raw:
        return
    model = instance.content_type.model_class()
    if model is not None and issubclass(model, Claim):
        changed(claims_shown, [instance.object_id])
    elif model is not None and issubclass(model, Page):
        changed(approved_page_shown, instance.object_id)
    elif model is not None and issubclass(model, ReviewedSnippet):
        changed(everything)
    else:
        cache.content_changed()


def on_source_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(source_shown, instance.pk)


def on_variant_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(product_shown, instance.page_id)


def on_site_setting_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(everything)


def on_reviewed_snippet_saved(
    sender, instance, raw=False, update_fields=None, **kwargs
):
    """The brand is on every page; a magnesium form on its products, the
    catalogue's filter, the comparison and articles embedding it: rare
    changes, so every page is purged."""
    if not (raw or (update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS)):
        changed(everything)


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
    (post_save, on_reviewed_snippet_saved, Brand),
    (post_save, on_reviewed_snippet_saved, MagnesiumForm),
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
