from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from mgsite import brand_art

MANIFEST = """{
  "name": "%(name)s",
  "short_name": "%(name)s",
  "icons": [
    {"src": "img/icon-192.png", "sizes": "192x192", "type": "image/png"},
    {"src": "img/icon-512.png", "sizes": "512x512", "type": "image/png"}
  ],
  "theme_color": "#0b6e4f",
  "background_color": "#ffffff",
  "display": "browser"
}
"""


class Command(BaseCommand):
    help = (
        "Draw the favicon, touch icons, logo and default social picture into static/."
    )

    def handle(self, *args, **options):
        static = Path(settings.BASE_DIR) / "static"
        (static / "img").mkdir(parents=True, exist_ok=True)
        files = {
            "favicon.png": brand_art.png(brand_art.mark(32)),
            "img/apple-touch-icon.png": brand_art.png(
                brand_art.mark(180).convert("RGB")
            ),
            "img/icon-192.png": brand_art.png(brand_art.mark(192)),
            "img/icon-512.png": brand_art.png(brand_art.mark(512)),
            "img/logo.png": brand_art.png(brand_art.mark(128)),
            "img/og-default.png": brand_art.png(
                brand_art.social_picture(
                    "Mineral Ledger", "Magnesium, read against the research"
                )
            ),
        }
        for name, buffer in files.items():
            (static / name).write_bytes(buffer.getvalue())
        (static / "favicon.svg").write_text(brand_art.mark_svg())
        (static / "site.webmanifest").write_text(MANIFEST % {"name": "Mineral Ledger"})
        self.stdout.write(f"Wrote {len(files) + 2} files under {static.name}/.")
