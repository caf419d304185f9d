"""Numbered citations: sources get numbers in order of first use on a page,
and citing a source again reuses its number."""


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
