"""Numbered citations: sources get numbers in order of first use on a page,
and citing a source again reuses its number."""

from django.template.defaultfilters import date
from django.utils.html import format_html, format_html_join

EVIDENCE_STEPS = 3
RETRACTED_CLASS = "references__item--retracted"


def citation_marker(number):
    """The superscript that points at reference ``number`` in the list.

    Built here rather than in a template include: an article repeats it for
    every citation, and an include costs far more than the markup."""
    return format_html(
        '<sup class="cite"><a href="#ref-{0}" aria-label="Reference {0}">'
        "[{0}]</a></sup>",
        number,
    )


def evidence_badge(label, steps, explanation=""):
    """An evidence level in words with a three-step scale (not colour alone),
    the explanation as its tooltip.

    Built here rather than in a template include, like ``citation_marker``:
    a product page shows one for each claim."""
    scale = format_html_join(
        "",
        '<span class="evidence-badge__step{}"></span>',
        (
            (" is-filled" if step <= steps else "",)
            for step in range(1, EVIDENCE_STEPS + 1)
        ),
    )
    title = format_html(' title="{}"', explanation) if explanation else ""
    return format_html(
        '<span class="evidence-badge evidence-badge--{steps}"{title}> '
        '<span class="evidence-badge__scale" aria-hidden="true">{scale}</span> '
        '<span class="evidence-badge__text">Evidence: {label} '
        '<span class="visually-hidden">({steps} of {of})</span></span> </span>',
        steps=steps,
        title=title,
        scale=scale,
        label=str(label).lower(),
        of=EVIDENCE_STEPS,
    )


def product_claim_item(claim, citation_numbers, symbol=""):
    """A claim in a product page's list: its wording, the ``symbol`` that
    ties it to the FDA disclaimer, its citation markers, the evidence badge
    and what the evidence level means.

    Built here rather than in the template, like ``evidence_badge``: a
    product page lists every claim it makes."""
    mark = (
        format_html(
            '<span class="disclaimer-mark" aria-label="see the FDA statement '
            'below">{}</span>',
            symbol,
        )
        if symbol
        else ""
    )
    explanation = claim.evidence_level_explanation
    return format_html(
        '<li class="product-claims__item"><p class="product-claims__wording">'
        "{wording}{mark}{markers}</p> {badge} "
        '<p class="product-claims__explanation">{explanation}</p></li>',
        wording=claim.wording,
        mark=mark,
        markers=format_html_join(
            "", "{}", ((citation_marker(n),) for n in citation_numbers)
        ),
        badge=evidence_badge(
            claim.evidence_level_label, claim.evidence_steps, explanation
        ),
        explanation=explanation,
    )


def reference_entry(number, source):
    """One entry of a numbered AMA reference list: the citation, its DOI and
    PubMed links (or its plain URL), and a retraction marked in words.

    Built here rather than in the template, like ``citation_marker``: an
    article lists forty of these, and template nodes cost far more."""
    retracted = ""
    if source.retracted:
        when = f" {date(source.retracted_on, 'N Y')}" if source.retracted_on else ""
        retracted = format_html(
            '<strong class="badge badge--retracted">Retracted{}</strong> ', when
        )
    links = format_html_join(
        " ",
        '<a href="{1}" rel="noopener">{0}</a>',
        source.reference_links,  # (label, URL) pairs
    )
    return format_html(
        '<li id="ref-{number}" value="{number}"{css}>{retracted}{citation} '
        "{links}</li>",
        number=number,
        css=format_html(' class="{}"', RETRACTED_CLASS) if source.retracted else "",
        retracted=retracted,
        citation=source.ama_citation,
        links=links,
    )


class CitationNumbering:
    def __init__(self):
        self._numbers = {}
        self._sources = []

    def number(self, source):
        """The reference number of ``source`` on this page, assigning the next
        one on first use."""
        if source.pk not in self._numbers:
            self._sources.append(source)
            self._numbers[source.pk] = len(self._sources)
        return self._numbers[source.pk]

    @property
    def references(self):
        """(number, source) pairs in reference-list order."""
        return list(enumerate(self._sources, start=1))

    def __len__(self):
        return len(self._sources)
