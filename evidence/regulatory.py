"""The fixed words and figures that regulation gives us, in one place: the
FDA disclaimer, the symbol that ties a claim to it, and the reference values
a product's magnesium is measured against. Templates read them through
``evidence_tags``; Python imports them from here."""

# 21 CFR 101.93(c), word for word: shown wherever a US structure/function
# claim is shown, singular for one statement and plural for more.
FDA_DISCLAIMER_SINGULAR = (
    "This statement has not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)
FDA_DISCLAIMER_PLURAL = (
    "These statements have not been evaluated by the Food and Drug "
    "Administration. This product is not intended to diagnose, treat, cure, or "
    "prevent any disease."
)

# The mark after a structure/function claim that leads to the disclaimer.
DISCLAIMER_SYMBOL = "†"
DISCLAIMER_ID = "fda-disclaimer"

# Magnesium for adults: the US Daily Value and the EU Nutrient Reference Value.
US_DAILY_VALUE_MG = 420
EU_NRV_MG = 375


def fda_disclaimer(count):
    """The disclaimer for ``count`` structure/function claims shown ("" for none)."""
    if not count:
        return ""
    return FDA_DISCLAIMER_SINGULAR if count == 1 else FDA_DISCLAIMER_PLURAL
