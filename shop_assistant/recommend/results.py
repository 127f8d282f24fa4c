"""What recommendation lists return: :class:`Recommendation` rows hydrated from the catalog.

Everything a storefront shows (title in the visitor's language, url, image, price) is
read from the denormalized :class:`~shop_assistant.models.CatalogEntry`, in one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..models import CatalogEntry
from ..ranking import Candidate


@dataclass
class Recommendation:
    """One recommended product, ready to serialize."""

    product_id: Any
    title: str
    title_language: str
    url: str
    image: str
    price: Decimal | None
    currency: str
    in_stock: bool
    brand: str
    category_path: list[str]
    score: float
    source: str  # which strategy produced it: similar, co_purchase, personalized, ...
    explanation: dict[str, Any] = field(default_factory=dict)


@dataclass
class RecommendationList:
    """A ranked list and the language its titles were chosen for."""

    results: list[Recommendation]
    language: str
    language_source: str


def hydrate(candidates: Sequence[Candidate], language: str, *, using: str) -> list[Recommendation]:
    """Turn ranked candidates into recommendations, in order (vanished entries are dropped)."""
    entries = CatalogEntry.objects.using(using).in_bulk([c.entry_id for c in candidates])
    results = []
    for candidate in candidates:
        entry = entries.get(candidate.entry_id)
        if entry is None:
            continue
        title, title_language = entry.title_in(language)
        results.append(
            Recommendation(
                product_id=entry.product_id,
                title=title,
                title_language=title_language,
                url=entry.url,
                image=entry.image,
                price=entry.price,
                currency=entry.currency,
                in_stock=entry.in_stock,
                brand=entry.brand,
                category_path=list(entry.category_path),
                score=round(float(candidate.score), 6),
                source=str(candidate.explanation.get("source", "")),
                explanation=candidate.explanation,
            )
        )
    return results


def candidate_for(entry: CatalogEntry, score: float, **explanation: Any) -> Candidate:
    """A :class:`Candidate` of ``entry`` (``explanation`` names at least its ``source``)."""
    return Candidate(
        entry_id=entry.pk,
        product_id=entry.product_id,
        score=float(score),
        brand=entry.brand,
        category_path=list(entry.category_path),
        explanation=dict(explanation),
    )


def rank_scores(candidates: list[Candidate]) -> None:
    """Give a list merged from several sources decreasing scores in (0, 1], in its order.

    Raw figures (lift, similarity, ...) stay in each explanation; the score only orders
    the list, so that merchandising boosts move a result by a share of its score.
    """
    count = len(candidates)
    for position, candidate in enumerate(candidates):
        candidate.score = (count - position) / count
