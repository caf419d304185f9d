"""A large, realistic data set for the benchmark, the same for the same --seed.

    manage.py seed_scale                      # 2,000 products, 3,000 articles...
    manage.py seed_scale --products 50 ...    # a small site to compare against

Plain rows (sources, claims, their citations, variants, attachments) are
bulk-created. Claims are written live with no revision history: the public
site renders a claim's own fields, and building 20,000 revisions would only
measure the loader. Pages go in one by one through treebeard, in
transactions, with the search-index, reference-index and page-cache signal
handlers off; the search index is rebuilt once at the end.

It skips when the data set is already there, so the benchmark can run it
every time.
"""

import random
import time
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from modelsearch import index
from modelsearch.signal_handlers import (
    post_delete_signal_handler,
    post_save_signal_handler,
)
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from articles.models import ArticlePage, Person, TopicHubPage
from evidence.compliance import fingerprint, listing_fingerprint, pages_with_findings
from evidence.models import (
    Approval,
    Claim,
    ClaimKind,
    ClaimSource,
    Source,
    StudyType,
    approved_as_they_stand,
    library_claims,
)
from mgsite import cache, invalidation
from mgsite.demo import load_home, load_users
from mgsite.models import SiteSettings
from products.models import (
    FormsComparisonPage,
    MagnesiumForm,
    ProductClaim,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
)
from products.safety import above_upper_limit

DOI_PREFIX = "10.5555/scale."
BENCH_ARTICLE = "bench-article-40-citations"
BENCH_PRODUCT = "bench-product-8-claims"
HUBS = [
    ("back-pain", "Back pain"),
    ("nerve-pain", "Nerve pain"),
    ("chronic-pain", "Chronic pain"),
]
FORMS = [
    ("glycinate", "Glycinate", "14.1"),
    ("citrate", "Citrate", "16.2"),
    ("malate", "Malate", "15.5"),
    ("oxide", "Oxide", "60.3"),
    ("chloride", "Chloride", "12.0"),
    ("taurate", "Taurate", "8.9"),
]
WORDS = [
    "magnesium",
    "muscle",
    "nerve",
    "sleep",
    "cramp",
    "pain",
    "back",
    "spine",
    "relief",
    "dose",
    "serum",
    "glycinate",
    "citrate",
    "trial",
    "placebo",
    "function",
    "recovery",
    "tension",
    "fatigue",
    "chronic",
    "neuropathy",
    "migraine",
    "inflammation",
    "absorption",
    "tolerance",
]
# A product page is labelling: its own words may neither state a benefit nor
# name a disease (those come from the claims library), so its titles, brands
# and summaries are drawn from these.
LABEL_WORDS = [
    "magnesium",
    "glycinate",
    "citrate",
    "dose",
    "serving",
    "capsule",
    "tablet",
    "powder",
    "daily",
    "evening",
    "formula",
    "absorption",
    "tolerance",
    "bottle",
    "label",
    "mineral",
]
CLAIM_WORDINGS = [
    "Magnesium contributes to normal muscle function.",
    "Magnesium contributes to normal functioning of the nervous system.",
    "Magnesium contributes to a reduction of tiredness and fatigue.",
    "Magnesium supports healthy muscle relaxation.",
    "Magnesium supports restful sleep.",
    "Magnesium contributes to normal energy-yielding metabolism.",
]
BATCH = 2000


