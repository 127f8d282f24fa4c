"""Simulated visitors: judged queries replayed through the real search service, with
clicks, add-to-carts and purchases sent through the events pipeline.

Each session searches one query as the API would (the search is logged under its query
id), then a position-biased click model walks the page: rank ``r`` is looked at with
probability ``1 / r ** position_bias``; a product looked at is clicked with a probability
by its judged grade (``attractiveness``), an unjudged one with ``noise``; a share of the
sessions is abandoned with no click. A click may lead to add-to-cart and purchase. All
events carry the search's query id, so the stored data is what a live shop would have.
Deterministic for a seed (the search results themselves being deterministic).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ..evaluation import JudgedQuery
from ..recommend.events import EventInput, ingest_events
from ..recommend.identity import Visitor
from ..search import InvalidSearch, search


@dataclass(frozen=True)
class ClickModel:
    """How simulated visitors look, click and buy. ``random_clicks``: clicks ignore the
    grades (every product looked at is as attractive), traffic that teaches nothing."""

    position_bias: float = 1.0
    attractiveness: Mapping[int, float] = field(
        default_factory=lambda: {3: 0.85, 2: 0.45, 1: 0.15, 0: 0.03}
    )
    noise: float = 0.03
    abandon: float = 0.15
    cart: float = 0.5  # P(add to cart | click), times grade / 3 (noise clicks: × 0.1)
    purchase: float = 0.5  # P(purchase | add to cart)
    random_clicks: bool = False
    random_click_rate: float = 0.3

    def examined(self, rank: int, rng: random.Random) -> bool:
        return rng.random() < 1.0 / rank**self.position_bias

    def click(self, grade: int | None, rng: random.Random) -> bool:
        if self.random_clicks:
            return rng.random() < self.random_click_rate
        chance = self.noise if grade is None else self.attractiveness.get(grade, self.noise)
        return rng.random() < chance

    def carts(self, grade: int | None, rng: random.Random) -> bool:
        share = 0.1 if self.random_clicks or grade is None else grade / 3
        return rng.random() < self.cart * share


@dataclass
class TrafficReport:
    sessions: int = 0
    searches: int = 0
    abandoned: int = 0
    clicks: int = 0
    carts: int = 0
    purchases: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def simulate_traffic(
    queries: Sequence[JudgedQuery],
    *,
    id_of: Mapping[Any, str],
    sessions: int,
    seed: int = 0,
    page_size: int = 10,
    model: ClickModel | None = None,
) -> TrafficReport:
    """Replay ``sessions`` visits over ``queries`` (each query in turn, in a seeded order);
    ``id_of`` maps a product pk to the id the judgements use."""
    model = model or ClickModel()
    rng = random.Random(seed)
    report = TrafficReport()
    if not queries:
        return report
    order = list(queries)
    for number in range(sessions):
        if number % len(order) == 0:
            rng.shuffle(order)
        query = order[number % len(order)]
        report.sessions += 1
        try:
            result = search(query.query, page_size=page_size, with_facets=False)
        except InvalidSearch:
            continue
        report.searches += 1
        if rng.random() < model.abandon:
            report.abandoned += 1
            continue
        prefix = f"sim-{seed}-{number}"
        events = _session_events(query, result.hits, id_of, model, rng, report)
        if events:
            ingest_events(
                Visitor(visitor_id=f"sim-visitor-{seed}-{number}"),
                [
                    EventInput(
                        event_id=f"{prefix}-{name}",
                        type=kind,
                        product_id=product_id,
                        timestamp=timezone.now(),
                        query_id=result.query_id,
                        order_id=prefix if kind == "purchase" else "",
                    )
                    for name, kind, product_id in events
                ],
            )
    return report


def _session_events(
    query: JudgedQuery,
    hits: Sequence[Any],
    id_of: Mapping[Any, str],
    model: ClickModel,
    rng: random.Random,
    report: TrafficReport,
) -> list[tuple[str, str, Any]]:
    """``(name, type, product pk)`` of the events one visitor makes on a page."""
    events: list[tuple[str, str, Any]] = []
    for rank, hit in enumerate(hits, 1):
        if not model.examined(rank, rng):
            continue
        grade = query.grades.get(id_of.get(hit.product_id, ""))
        if not model.click(grade, rng):
            continue
        report.clicks += 1
        events.append((f"{rank}-click", "search_click", hit.product_id))
        if model.carts(grade, rng):
            report.carts += 1
            events.append((f"{rank}-cart", "add_to_cart", hit.product_id))
            if rng.random() < model.purchase:
                report.purchases += 1
                events.append((f"{rank}-buy", "purchase", hit.product_id))
    return events
