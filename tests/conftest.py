"""Fixtures shared by the library's test suite: real PostgreSQL + pgvector, real encoders,
the test shop of ``tests.testapp``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .catalogs import LoadedCatalog, load_small_catalog, wipe_catalog
from .celery_app import app as celery_app  # the current Celery app before any task is sent

__all__ = ["celery_app"]

SESSION_CATALOG = "indexed_catalog"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests on the session-wide catalog run last, so no other test sees its rows."""
    items.sort(key=lambda item: SESSION_CATALOG in getattr(item, "fixturenames", ()))
    # A collected module may create another Celery app (importing ``demo_project`` does),
    # which Celery then makes the current one: the tests' app must be current when tests
    # send tasks, or they go through that app's broker instead of the tests' own.
    celery_app.set_current()
    celery_app.set_default()


@pytest.fixture(autouse=True)
def _fresh_memo() -> Iterator[None]:
    """A test's rows are rolled back without signals: memoized rows must not outlive it."""
    from shop_assistant.core import memo

    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def space(db):
    """The active embedding space (USE multilingual, created from settings)."""
    from shop_assistant.indexing.spaces import get_or_create_active_space

    return get_or_create_active_space()


@pytest.fixture(scope="session")
def indexed_catalog(django_db_setup, django_db_blocker) -> Iterator[LoadedCatalog]:
    """The tests' small multilingual catalog (tests/catalog_data.py) created with the
    factories and indexed (real USE vectors) once per session.

    Committed, so every test sees it inside its own transaction; wiped at the end of the
    session. ``indexed_catalog.pk("JACKET-EN")`` is a product's pk.
    """
    with django_db_blocker.unblock():
        catalog = load_small_catalog()
    yield catalog
    with django_db_blocker.unblock():
        wipe_catalog()
