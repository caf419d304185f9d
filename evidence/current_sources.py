"""The sources a claim rests on: its citations less the retracted ones, each
work once. Kept apart from ``evidence.models`` so that the claim form (which
the models module imports) can use it too."""


def current(sources):
    """The sources a claim may rest on: those not retracted, in order, each
    once (a work cited twice is still one study)."""
    distinct = {}
    for source in sources:
        distinct.setdefault(source.pk, source)
    return [source for source in distinct.values() if not source.retracted]


def set_citations(claim, rows):
    """Give ``claim`` its current citations (``rows``: its ClaimSource rows
    in order, each with its source) and their sources."""
    claim.current_citations = [row for row in rows if not row.source.retracted]
    claim.current_sources = current(row.source for row in claim.current_citations)
