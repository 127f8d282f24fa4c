"""Similar products: nearest by meaning, over all passages and languages of both products.

The product's vector (mean of its passage vectors) is searched among the passages of
the other allowed products, each product keeping its best passage; the product itself
and its variants (same ``group``) are never returned. Optional maximal marginal
relevance (``diversity`` 0..1) trades closeness for variety among the results.
"""

from __future__ import annotations

from typing import Any

from ..cards import ProductCard, cards
from ..core.sql import run_together
from ..indexing import ann
from ..indexing.spaces import active_space
from ..models import CatalogEntry
from ..ranking import Candidate
from .base import ListContext, allowed_entries, finish, get_entry
from .results import candidate_of_card
from .vectors import few_allowed_statement, mmr, nearest_entries

#: With diversity, MMR picks from this many times the wanted number of nearest products.
MMR_POOL_FACTOR = 4


def variant_products(entry: CatalogEntry, *, using: str) -> list[Any]:
    """Product ids of ``entry``'s variant family (itself included)."""
    if not entry.group:
        return [entry.product_id]
    family = CatalogEntry.objects.using(using).filter(group=entry.group)
    return list(family.values_list("product_id", flat=True))


def similar_candidates(
    entry: CatalogEntry,
    context: ListContext,
    rules: list,
    *,
    diversity: float = 0.0,
    read_cards: dict[int, ProductCard] | None = None,
) -> list[Candidate]:
    """Candidates nearest to ``entry``, best first (empty without vectors); their cards
    are read with them (into ``read_cards`` when given, for :func:`.base.finish`)."""
    space = active_space(context.db)
    if space is None:
        return []
    allowed = allowed_entries(
        context, rules, exclude_entries=[entry.pk], exclude_groups=[entry.group]
    )
    few_read = few_allowed_statement(allowed)
    means, few = run_together(  # two independent reads, one round trip
        context.db, [ann.mean_vectors_statement(space, [entry.pk], own_texts=True), few_read]
    )
    vector = (means or {}).get(entry.pk)
    if vector is None:
        return []
    pool = context.limit * (MMR_POOL_FACTOR if diversity > 0 else 1)
    hits = nearest_entries(
        space, vector, allowed, pool, using=context.db, few=few if few_read else []
    )
    similarity = dict(hits)
    if diversity > 0:
        vectors = ann.mean_vectors(space, similarity, using=context.db, own_texts=True)
        ranked = mmr(hits, vectors, context.limit, diversity)
    else:
        ranked = hits
    found = cards([entry_id for entry_id, _ in ranked], context.language, using=context.db)
    if read_cards is not None:
        read_cards.update(found)
    return [
        candidate_of_card(
            entry_id,
            found[entry_id],
            score,
            source="similar",
            similarity=round(similarity[entry_id], 4),
        )
        for entry_id, score in ranked
        if entry_id in found
    ]


def similar_products(
    product_id: Any, context: ListContext, *, diversity: float = 0.0
) -> list[ProductCard]:
    """Products similar to ``product_id``; ``ProductNotFound`` if it is unknown."""
    entry = get_entry(product_id, using=context.db)
    rules = context.rules()
    read: dict[int, ProductCard] = {}
    candidates = similar_candidates(entry, context, rules, diversity=diversity, read_cards=read)
    own = variant_products(entry, using=context.db)
    return finish(candidates, context, rules, exclude_products=own, known=read)
