from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from django.db.models.signals import pre_delete

        from articles.protection import refuse_deleting_cited_sources
        from evidence.models import Source

        pre_delete.connect(
            refuse_deleting_cited_sources,
            sender=Source,
            dispatch_uid="articles_refuse_deleting_cited_sources",
        )
