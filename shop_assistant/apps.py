from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopAssistantConfig(AppConfig):
    """Declarative: ``ready()`` registers checks and tasks and connects receivers, nothing
    more (no database or network work at import time)."""

    name = "shop_assistant"
    verbose_name = _("Shop assistant")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import setting_changed
        from django.db.models.signals import post_delete, post_save

        from . import checks, receivers, tasks  # noqa: F401  (checks and tasks register)
        from .core import memo
        from .models import EmbeddingSpace, LearnedVersion, MerchandisingRule
        from .recommend.receivers import merge_anonymous_history

        receivers.connect()  # index freshness: product saves/deletes queue (re-)indexing
        setting_changed.connect(_reconnect, dispatch_uid="shop_assistant.reconnect")
        user_logged_in.connect(
            merge_anonymous_history, dispatch_uid="shop_assistant.recommend.merge_visitor"
        )
        # rows memoized per process
        for model in (EmbeddingSpace, LearnedVersion, MerchandisingRule):
            post_save.connect(memo.rows_changed, sender=model, dispatch_uid=f"sa-memo-{model}")
            post_delete.connect(memo.rows_changed, sender=model, dispatch_uid=f"sa-memo-{model}")


def _reconnect(*, setting: str, **kwargs: Any) -> None:
    """A test changed which models are watched (``RELATED_MODELS``)."""
    if setting in ("SHOP_ASSISTANT", "SHOP_ASSISTANT_PRODUCT_MODEL"):
        from .receivers import connect

        connect()
