from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from mgsite.demo import site_address


class Command(BaseCommand):
    help = (
        "Point the default Site record at SITE_URL (or the given address), "
        "from which every absolute URL is built. Run it in each release."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="defaults to SITE_URL")

    def handle(self, *args, url=None, **options):
        address = site_address(url)
        if not address["hostname"]:
            raise CommandError(f"“{url}” has no host name.")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet (run load_demo).")
        site.hostname, site.port = address["hostname"], address["port"]
        site.save()  # through save(), so cached URLs are replaced
        self.stdout.write(f"Default site: {address['hostname']}:{address['port']}")
