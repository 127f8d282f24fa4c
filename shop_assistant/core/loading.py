"""One way to load a pluggable class: ``ADAPTER``, ``ENCODER``, ``ANSWERER`` and the others.

A setting names a class by dotted path, either alone (``"myshop.adapter.Adapter"``) or with
keyword arguments for it (``{"CLASS": "myshop.adapter.Adapter", "CONFIG": {...}}``), like
wagtail-vector-index's backends. Import and configuration errors become
``ImproperlyConfigured`` naming the setting, so ``manage.py check`` and the first request
say exactly what to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

__all__ = ["instantiate", "load_class", "split_setting"]


def split_setting(name: str, value: Any) -> tuple[str, dict[str, Any]]:
    """``(dotted path, config)`` of a setting written either way; anything else is refused."""
    if isinstance(value, str):
        return value, {}
    if isinstance(value, Mapping) and isinstance(value.get("CLASS"), str):
        config = value.get("CONFIG") or {}
        if not isinstance(config, Mapping):
            raise ImproperlyConfigured(f'{name}["CONFIG"] must be a dict, not {config!r}.')
        return value["CLASS"], dict(config)
    raise ImproperlyConfigured(
        f'{name} must be a dotted path or {{"CLASS": dotted path, "CONFIG": {{...}}}}, '
        f"not {value!r}."
    )


def load_class(
    name: str, value: Any, *, error: type[ImproperlyConfigured] = ImproperlyConfigured
) -> tuple[Any, dict[str, Any]]:
    """The class a setting names and its config; ``error`` (a subclass) names ``name``."""
    path, config = split_setting(name, value)
    try:
        return import_string(path), config
    except ImportError as exc:
        raise error(f"{name} = {path!r} cannot be imported: {exc}") from exc


def instantiate(
    name: str,
    value: Any,
    *,
    error: type[ImproperlyConfigured] = ImproperlyConfigured,
    **overrides: Any,
) -> Any:
    """An instance of the class a setting names, built with its ``CONFIG`` (and overrides)."""
    cls, config = load_class(name, value, error=error)
    try:
        return cls(**{**config, **overrides})
    except (TypeError, ValueError, ImproperlyConfigured) as exc:
        path = split_setting(name, value)[0]
        raise error(f"{name} = {path!r} rejects CONFIG {config!r}: {exc}") from exc
