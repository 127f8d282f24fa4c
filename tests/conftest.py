"""Fixtures shared by the test suite: real PostgreSQL + pgvector, real encoders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .catalogs import LoadedCatalog, load_demo_catalog, wipe_catalog


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests on the session-wide ``demo_catalog`` run last, so no other test sees its rows."""
    items.sort(key=lambda item: "demo_catalog" in getattr(item, "fixturenames", ()))


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
