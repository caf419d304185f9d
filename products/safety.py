"""Dose safety from data: the upper intake level and the interaction and
kidney warnings in ``products/data/dose_safety.toml``, which reviewers read
and change. The rule is a plain function returning compliance findings, as
the rules in ``evidence.compliance`` are; product pages show the warnings
from the same data, so no product retypes them.
"""

import tomllib
from functools import cache
from pathlib import Path

from evidence.compliance import ERROR, Finding

DATA_FILE = Path(__file__).resolve().parent / "data" / "dose_safety.toml"


@cache
def data():
    with open(DATA_FILE, "rb") as f:
        return tomllib.load(f)


def upper_limit_mg():
    return data()["upper_limit"]["mg_per_day"]


def above_upper_limit(product):
    """True when the directions of a product taken by mouth give more
    magnesium a day than the upper intake level."""
    daily = product.elemental_mg_per_day
    return daily is not None and daily > upper_limit_mg()


def upper_limit_findings(product):
    """An error for a product above the upper level that does not carry the
    approved warning for it."""
    if not above_upper_limit(product) or product.carries_upper_limit_warning:
        return []
    limit = data()["upper_limit"]
    return [
        Finding(
            "above-upper-limit",
            ERROR,
            f"The directions give {product.elemental_mg_per_day} mg of magnesium "
            f"a day, more than the {limit['mg_per_day']} mg upper limit for "
            f"{limit['population']} ({limit['url']}). Lower the dose, or tick "
            "“carries the upper-limit warning” so the page shows the approved "
            "warning.",
            "servings_per_day",
        )
    ]


def safety_warnings(product):
    """The warnings a product shows from data, in order: the upper-limit
    ones for products taken by mouth, then interactions and kidney warnings
    for its route."""
    lines = []
    if product.is_oral:
        limit = data()["upper_limit"]
        if above_upper_limit(product):
            lines.append(
                limit["above_limit_warning"].format(mg=product.elemental_mg_per_day)
            )
        lines.append(limit["warning"])
    lines += [
        entry["text"]
        for entry in data()["warnings"]
        if product.route_of_use in entry["routes"]
    ]
    return lines