class Command(BaseCommand):
    help = "Seed a large, deterministic data set for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--products", type=int, default=2000)
        parser.add_argument("--sources", type=int, default=10_000)
        parser.add_argument("--claims", type=int, default=20_000)
        parser.add_argument("--articles", type=int, default=3000)
        parser.add_argument("--citations", type=int, default=20)

    def handle(self, *args, **options):
        if Source.objects.filter(doi__startswith=DOI_PREFIX).exists():
            self.stdout.write("Already seeded; nothing to do.")
            self.settle()
            return
        self.rng = random.Random(options["seed"])  # noqa: S311 (not for secrets)
        self.started = time.monotonic()
        load_users()  # the demo reviewer approves the home page
        with quiet_signals():
            with transaction.atomic():
                self.home = load_home()
                self.hubs, self.catalogue = self.sections()
                self.forms = self.magnesium_forms()
                self.people = self.persons()
                self.sources = self.bulk_sources(options["sources"])
                self.claims = self.bulk_claims(options["claims"])
            self.products = self.product_pages(options["products"])
            self.article_pages(options["articles"], options["citations"])
            self.approvals()
        self.progress("search index")
        call_command("update_index", verbosity=0)
        SiteSettings.load()
        self.settle()
        cache.bump_content_version()
        self.progress("done")

    def approvals(self):
        """The seeded content as a reviewer approved it: an Approval of what
        each live claim and page shows, bulk-created. A generated data set
        has no review history to replay, and without approvals the public
        site (rightly) shows none of it."""
        self.progress("approvals")
        reviewer = get_user_model().objects.get(username="reviewer")
        approvals = [
            approval_of(claim, reviewer)
            for claim in library_claims()
            if claim.live and claim.current_sources
        ]
        forms = list(MagnesiumForm.objects.prefetch_related("benefit_claims"))
        shown = approved_as_they_stand(forms)
        approvals += [
            approval_of(form, reviewer)
            for form in forms
            if form.live and form not in shown
        ]
        articles = []
        for model, pages in pages_with_findings():
            live = [page for page in pages if page.live]
            if issubclass(model, ArticlePage):
                articles += live
            else:
                approvals += [approval_of(page, reviewer) for page in live]
        Approval.objects.bulk_create(approvals, batch_size=BATCH)
        # An article shows the product cards of approved products only, so
        # what it shows is known once the products' approvals are in (and
        # lookups cached before them are dropped).
        cache.bump_content_version()
        Approval.objects.bulk_create(
            [approval_of(page, reviewer) for page in articles], batch_size=BATCH
        )

    def settle(self):
        """On PostgreSQL, VACUUM ANALYZE: clear the dead rows that rebuilding
        the search index leaves (some 30,000) and plan with statistics of the
        new rows, as autovacuum would soon do where it is on. VACUUM cannot
        run inside a transaction, so a caller's transaction (a test's) skips it."""
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    def progress(self, message):
        elapsed = time.monotonic() - self.started
        self.stdout.write(f"[{elapsed:6.1f} s] {message}", ending="\n")
        self.stdout.flush()

    # Sections and small tables ------------------------------------------------

    def sections(self):
        hubs = []
        for slug, title in HUBS:
            hub = TopicHubPage.objects.filter(slug=slug).first()
            if hub is None:
                hub = self.home.add_child(
                    instance=TopicHubPage(
                        title=title,
                        slug=slug,
                        intro=f"What the research says about magnesium and {title}.",
                        show_in_menus=True,
                    )
                )
            hubs.append(hub)
        catalogue = ProductIndexPage.objects.first() or self.home.add_child(
            instance=ProductIndexPage(
                title="Products", slug="products", show_in_menus=True
            )
        )
        if not FormsComparisonPage.objects.exists():
            self.home.add_child(
                instance=FormsComparisonPage(title="Forms of magnesium", slug="forms")
            )
        return hubs, catalogue

    def magnesium_forms(self):
        return [
            MagnesiumForm.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "elemental_share_percent": Decimal(share)},
            )[0]
            for slug, name, share in FORMS
        ]

    def persons(self):
        return Person.objects.bulk_create(
            Person(
                name=f"{self.sentence(1).title()} {self.sentence(1).title()}",
                credentials=self.rng.choice(["MD", "PharmD", "RD"]),
                bio=self.sentence(12),
            )
            for _ in range(20)
        )

    def sentence(self, words, vocabulary=WORDS):
        text = " ".join(self.rng.choice(vocabulary) for _ in range(words))
        return text[:1].upper() + text[1:]

    # Bulk rows ----------------------------------------------------------------

    def bulk_sources(self, count):
        self.progress(f"{count} sources")
        study_types = [choice for choice, _label in StudyType.choices]
        sources = [
            Source(
                doi=f"{DOI_PREFIX}{n:06d}",
                pmid=str(20_000_000 + n),
                authors="\n".join(
                    f"{self.sentence(1).title()} {self.rng.choice('ABCDEFGH')}"
                    for _ in range(self.rng.randint(1, 5))
                ),
                title=self.sentence(10),
                container=f"Journal of {self.sentence(2).title()}",
                year=self.rng.randint(1995, 2025),
                volume=str(self.rng.randint(1, 60)),
                pages=f"{self.rng.randint(1, 900)}-{self.rng.randint(901, 999)}",
                study_type=self.rng.choice(study_types),
                sample_size=self.rng.randint(10, 5000),
            )
            for n in range(count)
        ]
        return Source.objects.bulk_create(sources, batch_size=BATCH)

    def bulk_claims(self, count):
        """Live claims citing one to three sources each."""
        self.progress(f"{count} claims")
        now = timezone.now()
        kinds = [ClaimKind.STRUCTURE_FUNCTION] * 3 + [ClaimKind.EU_AUTHORISED]
        claims = Claim.objects.bulk_create(
            (
                Claim(
                    wording=f"{self.rng.choice(CLAIM_WORDINGS)[:-1]} ({n}).",
                    kind=self.rng.choice(kinds),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )
        self.cite(
            [
                (claim, self.rng.sample(self.sources, self.rng.randint(1, 3)))
                for claim in claims
            ]
        )
        return claims

    def cite(self, pairs):
        ClaimSource.objects.bulk_create(
            (
                ClaimSource(
                    claim=claim,
                    source=source,
                    sort_order=order,
                    locator="p. 3",
                    direction="supports",
                    population_kind="healthy",
                    participants=self.rng.randint(20, 400),
                )
                for claim, sources in pairs
                for order, source in enumerate(sources)
            ),
            batch_size=BATCH,
        )

    # Pages ------------------------------------------------------------------

    def product_pages(self, count):
        self.progress(f"{count} products")
        pages = []
        for n in range(count):
            named = n == 0
            with transaction.atomic():
                page = self.catalogue.add_child(instance=self.product(n, named))
            pages.append(page)
            if n % 500 == 499:
                self.progress(f"  {n + 1} products")
        self.product_rows(pages)
        return pages

    def product(self, n, named):
        form = self.rng.choice(self.forms)
        page = ProductPage(
            title=f"{form.name} {self.sentence(2, LABEL_WORDS).title()} {n}",
            slug=BENCH_PRODUCT if named else f"product-{n}",
            summary=self.sentence(14, LABEL_WORDS),
            brand=f"{self.sentence(1, LABEL_WORDS).title()} Labs",
            magnesium_form=form,
            format=self.rng.choice(["capsule", "tablet", "powder"]),
            elemental_mg_per_serving=self.rng.choice([100, 120, 150, 200, 250]),
            serving_size="2 capsules",
            servings_per_day=self.rng.choice([1, 2]),
            amount_per_serving=2,
            directions="Take with food.",
            warnings="Ask a doctor first if you have kidney disease.",
            first_published_at=timezone.now() - timedelta(days=n, hours=12),
        )
        # Directions above the upper level carry its warning, as publishing
        # requires.
        page.carries_upper_limit_warning = above_upper_limit(page)
        return page

    def product_rows(self, pages):
        """Variants and attached claims for every product, in bulk."""
        variants, attached = [], []
        named_claims = self.named_product_claims()
        for page in pages:
            named = page.slug == BENCH_PRODUCT
            for order in range(4 if named else self.rng.randint(1, 4)):
                variants.append(
                    ProductVariant(
                        page=page,
                        sku=f"SCALE-{page.pk}-{order}",
                        size_label=f"{30 * (order + 1)} capsules",
                        amount=30 * (order + 1),
                        price=Decimal(self.rng.randint(800, 6000)) / 100,
                        currency="USD",
                        in_stock=self.rng.random() > 0.15,
                        sort_order=order,
                    )
                )
            claims = (
                named_claims
                if named
                else self.rng.sample(self.claims, self.rng.randint(0, 5))
            )
            attached += [
                ProductClaim(page=page, claim=claim, sort_order=order)
                for order, claim in enumerate(claims)
            ]
        ProductVariant.objects.bulk_create(variants, batch_size=BATCH)
        ProductClaim.objects.bulk_create(attached, batch_size=BATCH)

    def named_product_claims(self):
        """Eight claims citing twenty different sources between them."""
        sources = self.rng.sample(self.sources, 20)
        claims = Claim.objects.bulk_create(
            Claim(
                wording=CLAIM_WORDINGS[n % len(CLAIM_WORDINGS)],
                kind=ClaimKind.STRUCTURE_FUNCTION,
                live=True,
                has_unpublished_changes=False,
                first_published_at=timezone.now(),
            )
            for n in range(8)
        )
        self.cite([(claim, sources[n::8]) for n, claim in enumerate(claims)])
        return claims

    def article_pages(self, count, citations):
        self.progress(f"{count} articles")
        today = date(2025, 6, 1)
        for n in range(count):
            named = n == 0
            cited = self.rng.sample(self.sources, 40 if named else citations)
            with transaction.atomic():
                self.hubs[n % len(self.hubs)].add_child(
                    instance=ArticlePage(
                        title=f"{self.sentence(6)} {n}",
                        slug=BENCH_ARTICLE if named else f"article-{n}",
                        summary=self.sentence(20),
                        body=self.body(cited),
                        author=self.rng.choice(self.people),
                        medical_reviewer=self.rng.choice(self.people),
                        last_reviewed=today - timedelta(days=self.rng.randint(0, 300)),
                        first_published_at=timezone.now() - timedelta(days=n),
                    )
                )
            if n % 500 == 499:
                self.progress(f"  {n + 1} articles")

    def body(self, sources):
        blocks = [
            {
                "type": "heading",
                "value": {"level": "h2", "text": "What the studies found"},
            }
        ]
        for start in range(0, len(sources), 2):
            cites = " ".join(
                f'<a linktype="citation" id="{source.pk}">{self.sentence(4)}</a>'
                for source in sources[start : start + 2]
            )
            blocks.append(
                {"type": "paragraph", "value": f"<p>{self.sentence(30)} {cites}.</p>"}
            )
        blocks.append({"type": "product_card", "value": self.products[0].pk})
        return blocks


@contextmanager
def quiet_signals():
    """Turn off per-save indexing and cache bumps while loading in bulk."""
    indexed = [
        model
        for model in index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    for model in indexed:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    invalidation.disconnect_signals()
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in indexed:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)
        invalidation.connect_signals()


def approval_of(obj, reviewer):
    page = isinstance(obj, Page)
    return Approval(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        fingerprint=fingerprint(obj),
        listing_fingerprint=listing_fingerprint(obj) if page else "",
        approved_by=reviewer,
        acknowledgement="Generated benchmark content.",
    )
