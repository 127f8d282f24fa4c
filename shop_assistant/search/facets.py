"""Facet counts over the products a search matched, for the facets ``SHOP_ASSISTANT["FACETS"]``
names (default: ``category`` and ``brand``).

Each facet reads what it needs from the ranked candidates; a product counts for its
category and every ancestor (filtering on a category includes its descendants, so the
count is what that filter would return).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from ..conf import app_settings
from ..ranking import Candidate

#: What each known facet counts in one candidate.
FACET_VALUES: dict[str, Callable[[Candidate], Iterable[str]]] = {
    "category": lambda candidate: set(candidate.category_path),
    "brand": lambda candidate: [candidate.brand] if candidate.brand else [],
}


def facet_counts(
    candidates: Iterable[Candidate], names: Sequence[str] | None = None
) -> dict[str, list[dict]]:
    """``{"category": [{"value": slug, "count": n}, ...], "brand": [...]}``, most first."""
    wanted = list(app_settings.FACETS if names is None else names)
    counts: dict[str, Counter[str]] = {name: Counter() for name in wanted}
    for candidate in candidates:
        for name in wanted:
            counts[name].update(FACET_VALUES[name](candidate))
    return {name: _ordered(counter) for name, counter in counts.items()}


def _ordered(counts: Counter[str]) -> list[dict]:
    return [
        {"value": value, "count": count}
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
