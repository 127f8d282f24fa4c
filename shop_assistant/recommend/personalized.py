"""Personalized recommendations from a visitor's recent events, covering several interests.

1. **Taste**: each product the visitor touched weighs the sum of its events' weights
   (``EVENT_WEIGHTS``: a view counts less than an add-to-cart, less than a purchase),
   each halved every ``TASTE_HALF_LIFE_DAYS``.
2. **Interests**: the products' vectors are clustered greedily by cosine similarity
   (heaviest first; a product joins the closest interest when similar enough, else
   starts a new one, up to :data:`MAX_INTERESTS`), so a visitor into tents and coffee
   gets both rather than the meaningless average of the two.
3. **Retrieval**: nearest products to each interest's weighted centroid, merged by the
   D'Hondt method on the interests' weights (every interest gets its share of slots).
4. **Exclusions**: what the visitor already interacted with, and the variant families
   of what they bought, except what they bought that is re-buyable (a consumable,
   recommended again as a re-order).
5. **Cold start** and top-up: trending in the visitor's language, trending, then
   popular overall (see :func:`.trending.fallback_candidates`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from django.utils import timezone

from ..cards import ProductCard, cards
from ..conf import app_settings
from ..core.sql import queryset_statement, run_together
from ..indexing import ann
from ..indexing.spaces import active_space
from ..models import CatalogEntry, Interaction
from ..ranking import Candidate
from .base import ListContext, allowed_entries, finish
from .identity import Visitor
from .results import candidate_of_card, rank_scores
from .trending import fallback_candidates
from .vectors import nearest_entries_each

#: Most recent events read to build a visitor's taste.
MAX_HISTORY = 200
#: Most interests kept per visitor.
MAX_INTERESTS = 4
#: A product joins an interest whose centroid is at least this similar (cosine).
INTEREST_SIMILARITY = 0.55
#: Products named in an interest's explanation.
EXPLAIN_MEMBERS = 3


@dataclass
class Interest:
    """A cluster of the visitor's products."""

    members: list[Any]  # keys (product ids), heaviest first
    weight: float
    vector: np.ndarray


@dataclass
class Taste:
    """What a visitor's events say about them."""

    weights: dict[Any, float] = field(default_factory=dict)  # product id -> weight
    interests: list[Interest] = field(default_factory=list)
    exclude_products: set[Any] = field(default_factory=set)
    exclude_groups: set[str] = field(default_factory=set)


def event_weight(event_type: str, age_days: float) -> float:
    """Weight of one event: its type's weight, halved every ``TASTE_HALF_LIFE_DAYS``."""
    half_life = float(app_settings.TASTE_HALF_LIFE_DAYS)
    base = float(app_settings.EVENT_WEIGHTS.get(event_type, 1.0))
    return base * 0.5 ** (max(age_days, 0.0) / half_life)


def cluster_interests(
    items: Sequence[tuple[Any, float, np.ndarray]],
    *,
    threshold: float = INTEREST_SIMILARITY,
    max_interests: int = MAX_INTERESTS,
) -> list[Interest]:
    """Greedy cosine clustering of ``(key, weight, unit vector)``, heaviest interest first."""
    interests: list[Interest] = []
    sums: list[np.ndarray] = []
    for key, weight, vector in sorted(items, key=lambda item: -item[1]):
        similarities = [float(interest.vector @ vector) for interest in interests]
        best = int(np.argmax(similarities)) if similarities else -1
        if best < 0 or (similarities[best] < threshold and len(interests) < max_interests):
            interests.append(Interest([key], weight, vector.copy()))
            sums.append(vector * weight)
            continue
        interest = interests[best]
        interest.members.append(key)
        interest.weight += weight
        sums[best] = sums[best] + vector * weight
        interest.vector = ann.normalize(sums[best])
    return sorted(interests, key=lambda interest: -interest.weight)


