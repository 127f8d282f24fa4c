"""Per-process memo of small, hot, rarely changing rows read by every search.

The active embedding space and the active merchandising rules are read on every search
and recommendation; reading them costs about as much as some of the retrieval queries
(benchmarks/RESULTS.md). Each value is reused in a process for at most
:data:`TTL_SECONDS`; saving or deleting such a row through the ORM in this process drops
them at once (and again when its transaction commits), so only other processes may see a
change up to :data:`TTL_SECONDS` late.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db import transaction

T = TypeVar("T")

TTL_SECONDS = 2.0

_values: dict[Hashable, tuple[float, Any]] = {}
_lock = threading.Lock()


def memoized(key: Hashable, load: Callable[[], T]) -> T:
    """``load()``'s value, reused under ``key`` for up to :data:`TTL_SECONDS`."""
    now = time.monotonic()
    hit = _values.get(key)
    if hit is not None and now - hit[0] < TTL_SECONDS:
        return hit[1]
    value = load()
    with _lock:
        _values[key] = (now, value)
    return value


def clear() -> None:
    with _lock:
        _values.clear()


def rows_changed(sender: type, using: str | None = None, **kwargs: Any) -> None:
    """Receiver for the memoized models' post_save and post_delete."""
    clear()
    transaction.on_commit(clear, using=using)
