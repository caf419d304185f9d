"""Numbered citations: sources get numbers in order of first use on a page,
and citing a source again reuses its number. Each place a source is cited
(a marker) has its own id, so that its reference can lead back to it.

The markup lives in templates (``components/claim.html``,
``components/reference_list.html``, ``components/evidence_badge.html``); the
marker, repeated for every citation inside rich text, is one ``format_html``
call here, used by the templates through ``evidence_tags`` as well.
"""

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import format_html

EVIDENCE_STEPS = 3
RETRACTED_CLASS = "references__item--retracted"


def marker_id(number, use):
    """The id of the ``use``-th place reference ``number`` is cited."""
    return f"cite-{number}-{use}"


@dataclass(frozen=True)
class Marker:
    number: int
    id: str


@dataclass(frozen=True)
class Reference:
    """An entry of the reference list: its number, its source, and the ids
    of the markers that cite it (for the links back)."""

    number: int
    source: object
    back_ids: tuple = ()


@lru_cache(maxsize=4096)
def citation_marker(number, id=""):
    """The superscript that points at reference ``number`` in the list; ``id``
    lets the reference link back to it. The markup depends on these two
    values alone, so each is built once."""
    return format_html(
        '<sup class="cite"><a{} href="#ref-{}" aria-label="Reference {}">[{}]</a>'
        "</sup>",
        format_html(' id="{}"', id) if id else "",
        number,
        number,
        number,
    )


def ama_citation_html(source):
    """``Source.ama_citation`` as HTML, with the journal's name in italics
    (a ``cite`` element), as AMA sets it."""
    authors, title, container, locator = source.ama_parts
    journal = format_html("<cite>{}</cite>.", container[:-1]) if container else ""
    parts = [part for part in (authors, title, journal, locator) if part]
    return format_html(" ".join(["{}"] * len(parts)), *parts)


class CitationNumbering:
    """The numbers of one page's references. ``count`` numbers a source and
    records one place citing it (run over the page in reading order before
    anything renders); ``markers`` gives each rendered marker the id of the
    next such place."""

    def __init__(self):
        self._numbers = {}
        self._sources = []
        self._uses = Counter()
        self._marked = Counter()

    def number(self, source):
        """The reference number of ``source`` on this page, assigning the next
        one on first use."""
        if source.pk not in self._numbers:
            self._sources.append(source)
            self._numbers[source.pk] = len(self._sources)
        return self._numbers[source.pk]

    def count(self, source):
        """``number(source)``, recording one more place that cites it."""
        number = self.number(source)
        self._uses[number] += 1
        return number

    def markers(self, numbers):
        """Markers for ``numbers`` cited together, in ascending order, each
        with the id of the next place that cites its reference (from the
        first again when a page renders twice)."""
        markers = []
        for number in sorted(set(numbers)):
            use = self._marked[number] % max(self._uses[number], 1) + 1
            self._marked[number] += 1
            markers.append(Marker(number, marker_id(number, use)))
        return markers

    @property
    def references(self):
        """(number, source) pairs in reference-list order."""
        return list(enumerate(self._sources, start=1))

    @property
    def entries(self):
        """The reference list: ``Reference``s in order, with their back ids."""
        return [
            Reference(
                number,
                source,
                tuple(
                    marker_id(number, use) for use in range(1, self._uses[number] + 1)
                ),
            )
            for number, source in self.references
        ]

    def __len__(self):
        return len(self._sources)
