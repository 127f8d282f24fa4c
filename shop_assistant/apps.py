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
        self._connect_memo()

    def _connect_memo(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import memo
        from .models import EmbeddingSpace, MerchandisingRule

        for model in (EmbeddingSpace, MerchandisingRule):
            post_save.connect(memo.rows_changed, sender=model, dispatch_uid=f"sa-memo-{model}")
            post_delete.connect(memo.rows_changed, sender=model, dispatch_uid=f"sa-memo-{model}")
