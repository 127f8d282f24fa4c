"""What recommendation lists are made of: candidates of one strategy each, shown as
:class:`~shop_assistant.cards.ProductCard` rows in a :class:`RecommendationList`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..cards import ProductCard
from ..models import CatalogEntry
from ..ranking import Candidate, Explanation


@dataclass
class RecommendationList:
    """A ranked list and the language its titles were chosen for."""

    results: list[ProductCard]
    language: str
    language_source: str


def candidate_for(entry: CatalogEntry, score: float, source: str, **figures: Any) -> Candidate:
    """A :class:`Candidate` of ``entry`` found by ``source``, with that strategy's figures."""
    return candidate_of_card(entry.pk, entry, score, source, **figures)


def candidate_of_card(
    entry_id: int, card: ProductCard | CatalogEntry, score: float, source: str, **figures: Any
) -> Candidate:
    """:func:`candidate_for` from the entry's card (the same columns, no model instance)."""
    return Candidate(
        entry_id=entry_id,
        product_id=card.product_id,
        score=float(score),
        brand=card.brand,
        category_path=list(card.category_path),
        explanation=Explanation(source, figures=figures),
    )


def rank_scores(candidates: list[Candidate]) -> None:
    """Give a list merged from several sources decreasing scores in (0, 1], in its order.

    Raw figures (lift, similarity, ...) stay in each explanation; the score only orders
    the list, so that merchandising boosts move a result by a share of its score.
    """
    count = len(candidates)
    for position, candidate in enumerate(candidates):
        candidate.score = (count - position) / count
