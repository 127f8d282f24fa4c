from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopAssistantConfig(AppConfig):
    name = "shop_assistant"
    verbose_name = _("Shop assistant")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .receivers import connect
        from .recommend import receivers as _recommend  # noqa: F401  (merge at login)

        connect()  # index freshness: product saves/deletes queue (re-)indexing
