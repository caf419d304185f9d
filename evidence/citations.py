"""Numbered citations: sources get numbers in order of first use on a page,
and citing a source again reuses its number. Also the markup that shows
them: markers, evidence badges, claim items and reference entries.

These builders run many times a page (an article lists forty references and
marks every citation), so they format with ``_html`` rather than Django's
``format_html``: the same escaping, without ``format_html``'s check of every
value for a lazy string, which costs more than the markup itself.
"""

import html
from functools import lru_cache

from django.template.defaultfilters import date
from django.utils.safestring import SafeString

EVIDENCE_STEPS = 3
RETRACTED_CLASS = "references__item--retracted"


def _escape(value):
    """``conditional_escape`` for values that are never lazy strings: safe
    HTML as it is, anything else through ``html.escape``, as Django's
    ``escape`` does."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _html(template, **values):
    """``format_html(template, **values)``: every value escaped unless it is
    already safe HTML, the result marked safe."""
    return SafeString(template.format_map({k: _escape(v) for k, v in values.items()}))


def _joined(separator, fragments):
    """Safe HTML fragments joined into one."""
    return SafeString(separator.join(fragments))


@lru_cache(maxsize=1024)
def citation_marker(number):
    """The superscript that points at reference ``number`` in the list.

    Built here rather than in a template include: an article repeats it for
    every citation, and an include costs far more than the markup. The
    markup depends on the number alone, so each is built once."""
    return _html(
        '<sup class="cite"><a href="#ref-{n}" aria-label="Reference {n}">'
        "[{n}]</a></sup>",
        n=number,
    )


@lru_cache(maxsize=64)
def evidence_badge(label, steps, explanation=""):
    """An evidence level in words with a three-step scale (not colour alone),
    the explanation as its tooltip.

    Built here rather than in a template include, like ``citation_marker``:
    a product page shows one for each claim. There are as many badges as
    evidence levels, so each is built once."""
    scale = _joined(
        "",
        (
            _html('<span class="evidence-badge__step{filled}"></span>', filled=filled)
            for filled in (
                " is-filled" if step <= steps else ""
                for step in range(1, EVIDENCE_STEPS + 1)
            )
        ),
    )
    title = (
        _html(' title="{explanation}"', explanation=explanation) if explanation else ""
    )
    return _html(
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
        _html(
            # A link with words screen readers read (aria-label on a span
            # is not announced).
            '<a class="disclaimer-mark" href="#fda-disclaimer">{symbol}'
            '<span class="visually-hidden"> (see the FDA statement)</span></a>',
            symbol=symbol,
        )
        if symbol
        else ""
    )
    explanation = claim.evidence_level_explanation
    return _html(
        '<li class="product-claims__item"><p class="product-claims__wording">'
        "{wording}{mark}{markers}</p> {badge} {behind}</li>",
        wording=claim.wording,
        mark=mark,
        markers=_joined("", (citation_marker(n) for n in citation_numbers)),
        badge=evidence_badge(
            claim.evidence_level_label, claim.evidence_steps, explanation
        ),
        behind=evidence_behind(claim, "product-claims__explanation"),
    )


def evidence_behind(claim, css="claim__explanation", tag="p"):
    """What stands behind a claim in plain words ("3 randomised trials, 412
    people: 2 found a benefit, 1 found no clear effect."), with a link to its
    public dossier."""
    from evidence.dossier import dossier_url

    return _html(
        '<{tag} class="{css}">{summary} <a href="{url}">How we graded this '
        '<span class="visually-hidden">statement</span></a></{tag}>',
        tag="span" if tag == "span" else "p",
        css=css,
        summary=claim.evidence_summary,
        url=dossier_url(claim),
    )


def ama_citation_html(source):
    """``Source.ama_citation`` as HTML, with the journal's name in italics
    (a ``cite`` element), as AMA sets it."""
    authors, title, container, locator = source.ama_parts
    journal = _html("<cite>{name}</cite>.", name=container[:-1]) if container else ""
    parts = (_escape(authors), _escape(title), journal, _escape(locator))
    return _joined(" ", (part for part in parts if part))


def reference_entry(number, source):
    """One entry of a numbered AMA reference list: the citation, its DOI and
    PubMed links (or its plain URL), and a retraction marked in words.

    Built here rather than in the template, like ``citation_marker``: an
    article lists forty of these, and template nodes cost far more."""
    retracted = css = ""
    if source.retracted:
        when = f" {date(source.retracted_on, 'N Y')}" if source.retracted_on else ""
        retracted = _html(
            '<strong class="badge badge--retracted">Retracted{when}</strong> ',
            when=when,
        )
        css = SafeString(f' class="{RETRACTED_CLASS}"')
    links = _joined(
        " ",
        (
            f'<a href="{_escape(url)}" rel="noopener">{_escape(label)}</a>'
            for label, url in source.reference_links
        ),
    )
    return _html(
        '<li id="ref-{number}" value="{number}"{css}>{retracted}{citation} '
        "{links}</li>",
        number=number,
        css=css,
        retracted=retracted,
        citation=ama_citation_html(source),
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
