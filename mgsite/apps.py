from django.apps import AppConfig


class MgsiteConfig(AppConfig):
    name = "mgsite"
    verbose_name = "Site"

    def ready(self):
        from mgsite.cache import connect_signals

        connect_signals()
