"""System checks with stable ids and hints (``python manage.py check``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from .conf import app_settings, get_product_model
from .core.loading import load_class


@checks.register(checks.Tags.models)
def check_product_model(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        get_product_model()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(
                str(exc),
                hint='Set SHOP_ASSISTANT_PRODUCT_MODEL = "yourapp.Product" to an installed model.',
                id="shop_assistant.E001",
            )
        ]
    return []


#: The pluggable classes, each checked for an importable dotted path.
PLUGGABLE_SETTINGS = ("ADAPTER", "ENCODER", "ANSWERER", "GUIDE_LLM")


@checks.register()
def check_backends(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        app_settings.user_settings  # noqa: B018  (rejects unknown keys)
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), hint="Remove or rename the key.", id="shop_assistant.E002")]
    errors: list[checks.CheckMessage] = []
    for key in PLUGGABLE_SETTINGS:
        if getattr(app_settings, key) is None:  # optional ones (GUIDE_LLM) may be off
            continue
        try:
            load_class(f'SHOP_ASSISTANT["{key}"]', getattr(app_settings, key))
        except ImproperlyConfigured as exc:
            errors.append(
                checks.Error(
                    str(exc),
                    hint="Check the dotted path and that the backend's package is installed.",
                    id="shop_assistant.E003",
                )
            )
    return errors


@checks.register(checks.Tags.database)
def check_database(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list:
    """PostgreSQL with pgvector, on every alias shop_assistant reads or writes."""
    aliases = {"default", app_settings.DATABASE}
    errors: list[checks.CheckMessage] = []
    for alias in sorted(aliases):
        if alias not in connections:
            errors.append(
                checks.Error(
                    f'SHOP_ASSISTANT["DATABASE"] = {alias!r} is not in settings.DATABASES.',
                    hint="Name an alias of settings.DATABASES (a read replica, or 'default').",
                    id="shop_assistant.E004",
                )
            )
            continue
        connection = connections[alias]
        if connection.vendor != "postgresql":
            errors.append(
                checks.Error(
                    f"Database {alias!r} uses {connection.vendor}; "
                    "shop_assistant needs PostgreSQL.",
                    hint="Use django.db.backends.postgresql with pgvector installed.",
                    id="shop_assistant.E005",
                )
            )
            continue
        if databases is None or alias not in databases:
            continue  # only touch the server when `check --database` asks for it
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT installed_version FROM pg_available_extensions WHERE name = 'vector'"
            )
            row = cursor.fetchone()
        if row is None:
            errors.append(
                checks.Error(
                    f"The pgvector extension is not installed on the server of database {alias!r}.",
                    hint="Install pgvector on the PostgreSQL server (e.g. the Debian package "
                    "postgresql-NN-pgvector), then run migrate, which creates the extension.",
                    id="shop_assistant.E006",
                )
            )
        elif row[0] is None:
            errors.append(
                checks.Warning(
                    f"The pgvector extension is not created in database {alias!r}.",
                    hint="Run `python manage.py migrate` (shop_assistant's first migration runs "
                    "CREATE EXTENSION vector), or CREATE EXTENSION vector as a superuser.",
                    id="shop_assistant.W001",
                )
            )
    return errors


@checks.register()
def check_languages(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    configured = app_settings.LANGUAGES
    if not configured:
        return []
    known = {code.lower() for code, _ in settings.LANGUAGES}
    known |= {code.split("-")[0] for code in known}
    missing = [code for code in configured if code.lower() not in known]
    if not missing:
        return []
    return [
        checks.Error(
            f'SHOP_ASSISTANT["LANGUAGES"] lists {", ".join(missing)}, not in settings.LANGUAGES.',
            hint="Add them to settings.LANGUAGES or remove them from SHOP_ASSISTANT['LANGUAGES'].",
            id="shop_assistant.E007",
        )
    ]


@checks.register()
def check_facets(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from .search.facets import FACET_VALUES

    try:
        unknown = [name for name in app_settings.FACETS if name not in FACET_VALUES]
    except ImproperlyConfigured:
        return []  # reported by check_backends (E002)
    if not unknown:
        return []
    return [
        checks.Error(
            f'SHOP_ASSISTANT["FACETS"] names unknown facet(s): {", ".join(unknown)}.',
            hint=f"Known facets: {', '.join(FACET_VALUES)}.",
            id="shop_assistant.E008",
        )
    ]
