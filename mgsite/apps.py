from django.apps import AppConfig


class MgsiteConfig(AppConfig):
    name = "mgsite"
    verbose_name = "Site"
