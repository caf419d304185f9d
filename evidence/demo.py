"""Demo sources and claims (filled in by the evidence library)."""


def load(log):
    pass
