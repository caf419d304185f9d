from django import template

from products.structured_data import to_script_json

register = template.Library()


@register.filter
def script_json(data):
    """Serialise for a ``<script type="application/ld+json">`` block."""
    return to_script_json(data)
