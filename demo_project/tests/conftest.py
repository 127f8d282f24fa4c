"""Fixtures of the demo's test suite: the demo catalog loaded and indexed once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.catalogs import LoadedCatalog, index_and_analyze, wipe_catalog

SETTINGS = "demo_project.tests.settings"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("DJANGO_SETTINGS_MODULE") != SETTINGS:
        raise pytest.UsageError(f"Run the demo's tests with --ds {SETTINGS} (make test does).")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests on the session-wide ``demo_catalog`` run last, so no other test sees its rows;
    the browser tests (which commit events and orders through the live demo) after them."""
    items.sort(
        key=lambda item: (
            "demo_catalog" in getattr(item, "fixturenames", ()),
            "live_demo" in getattr(item, "fixturenames", ()),
        )
    )


@pytest.fixture(autouse=True)
def _fresh_memo() -> Iterator[None]:
    """A test's rows are rolled back without signals: memoized rows must not outlive it."""
    from shop_assistant.core import memo

    memo.clear()
    yield
    memo.clear()


def load_demo_catalog() -> LoadedCatalog:
    """The demo shop's catalog (about 250 products in en/es/de/fr/ja), indexed with USE."""
    from demo_project.shop.catalog_data import CATEGORIES, demo_catalog
    from demo_project.shop.loading import load_categories, load_products
    from demo_project.shop.models import Product

    load_products(demo_catalog(), load_categories(CATEGORIES))
    index_and_analyze()
    return LoadedCatalog(dict(Product.objects.values_list("sku", "pk")))


@pytest.fixture(scope="session")
def demo_catalog(django_db_setup, django_db_blocker) -> Iterator[LoadedCatalog]:
    """The demo catalog loaded and indexed (real USE vectors) once per session.

    Committed, so every test sees it inside its own transaction; wiped at the end of the
    session. ``demo_catalog.pk("DEMO-EN-RAINJACKET")`` is a product's pk.
    """
    with django_db_blocker.unblock():
        catalog = load_demo_catalog()
    yield catalog
    with django_db_blocker.unblock():
        wipe_catalog()
