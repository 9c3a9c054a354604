from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Reading room"

    def ready(self):
        from . import invalidation

        invalidation.connect()
