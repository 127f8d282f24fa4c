"""Fixtures shared by the test suite: real PostgreSQL + pgvector, real encoders."""

from __future__ import annotations

import pytest


@pytest.fixture
def space(db):
    """The active embedding space (USE multilingual, created from settings)."""
    from shop_assistant.spaces import get_or_create_active_space

    return get_or_create_active_space()
