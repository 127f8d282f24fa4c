"""Training data from the search log and the events attributed to its searches.

Searches are grouped by normalized query text (case and spacing aside). For each query,
every product clicked, added to the cart or bought from its results gains the event's
weight (``SHOP_ASSISTANT["EVENT_WEIGHTS"]``) divided by the chance that its position was
looked at at all (``1 / position ** LEARN_POSITION_BIAS``, capped at
``LEARN_MAX_PROPENSITY_WEIGHT``): inverse-propensity weighting, so a click at rank 8
counts for more than one at rank 1, which anybody looks at. The products shown and not
clicked are the query's negatives.

A share of the queries (by a hash of the seed and the query text, so a query is always on
the same side whatever else the log holds) is held back for evaluation.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist

from ..conf import app_settings, get_product_model
from ..models import CatalogEntry, Interaction, SearchLog

#: Event types that say a result was what the visitor wanted.
POSITIVE_EVENTS = ("click", "search_click", "add_to_cart", "purchase")


def normalize_query(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class QueryTraffic:
    """One distinct query: what its searches showed and what their visitors chose."""

    text: str  # normalized: the key
    query: str  # as first searched (spacing normalized): what is encoded and searched
    language: str
    searches: int = 0
    gains: dict[int, float] = field(default_factory=dict)  # entry id → weighted, IPW
    shown: list[int] = field(default_factory=list)  # entry ids, first shown first
    #: entry id → how often it was looked at: the sum over its searches of the chance
    #: that its position was looked at (``1 / position ** LEARN_POSITION_BIAS``).
    examined: dict[int, float] = field(default_factory=dict)
    #: entry id → its choices (event weights), not reweighted by position.
    chosen: dict[int, float] = field(default_factory=dict)

    @property
    def positives(self) -> list[int]:
        return sorted(self.gains, key=lambda e: (-self.gains[e], e))


@dataclass
class Traffic:
    queries: list[QueryTraffic]
    searches: int
    events: int

    def split(self, holdout: float, seed: int) -> tuple[list[QueryTraffic], list[QueryTraffic]]:
        """``(training, held back)``: queries with a positive, split by :func:`held_back`."""
        useful = [q for q in self.queries if q.gains]
        held = [q for q in useful if held_back(q.text, holdout, seed)]
        return [q for q in useful if not held_back(q.text, holdout, seed)], held


def held_back(text: str, share: float, seed: int) -> bool:
    digest = hashlib.sha256(f"{seed}\x00{normalize_query(text)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def propensity_weight(position: int) -> float:
    bias = float(app_settings.LEARN_POSITION_BIAS)
    return min(float(position) ** bias, float(app_settings.LEARN_MAX_PROPENSITY_WEIGHT))


def read_traffic(languages: Sequence[str] | None = None, using: str = "default") -> Traffic:
    """Every logged search (of ``languages``, when given) with its attributed events."""
    logs = SearchLog.objects.using(using).order_by("created_at", "query_id")
    if languages:
        logs = logs.filter(language__in=list(languages))
    entry_of = dict(
        CatalogEntry.objects.using(using).values_list("product_id", "id")
    )  # product pk → entry id
    by_text: dict[str, QueryTraffic] = {}
    language_votes: dict[str, Counter[str]] = defaultdict(Counter)
    rows = list(logs.values_list("query_id", "query", "language", "result_ids"))
    shown_of: dict[Any, list[Any]] = {}
    for query_id, text, language, result_ids in rows:
        key = normalize_query(text)
        traffic = by_text.setdefault(key, QueryTraffic(key, " ".join(text.split()), language))
        traffic.searches += 1
        language_votes[key][language] += 1
        shown_of[query_id] = list(result_ids or [])
        for position, product_id in enumerate(result_ids or [], 1):
            entry = entry_of.get(product_id) or entry_of.get(_as_pk(product_id))
            if entry is None:
                continue
            if entry not in traffic.shown:
                traffic.shown.append(entry)
            traffic.examined[entry] = traffic.examined.get(entry, 0.0) + 1.0 / propensity_weight(
                position
            )
    text_of = {query_id: normalize_query(text) for query_id, text, *_ in rows}
    weights = app_settings.EVENT_WEIGHTS
    events = 0
    interactions = Interaction.objects.using(using).filter(
        search_id__in=list(text_of), type__in=POSITIVE_EVENTS
    )
    for search_id, kind, product_id in interactions.order_by("pk").values_list(
        "search_id", "type", "product_id"
    ):
        entry = entry_of.get(product_id)
        if entry is None:
            continue
        shown = [str(p) for p in shown_of.get(search_id, [])]
        position = shown.index(str(product_id)) + 1 if str(product_id) in shown else len(shown) + 1
        traffic = by_text[text_of[search_id]]
        gain = float(weights.get(kind, 1.0)) * propensity_weight(position)
        traffic.gains[entry] = traffic.gains.get(entry, 0.0) + gain
        traffic.chosen[entry] = traffic.chosen.get(entry, 0.0) + float(weights.get(kind, 1.0))
        events += 1
    for key, traffic in by_text.items():
        traffic.language = language_votes[key].most_common(1)[0][0]
    queries = sorted(by_text.values(), key=lambda q: q.text)
    return Traffic(queries, searches=len(rows), events=events)


def _as_pk(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def product_ids(id_field: str, using: str = "default") -> dict[Any, str]:
    """Product pk → the value of ``id_field`` (the ids judgements use); ``ValueError`` for
    a field the product model does not have."""
    model = get_product_model()
    try:
        model._meta.get_field(id_field)
    except FieldDoesNotExist as exc:
        raise ValueError(f"{model._meta.label} has no field {id_field!r}.") from exc
    return {
        pk: str(value)
        for pk, value in model._default_manager.using(using).values_list("pk", id_field)
    }
