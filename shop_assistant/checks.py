"""System checks with stable ids and hints (``python manage.py check``)."""

from __future__ import annotations

from typing import Any

from django.conf import global_settings, settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from .catalog import DEFAULT_FIELDS, ONE_OF_MANY
from .conf import app_settings, get_product_model
from .core.loading import load_class
from .language import primary_code, shop_languages


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
    from .search.facets import FIXED_FACETS, is_known

    try:
        unknown = [name for name in app_settings.FACETS if not is_known(name)]
    except ImproperlyConfigured:
        return []  # reported by check_backends (E002)
    if not unknown:
        return []
    return [
        checks.Error(
            f'SHOP_ASSISTANT["FACETS"] names unknown facet(s): {", ".join(unknown)}.',
            hint=f"Known facets: {', '.join(FIXED_FACETS)}, and attr.<key> for any attribute.",
            id="shop_assistant.E008",
        )
    ]


#: ``ADAPTER_FIELDS`` keys whose value is an attribute path on the product.
PRODUCT_PATH_FIELDS = tuple(
    key
    for key in DEFAULT_FIELDS
    if key
    not in {
        "default_currency",
        "category_slug",
        "category_name",
        "category_parent",
        "attributes",
        "attribute_labels",
        "value_labels",
        "updated_at",
    }
)


def _to_many_error(model: type, path: str) -> str | None:
    """Why ``path`` cannot be read on ``model``: it reaches a to-many relation (a
    many-to-many field or a reverse foreign key) without picking one object from it."""
    parts = path.split(".")
    for index, name in enumerate(parts):
        try:
            field = model._meta.get_field(name)
        except Exception:
            return None  # a property or method: not checkable statically
        if not field.is_relation or field.related_model is None:
            return None
        if field.many_to_many or field.one_to_many:
            following = parts[index + 1] if index + 1 < len(parts) else None
            if following not in ONE_OF_MANY:
                return name
            rest = ".".join(parts[index + 2 :])
            return _to_many_error(field.related_model, rest) if rest else None
        model = field.related_model
    return None


@checks.register(checks.Tags.models)
def check_adapter_fields(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Paths of ``ADAPTER_FIELDS`` that follow a to-many relation need ``.first``."""
    try:
        model = get_product_model()
        fields = dict(app_settings.ADAPTER_FIELDS or {})
    except ImproperlyConfigured:
        return []  # reported by check_product_model (E001) / check_backends (E002)
    paths = [(key, fields.get(key)) for key in PRODUCT_PATH_FIELDS]
    paths += [("attributes", path) for path in fields.get("attributes") or ()]
    errors: list[checks.CheckMessage] = []
    for key, path in paths:
        if not isinstance(path, str) or not path:
            continue
        relation = _to_many_error(model, path)
        if relation is None:
            continue
        picked = path.replace(relation, f"{relation}.first", 1)
        errors.append(
            checks.Error(
                f'SHOP_ASSISTANT["ADAPTER_FIELDS"]["{key}"] = {path!r} follows the to-many '
                f"relation {relation!r} of {model._meta.label} without picking one object.",
                hint=f"Pick one object, e.g. {picked!r}, or override the adapter's get_* method "
                "to read all of them.",
                id="shop_assistant.E009",
            )
        )
    return errors


def _default_language_list() -> bool:
    return list(settings.LANGUAGES) == list(global_settings.LANGUAGES)


@checks.register()
def check_served_languages(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The served languages are a shop's choice, and ones the encoder can embed."""
    try:
        configured = app_settings.LANGUAGES
    except ImproperlyConfigured:
        return []
    warnings: list[checks.CheckMessage] = []
    if not configured and _default_language_list():
        warnings.append(
            checks.Warning(
                f"settings.LANGUAGES is Django's default list of {len(settings.LANGUAGES)} "
                "languages: shop_assistant would detect, index and answer in all of them.",
                hint="Set settings.LANGUAGES (or SHOP_ASSISTANT['LANGUAGES']) to the languages "
                "your shop serves.",
                id="shop_assistant.W002",
            )
        )
    try:
        encoder_class, _config = load_class('SHOP_ASSISTANT["ENCODER"]', app_settings.ENCODER)
    except ImproperlyConfigured:
        return warnings  # reported by check_backends (E003)
    supported = getattr(encoder_class, "languages", None)
    if not supported:
        return warnings
    unsupported = [code for code in shop_languages() if primary_code(code) not in supported]
    if unsupported:
        warnings.append(
            checks.Warning(
                f"The encoder {encoder_class.__name__} was not trained on "
                f"{', '.join(unsupported)}: search and Q&A in "
                f"{'them' if len(unsupported) > 1 else 'it'} will be poor.",
                hint=f"Serve only languages it knows ({', '.join(sorted(supported))}) or "
                "configure SHOP_ASSISTANT['ENCODER'] with a model trained on them.",
                id="shop_assistant.W003",
            )
        )
    return warnings
