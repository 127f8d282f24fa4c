"""Facet counts over a search's results, for the facets ``SHOP_ASSISTANT["FACETS"]`` names
(default: ``category`` and ``brand``).

Facets are counted over exactly the products of the result set (``count``), never over
the page only nor over candidates that did not match. Known facets:

* ``category``: a product counts for its category and every ancestor (filtering on a
  category includes its descendants, so the count is what that filter would return);
  each value names its ``parent`` so a storefront can draw the tree;
* ``brand``;
* ``attr.<key>``: any attribute, each value with its ``label`` in the search language
  (the adapter's value labels, else the stored value);
* ``price``: up to :data:`PRICE_BUCKETS` ranges cut at rounded quantiles of the results'
  prices, cheapest first, each with the ``min``/``max`` to filter on (both inclusive);
* ``in_stock``: ``true`` / ``false``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from ..conf import app_settings
from ..ranking import Candidate
from .values import ValueLabels, label_of, value_labels

ATTRIBUTE_PREFIX = "attr."
FIXED_FACETS = ("category", "brand", "price", "in_stock")
PRICE_BUCKETS = 4
CENT = Decimal("0.01")


def is_known(name: str) -> bool:
    """Whether ``name`` is a facet this module counts."""
    return name in FIXED_FACETS or (
        name.startswith(ATTRIBUTE_PREFIX) and len(name) > len(ATTRIBUTE_PREFIX)
    )


def facet_counts(
    candidates: Iterable[Candidate],
    names: Sequence[str] | None = None,
    *,
    language: str = "",
    labels: ValueLabels | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """``{"category": [{"value": slug, "count": n, "parent": ...}, ...], "brand": [...]}``."""
    wanted = list(app_settings.FACETS if names is None else names)
    results = list(candidates)
    if labels is None and any(name.startswith(ATTRIBUTE_PREFIX) for name in wanted):
        labels = value_labels()
    facets: dict[str, list[dict[str, Any]]] = {}
    for name in wanted:
        if name == "category":
            facets[name] = _categories(results)
        elif name == "brand":
            facets[name] = _ordered(Counter(c.brand for c in results if c.brand))
        elif name == "price":
            facets[name] = price_ranges([c.price for c in results if c.price is not None])
        elif name == "in_stock":
            counts = Counter("true" if c.in_stock else "false" for c in results)
            facets[name] = _ordered(counts)
        elif name.startswith(ATTRIBUTE_PREFIX):
            key = name[len(ATTRIBUTE_PREFIX) :]
            counts = Counter(c.attributes[key] for c in results if c.attributes.get(key))
            facets[name] = [
                {**item, "label": label_of(key, item["value"], language, labels or {})}
                for item in _ordered(counts)
            ]
    return facets


def _categories(results: Sequence[Candidate]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    parents: dict[str, str | None] = {}
    for candidate in results:
        path = candidate.category_path
        counts.update(set(path))
        for index, slug in enumerate(path):
            parents.setdefault(slug, path[index - 1] if index else None)
    return [{**item, "parent": parents[item["value"]]} for item in _ordered(counts)]


def price_ranges(prices: Sequence[Any], buckets: int = PRICE_BUCKETS) -> list[dict[str, Any]]:
    """Ranges of ``prices`` cut at rounded quantiles; each ``{"value": "lo-hi", "min",
    "max", "count"}`` (``min`` None: from the cheapest, ``max`` None: no upper bound)."""
    values = sorted(Decimal(str(p)) for p in prices)
    if not values:
        return []
    cuts: list[Decimal] = []
    for index in range(1, buckets):
        cut = _round_down(values[len(values) * index // buckets])
        if cut > values[0] and (not cuts or cut > cuts[-1]):
            cuts.append(cut)
    bounds = [None, *cuts, None]
    ranges = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        count = sum(1 for v in values if (low is None or v >= low) and (high is None or v < high))
        if not count:
            continue
        top = high - CENT if high is not None else None
        ranges.append(
            {
                "value": f"{_plain(low) if low is not None else ''}-"
                f"{_plain(top) if top is not None else ''}",
                "min": low,
                "max": top,
                "count": count,
            }
        )
    return ranges


def _round_down(value: Decimal) -> Decimal:
    """``value`` rounded down to a multiple of half its second digit's place
    (47 → 45, 130 → 100, 262 → 250, 9.99 → 9.5)."""
    if value <= 0:
        return Decimal(0)
    step = Decimal(5) * Decimal(10) ** (int(math.floor(math.log10(float(value)))) - 1)
    return (value // step) * step


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _ordered(counts: Counter[str]) -> list[dict[str, Any]]:
    return [
        {"value": value, "count": count}
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
