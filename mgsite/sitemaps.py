from wagtail.contrib.sitemaps import Sitemap

from evidence.models import shown_pages


class ReviewedSitemap(Sitemap):
    """Wagtail's sitemap of live, public pages, less any whose row is no
    longer what a reviewer approved."""

    def items(self):
        pages = super().items()
        return pages.filter(pk__in=[page.pk for page in shown_pages(pages)])
