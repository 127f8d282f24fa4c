"""Fixtures of the oscar shop's suite (real PostgreSQL + pgvector, the real encoder)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture
def space(db):
    from shop_assistant.indexing.spaces import get_or_create_active_space

    return get_or_create_active_space()


@pytest.fixture
def api() -> APIClient:
    cache.clear()  # throttle history, cached query vectors
    return APIClient()


@pytest.fixture
def shop(space):
    from .shop import build_shop

    return build_shop()
