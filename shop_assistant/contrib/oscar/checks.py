"""System checks of the django-oscar integration."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register()
def check_app_order(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The integration replaces a receiver the core app connects: it must start after it."""
    installed = list(settings.INSTALLED_APPS)
    core, integration = "shop_assistant", "shop_assistant.contrib.oscar"
    if core not in installed or integration not in installed:
        return []
    if installed.index(integration) > installed.index(core):
        return []
    return [
        checks.Error(
            f"{integration!r} is listed before {core!r} in INSTALLED_APPS.",
            hint=f"Put {integration!r} after {core!r}.",
            id="shop_assistant.E010",
        )
    ]