def taste_of(visitor: Visitor, context: ListContext, *, now: datetime | None = None) -> Taste:
    """The visitor's taste from their latest events (empty for a new visitor)."""
    taste = Taste()
    if not visitor.is_known:
        return taste
    now = now or timezone.now()
    history = Interaction.objects.using(context.db).filter(visitor.history_q())
    events = history.order_by("-timestamp").values_list("product_id", "type", "timestamp")
    purchases = history.filter(type=Interaction.Type.PURCHASE).values_list("product_id")
    recent, purchased = run_together(  # both reads in one round trip
        context.db,
        [
            queryset_statement(events[:MAX_HISTORY], list),
            queryset_statement(purchases, lambda rows: {row[0] for row in rows}),
        ],
    )
    for product_id, event_type, timestamp in recent or []:
        age = (now - timestamp).total_seconds() / 86400.0
        taste.weights[product_id] = taste.weights.get(product_id, 0.0) + event_weight(
            event_type, age
        )
    purchased = purchased or set()
    touched = set(taste.weights) | purchased
    entries = CatalogEntry.objects.using(context.db).filter(product_id__in=touched)
    rebuyable = set()
    for entry in entries:
        if entry.product_id in purchased and entry.rebuyable:
            rebuyable.add(entry.product_id)
        elif entry.product_id in purchased and entry.group:
            taste.exclude_groups.add(entry.group)
    taste.exclude_products = touched - rebuyable
    space = active_space(context.db)
    if space is None or not taste.weights:
        return taste
    by_entry = {e.pk: e.product_id for e in entries if e.product_id in taste.weights}
    vectors = ann.mean_vectors(space, by_entry, using=context.db, own_texts=True)
    items = [(by_entry[pk], taste.weights[by_entry[pk]], v) for pk, v in vectors.items()]
    taste.interests = cluster_interests(items)
    return taste


def interest_candidates(
    taste: Taste,
    context: ListContext,
    rules: list,
    *,
    read_cards: dict[int, ProductCard] | None = None,
) -> list[Candidate]:
    """Nearest products to each interest, merged by D'Hondt on the interests' weights;
    their cards are read with them (into ``read_cards`` when given, for
    :func:`.base.finish`)."""
    space = active_space(context.db)
    if space is None or not taste.interests:
        return []
    allowed = allowed_entries(
        context,
        rules,
        exclude_products=taste.exclude_products,
        exclude_groups=taste.exclude_groups,
    )
    per_interest = nearest_entries_each(
        space,
        [interest.vector for interest in taste.interests],
        allowed,
        context.limit,
        using=context.db,
    )
    picks: list[tuple[int, float, int]] = []  # (entry id, similarity, interest index)
    taken = [0] * len(per_interest)
    used: set[int] = set()
    while len(picks) < context.limit:
        open_lists = [i for i, hits in enumerate(per_interest) if hits]
        if not open_lists:
            break
        index = max(open_lists, key=lambda i: taste.interests[i].weight / (taken[i] + 1))
        entry_id, similarity = per_interest[index].pop(0)
        if entry_id in used:
            continue
        used.add(entry_id)
        taken[index] += 1
        picks.append((entry_id, similarity, index))
    found = cards([p[0] for p in picks], context.language, using=context.db)
    if read_cards is not None:
        read_cards.update(found)
    return [
        candidate_of_card(
            entry_id,
            found[entry_id],
            similarity,
            source="personalized",
            interest=index + 1,
            because=taste.interests[index].members[:EXPLAIN_MEMBERS],
            similarity=round(similarity, 4),
        )
        for entry_id, similarity, index in picks
        if entry_id in found
    ]


def recommendations(
    visitor: Visitor, context: ListContext, *, now: datetime | None = None
) -> list[ProductCard]:
    """The visitor's personalized list, topped up by the cold-start chain."""
    rules = context.rules()
    taste = taste_of(visitor, context, now=now)
    read: dict[int, ProductCard] = {}
    candidates = interest_candidates(taste, context, rules, read_cards=read)
    missing = context.limit - len(candidates)
    if missing > 0:
        candidates += fallback_candidates(
            context,
            rules,
            missing,
            exclude_products=taste.exclude_products | {c.product_id for c in candidates},
            exclude_groups=taste.exclude_groups,
        )
    rank_scores(candidates)
    return finish(candidates, context, rules, exclude_products=taste.exclude_products, known=read)
