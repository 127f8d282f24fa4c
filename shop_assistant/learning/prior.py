"""A per-product prior learned from traffic: how much more (or less) often visitors chose
a product than others when they looked at it, whatever they searched.

Each product's choices (event weights, :data:`~.data.POSITIVE_EVENTS`) are divided by how
often it was looked at: the sum, over the searches that showed it, of the chance that its
position was looked at (``1 / position ** LEARN_POSITION_BIAS``, the position bias of
:mod:`.data`), so a product shown at rank 1 is not favoured for being shown there. The
rate is smoothed toward the mean rate of all products with ``smoothing`` looks' worth of
evidence (few looks: close to the mean) and stored as its log-ratio to the mean, clipped:
0 is an average product (and every product never shown), +1 one chosen e times as often.

It is per product, so it applies to queries never seen and in every language; how much it
weighs in ranking is learned like the other fusion weights (see :mod:`.service`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .data import QueryTraffic

#: Looks' worth of evidence at the mean rate every product starts with.
SMOOTHING = 5.0
#: The prior is clipped to ± this (log-ratio to the mean rate).
LIMIT = 3.0


def product_prior(
    queries: Iterable[QueryTraffic], *, smoothing: float = SMOOTHING
) -> dict[int, float]:
    """Entry id → smoothed, position-debiased log choice rate relative to the mean, for
    every product the ``queries`` showed or had chosen (others: 0, the mean)."""
    examined: dict[int, float] = {}
    chosen: dict[int, float] = {}
    for query in queries:
        for entry, value in query.examined.items():
            examined[entry] = examined.get(entry, 0.0) + value
        for entry, value in query.chosen.items():
            chosen[entry] = chosen.get(entry, 0.0) + value
    total_examined, total_chosen = sum(examined.values()), sum(chosen.values())
    if total_examined <= 0 or total_chosen <= 0:
        return {}
    mean = total_chosen / total_examined
    prior = {}
    for entry in sorted({*examined, *chosen}):
        rate = (chosen.get(entry, 0.0) + smoothing * mean) / (examined.get(entry, 0.0) + smoothing)
        prior[entry] = round(max(-LIMIT, min(LIMIT, math.log(rate / mean))), 4)
    return prior
