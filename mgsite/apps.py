from django.apps import AppConfig


class MgsiteConfig(AppConfig):
    name = "mgsite"
    verbose_name = "Site"

    def ready(self):
        # In ready(): the handlers import the content apps' models.
        from mgsite.invalidation import connect_signals

        connect_signals()
