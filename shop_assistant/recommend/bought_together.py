"""Frequently bought together, with fallbacks; each result names the source that found it.

1. ``co_purchase``: products bought in the same orders as this one, by lift damped for
   small supports (``lift × support / (support + LIFT_DAMPING)``: a pair seen in two
   orders of rare products does not outrank one seen in twenty); pairs below the minimum
   support were never stored (see :mod:`.copurchase`);
2. ``also_bought``: products of *other* categories bought (in any order) by the people
   who bought this one, closest in meaning to it first;
3. ``popular_related``: the most ordered products of related categories: siblings under
   the same parent category, and categories whose products are bought together with
   products of this one.

Scores decrease along the list (one tier per source); the raw figures (lift, support,
buyers, similarity, orders) are in each result's explanation.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, F, Q

from ..cards import ProductCard
from ..indexing import ann
from ..indexing.spaces import active_space
from ..models import CatalogEntry, CoPurchase, Interaction
from ..ranking import Candidate
from .base import ListContext, allowed_entries, finish, get_entry
from .results import candidate_for, rank_scores
from .similar import variant_products
from .trending import ranked_by

#: Pseudo-count damping the lift of pairs bought together in few orders.
LIFT_DAMPING = 2.0
#: At most this many co-buyers' products are compared by meaning in the second step.
ALSO_BOUGHT_POOL = 200


def co_purchase_candidates(
    entry: CatalogEntry, allowed: Any, context: ListContext, limit: int
) -> list[Candidate]:
    rows = list(
        CoPurchase.objects.using(context.db)
        .filter(product_id=entry.product_id, other_id__in=allowed.values("product_id"))
        .annotate(rank=F("lift") * F("support") / (F("support") + LIFT_DAMPING))
        .order_by("-rank", "-support", "other_id")
        .values_list("other_id", "lift", "support")[:limit]
    )
    entries = {e.product_id: e for e in allowed.filter(product_id__in=[r[0] for r in rows])}
    return [
        candidate_for(entries[pid], lift, source="co_purchase", lift=round(lift, 3), support=sup)
        for pid, lift, sup in rows
        if pid in entries
    ]


def also_bought_candidates(
    entry: CatalogEntry, allowed: Any, context: ListContext, limit: int
) -> list[Candidate]:
    purchases = Interaction.objects.using(context.db).filter(type=Interaction.Type.PURCHASE)
    buyers = purchases.filter(product_id=entry.product_id)
    users = buyers.filter(user__isnull=False).values("user_id")
    visitors = buyers.filter(user__isnull=True).exclude(visitor_id="").values("visitor_id")
    if entry.category_path:
        allowed = allowed.exclude(category_path__contains=[entry.category_path[-1]])
    rows = list(
        purchases.filter(Q(user_id__in=users) | Q(user__isnull=True, visitor_id__in=visitors))
        .filter(product_id__in=allowed.values("product_id"))
        .values("product_id")
        .annotate(
            buyers=Count("user_id", distinct=True)
            + Count("visitor_id", distinct=True, filter=Q(user__isnull=True))
        )
        .order_by("-buyers", "product_id")
        .values_list("product_id", "buyers")[:ALSO_BOUGHT_POOL]
    )
    if not rows:
        return []
    entries = {e.product_id: e for e in allowed.filter(product_id__in=[r[0] for r in rows])}
    space = active_space(context.db)
    vectors = (
        ann.mean_vectors(
            space, [entry.pk, *(e.pk for e in entries.values())], using=context.db, own_texts=True
        )
        if space is not None
        else {}
    )
    own = vectors.get(entry.pk)
    scored = []
    for product_id, count in rows:
        found = entries.get(product_id)
        if found is None:
            continue
        other = vectors.get(found.pk)
        similarity = float(own @ other) if own is not None and other is not None else 0.0
        scored.append((similarity, count, found))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2].pk))
    return [
        candidate_for(
            found, similarity, source="also_bought", buyers=count, similarity=round(similarity, 4)
        )
        for similarity, count, found in scored[:limit]
    ]


def related_categories(entry: CatalogEntry, *, using: str) -> list[str]:
    """Leaf categories related to ``entry``'s: its siblings (same parent), then those whose
    products are bought together with products of its category, most pairs first."""
    path = list(entry.category_path)
    if not path:
        return []
    own = path[-1]
    entries = CatalogEntry.objects.using(using)
    related: dict[str, int] = {}
    if len(path) >= 2:
        siblings = entries.filter(category_path__contains=[path[-2]]).exclude(
            category_path__contains=[own]
        )
        for sibling_path in siblings.values_list("category_path", flat=True).distinct():
            related.setdefault(sibling_path[-1], 0)
    mine = entries.filter(category_path__contains=[own]).values("product_id")
    partners = CoPurchase.objects.using(using).filter(product_id__in=mine).values("other_id")
    counts = Counter(
        other_path[-1]
        for other_path in entries.filter(product_id__in=partners).values_list(
            "category_path", flat=True
        )
        if other_path and other_path[-1] != own
    )
    for slug, _count in counts.most_common():
        related.setdefault(slug, 0)
    return list(related)


def related_category_candidates(
    entry: CatalogEntry, allowed: Any, context: ListContext, limit: int
) -> list[Candidate]:
    related = related_categories(entry, using=context.db)
    if not related:
        return []
    candidates = allowed.filter(category_path__overlap=related)
    if entry.category_path:
        candidates = candidates.exclude(category_path__contains=[entry.category_path[-1]])
    return ranked_by("orders", context, candidates, limit, "popular_related")


def bought_together_candidates(
    entry: CatalogEntry, context: ListContext, rules: list
) -> list[Candidate]:
    """The three sources in turn until the list is full, scores made decreasing."""
    chosen: list[Candidate] = []
    taken: list[Any] = []
    steps = (co_purchase_candidates, also_bought_candidates, related_category_candidates)
    for step in steps:
        missing = context.limit - len(chosen)
        if missing <= 0:
            break
        allowed = allowed_entries(
            context,
            rules,
            exclude_entries=[entry.pk],
            exclude_products=taken,
            exclude_groups=[entry.group],
        )
        found = step(entry, allowed, context, missing)
        chosen += found
        taken += [c.product_id for c in found]
    rank_scores(chosen)
    return chosen


def bought_together(product_id: Any, context: ListContext) -> list[ProductCard]:
    """Products bought with ``product_id``; ``ProductNotFound`` if it is unknown."""
    entry = get_entry(product_id, using=context.db)
    rules = context.rules()
    candidates = bought_together_candidates(entry, context, rules)
    own = variant_products(entry, using=context.db)
    return finish(candidates, context, rules, exclude_products=own)
