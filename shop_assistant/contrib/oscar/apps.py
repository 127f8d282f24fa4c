from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OscarIntegrationConfig(AppConfig):
    """Connects the receivers that follow oscar's catalogue (nothing else at start-up)."""

    name = "shop_assistant.contrib.oscar"
    label = "shop_assistant_oscar"
    verbose_name = _("Shop assistant for django-oscar")

    def ready(self) -> None:
        from . import checks, receivers  # noqa: F401  (checks register themselves)

        receivers.connect()
