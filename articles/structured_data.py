"""schema.org JSON-LD for article pages, built as plain dicts."""

from mgsite.pages import ancestors
from mgsite.structured_data import breadcrumb_list


def person(who, request=None):
    data = {"@type": "Person", "name": who.name}
    if who.credentials:
        data["honorificSuffix"] = who.credentials
    profile = getattr(who, "profile_page", None)
    if request is not None and profile is not None and profile.live:
        data["url"] = profile.get_full_url(request)
    return data


def citation(source):
    data = {"@type": "ScholarlyArticle", "name": source.title}
    if source.link:
        data["url"] = source.link
    if source.year:
        data["datePublished"] = str(source.year)
    if source.container:
        data["isPartOf"] = {"@type": "Periodical", "name": source.container}
    if source.retracted:
        # schema.org's status of a creative work; the reference list says
        # "Retracted" in words too.
        data["creativeWorkStatus"] = "Retracted"
    return data


def breadcrumbs(page, request):
    trail = [crumb for crumb in [*ancestors(page), page] if crumb.live]
    return {"@context": "https://schema.org", **breadcrumb_list(trail, request)}


def medical_web_page(page, request, body_data):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": page.title,
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "author": person(page.author, request),
        "citation": [citation(source) for _number, source in body_data.references],
    }
    if page.medical_reviewer_id and page.last_reviewed:
        # From the signed medical review.
        data["reviewedBy"] = person(page.medical_reviewer, request)
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    return data


def faq_page(page):
    questions = [
        question
        for block in page.body
        if block.block_type == "faq"
        for question in block.value.as_schema()
    ]
    if not questions:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": questions,
    }


def article_structured_data(page, request, body_data):
    """Every JSON-LD document for an article page, in the order they appear."""
    documents = [medical_web_page(page, request, body_data), breadcrumbs(page, request)]
    if faq := faq_page(page):
        documents.append(faq)
    return documents
