"""The public dossier of a claim: what stands behind an approved claim.

One page per claim, for shoppers: the approved wording and its kind and
market, each cited study with its design, population, size, dose and form,
what it found and the passage quoted, how the grade was derived, when the
claim was approved and by which role, and when its evidence was last
checked. Only a claim a shopper may read now is shown
(``compliance.public_claims``); anything else is a 404, so no draft wording
reaches this page whoever asks.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Site

from evidence import compliance
from evidence.models import (
    Claim,
    ClaimKind,
    EvidenceLevel,
    standing_approvals,
    unshown_fields,
)
from evidence.workflows import REVIEWERS
from mgsite.structured_data import site_url

MARKETS = {
    ClaimKind.STRUCTURE_FUNCTION: "United States: a structure/function statement "
    "about the body's normal working (21 CFR 101.93)",
    ClaimKind.EU_AUTHORISED: "European Union: a health claim authorised by "
    "Regulation (EU) 432/2012",
    ClaimKind.OTHER: "Editorial: describes research, for articles",
}


def dossier_url(claim):
    return reverse("claim_dossier", args=[claim.pk])


def role_of(user):
    """The role in which ``user`` approved (their groups are prefetched)."""
    if user is None:
        return "a compliance reviewer"
    if any(group.name == REVIEWERS for group in user.groups.all()):
        return "a compliance reviewer"
    return "an administrator" if user.is_superuser else "a reviewer"


def shown_claim(pk):
    """``(claim, its standing approvals of exactly what is shown, newest
    first)`` for a claim a shopper may read now; Http404 otherwise. Four
    queries, whatever the number of citations."""
    claim = (
        Claim.objects.with_sources()
        .defer(*unshown_fields(Claim))
        .filter(pk=pk, live=True)
        .first()
    )
    if claim is None:
        raise Http404
    approvals = standing_approvals(Claim, [claim.pk])[claim.pk]
    claim.approved_fingerprint = approvals[0].fingerprint if approvals else None
    if not compliance.public_claims([claim]):
        raise Http404
    approvals = [a for a in approvals if a.fingerprint == claim.approved_fingerprint]
    return claim, approvals


def dossier_json_ld(request, claim, approved, checked):
    url = site_url(request, dossier_url(claim))
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": f"What stands behind: {claim.wording}",
        "lastReviewed": checked.approved_at.date().isoformat(),
        "datePublished": approved.approved_at.date().isoformat(),
        "reviewedBy": {"@type": "Organization", "name": "mgsite compliance review"},
        "mainEntity": {
            "@type": "Claim",
            "text": claim.wording,
            "description": claim.evidence_summary,
        },
        "citation": [
            {
                "@type": "ScholarlyArticle",
                "name": row.source.title,
                "url": row.source.link,
                **({"datePublished": str(row.source.year)} if row.source.year else {}),
                **(
                    {"isPartOf": {"@type": "Periodical", "name": row.source.container}}
                    if row.source.container
                    else {}
                ),
            }
            for row in claim.current_citations
        ],
    }


def claim_dossier(request, pk):
    claim, approvals = shown_claim(pk)
    approved, checked = approvals[-1], approvals[0]
    grade = claim.grade
    return render(
        request,
        "evidence/claim_dossier.html",
        {
            "claim": claim,
            "grade": grade,
            "market": MARKETS.get(claim.kind, ""),
            "kind_label": ClaimKind(claim.kind).label,
            "level_label": claim.evidence_level_label,
            "level_steps": {
                EvidenceLevel.STRONG: 3,
                EvidenceLevel.MODERATE: 2,
                EvidenceLevel.LIMITED: 1,
            }.get(grade.level, 0),
            "approved": approved,
            "approved_role": role_of(approved.approved_by),
            "checked": checked,
            "review_due_on": checked.review_due_on,
            "disclaimer_count": 1 if claim.needs_fda_disclaimer else 0,
            "json_ld": dossier_json_ld(request, claim, approved, checked),
        },
    )


class ClaimDossierSitemap(Sitemap):
    """The dossier of every claim a shopper may read now, at the site's
    public address (the root URL of the Site record, as page URLs are)."""

    def __init__(self, request):
        site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        self.root = urlsplit(site.root_url)

    def get_protocol(self, protocol=None):
        return self.root.scheme

    def get_domain(self, site=None):
        return self.root.netloc

    def items(self):
        return compliance.public_claims(
            Claim.objects.with_sources().defer(*unshown_fields(Claim)).order_by("pk")
        )

    def location(self, item):
        return dossier_url(item)
