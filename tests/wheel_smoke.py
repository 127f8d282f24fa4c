"""Smoke test of the built wheel, installed (not editable) in a clean virtualenv.

Run by ``make test-wheel`` with that venv's Python, from a directory outside the
repository, as ``python tests/wheel_smoke.py /path/to/repo/shop_assistant``: the package
imported must be the installed one, and every data file of the source tree (migrations,
templates, static files, compiled ``.mo`` catalogs, the contrib apps) must be in it.
Not collected by pytest (its name has no ``test_`` prefix).
"""

from __future__ import annotations

import gettext
import importlib
import pkgutil
import sys
from pathlib import Path

#: Source files the wheel must carry, relative to the package directory.
DATA_PATTERNS = (
    "py.typed",
    "migrations/*.py",
    "templates/**/*.html",
    "static/**/*",
    "locale/*/LC_MESSAGES/django.mo",
    "contrib/**/*.py",
)

#: Modules needing an optional extra (django-oscar) that this venv does not install.
OPTIONAL = ("shop_assistant.contrib.oscar.adapter", "shop_assistant.contrib.oscar.receivers")


def fail(message: str) -> None:
    print(f"wheel smoke test FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def check_installed_copy(source: Path) -> Path:
    import shop_assistant

    installed = Path(shop_assistant.__file__).resolve().parent
    if installed == source.resolve() or not installed.is_relative_to(Path(sys.prefix).resolve()):
        fail(f"shop_assistant imported from {installed}, not from the venv {sys.prefix}")
    if (
        any(installed.parent.glob("__editable__*"))
        or installed.parent.joinpath("shop_assistant.egg-link").exists()
    ):
        fail("installed in editable mode")
    return installed


def check_data_files(source: Path, installed: Path) -> dict[str, int]:
    counts = {}
    for pattern in DATA_PATTERNS:
        wanted = [p.relative_to(source) for p in source.glob(pattern) if p.is_file()]
        wanted = [p for p in wanted if "__pycache__" not in p.parts]
        missing = [str(p) for p in wanted if not (installed / p).is_file()]
        if missing:
            fail(f"{pattern}: missing from the wheel: {', '.join(missing[:5])}")
        counts[pattern] = len(wanted)
    for pattern in ("migrations/*.py", "templates/**/*.html", "locale/*/LC_MESSAGES/django.mo"):
        if not counts[pattern]:
            fail(f"the source tree has no {pattern}: wrong source path?")
    return counts


def configure_django() -> None:
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.postgres",
            "rest_framework",
            "drf_spectacular",
            "shop_assistant",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "not_connected"}},
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
        LANGUAGES=[("en", "English"), ("es", "Español"), ("de", "Deutsch")],
        SHOP_ASSISTANT_PRODUCT_MODEL="auth.Group",  # any installed model will do here
        USE_I18N=True,
    )
    django.setup()


def check_migrations(source: Path) -> str:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    leaves = loader.graph.leaf_nodes("shop_assistant")
    latest = max(p.stem for p in source.glob("migrations/0*.py"))
    if leaves != [("shop_assistant", latest)]:
        fail(f"migration leaves {leaves}, expected {latest}")
    return latest


def check_templates_and_catalogs(installed: Path) -> int:
    from django.template.loader import get_template

    for template in installed.glob("templates/**/*.html"):
        get_template(str(template.relative_to(installed / "templates")))
    messages = 0
    for mo in installed.glob("locale/*/LC_MESSAGES/django.mo"):
        with mo.open("rb") as handle:
            messages += len(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    if not messages:
        fail("the .mo catalogs hold no message")
    return messages


def check_imports() -> int:
    import shop_assistant

    count = 0
    for module in pkgutil.walk_packages(shop_assistant.__path__, "shop_assistant."):
        if module.name in OPTIONAL or ".management.commands." in module.name:
            continue
        importlib.import_module(module.name)
        count += 1
    from shop_assistant.contrib.oscar.apps import OscarIntegrationConfig

    assert OscarIntegrationConfig.name == "shop_assistant.contrib.oscar"
    return count


def check_system_checks() -> None:
    from django.core.management import call_command

    call_command("check", "shop_assistant")  # raises SystemCheckError on any error


def main() -> None:
    source = Path(sys.argv[1]).resolve()
    if Path.cwd().resolve().is_relative_to(source.parent):
        fail("run it from outside the repository")
    installed = check_installed_copy(source)
    counts = check_data_files(source, installed)
    configure_django()
    latest = check_migrations(source)
    messages = check_templates_and_catalogs(installed)
    modules = check_imports()
    check_system_checks()
    summary = ", ".join(f"{n} {pattern}" for pattern, n in counts.items())
    print(
        f"wheel OK: {installed}\n  {summary}\n  latest migration {latest}, "
        f"{messages} translated messages, {modules} modules imported"
    )


if __name__ == "__main__":
    main()
