"""Facet counts (category, brand) over the products a search matched."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..ranking import Candidate

FACET_NAMES = ("category", "brand")


def facet_counts(candidates: Iterable[Candidate]) -> dict[str, list[dict]]:
    """``{"category": [{"value": slug, "count": n}, ...], "brand": [...]}``, most first.

    A product counts for its category and every ancestor (filtering on a category
    includes its descendants, so the count is what that filter would return).
    """
    categories: Counter[str] = Counter()
    brands: Counter[str] = Counter()
    for candidate in candidates:
        categories.update(set(candidate.category_path))
        if candidate.brand:
            brands[candidate.brand] += 1
    return {"category": _ordered(categories), "brand": _ordered(brands)}


def _ordered(counts: Counter[str]) -> list[dict]:
    return [
        {"value": value, "count": count}
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
