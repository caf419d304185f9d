"""What every template may read."""

from django.utils.functional import SimpleLazyObject

from mgsite.models import SiteSettings


def site_settings(request):
    """The site settings as ``site_settings`` (the brand, the disclaimer),
    read only by a template that uses them, once per content version."""
    return {"site_settings": SimpleLazyObject(SiteSettings.current)}
