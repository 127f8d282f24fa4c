"""Fusing the vector and lexical sides into one ranked list of candidates.

Reciprocal-rank fusion gives every lexical hit a vote, also the products that matched
one incidental word, and that drags cross-language queries down (an English query
"matches" English products on "for" and "with"). Here each side counts where it is
strong, by *how well* it matched rather than where it ranked:

``score = similarity + LEXICAL_WEIGHT * coverage ** COVERAGE_POWER + TRIGRAM_WEIGHT * trigram``

* ``similarity``: cosine similarity of the product's best passage (penalized by kind,
  see :mod:`.vector`), the multilingual signal, always present;
* ``coverage``: IDF-weighted share of the query's terms found in the product. Squared,
  so matching one word of four adds 1/16 of the weight while matching all adds all of
  it: the keyword side only speaks up when the keywords really matched, which is what
  happens in the query's own language and for brand and model tokens across languages;
* ``trigram``: ``word_similarity`` of the query to the title or an attribute line
  (typos, joined words; attribute lines carry translated category names).

A learned version of the space (:mod:`.learned`) may replace these weights with its own,
one per feature (``similarity``, ``coverage`` (squared as above), ``trigram``,
``language_match``, ``popularity``: the product's prior learned from traffic, see
:mod:`shop_assistant.learning.prior`), learned from the shop's clicks and purchases.

Measured on the eval dev split (see benchmarks/RESULTS.md). Weighting by whether the
query language is one of the product's languages was measured too and changed nothing:
coverage already is near zero across languages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..indexing.ann import Neighbor
from ..ranking import Candidate, Explanation, LexicalEvidence, VectorEvidence
from .lexical import LexicalMatch

Mode = Literal["hybrid", "vector", "lexical"]
MODES: tuple[Mode, ...] = ("hybrid", "vector", "lexical")

LEXICAL_WEIGHT = 0.4
COVERAGE_POWER = 2.0
TRIGRAM_WEIGHT = 0.5
#: The built-in fusion as weights over :func:`feature_values` (what learning starts from).
BUILT_IN_WEIGHTS = {
    "similarity": 1.0,
    "coverage": LEXICAL_WEIGHT,
    "trigram": TRIGRAM_WEIGHT,
    "language_match": 0.0,
}


@dataclass(frozen=True)
class EntryFacts:
    """What fusion, rules and facets need of a catalog entry."""

    entry_id: int
    product_id: Any
    brand: str
    category_path: list[str]
    languages: list[str]
    in_stock: bool = True
    price: Any = None
    attributes: dict[str, str] = field(default_factory=dict)


def fuse(
    *,
    mode: Mode,
    language: str,
    vector: Sequence[Neighbor],
    lexical: Sequence[LexicalMatch],
    similarities: Mapping[int, Neighbor],
    trigram: Mapping[int, float],
    facts: Mapping[int, EntryFacts],
    weights: Mapping[str, float] | None = None,
    keywords: Mapping[int, LexicalMatch] | None = None,
    priors: Mapping[int, float] | None = None,
) -> list[Candidate]:
    """One :class:`Candidate` per product found by the sides ``mode`` uses, best first.

    ``similarities`` holds the vector side's view of products it did not rank itself,
    ``keywords`` the keyword side's view of products it did not rank (``position`` 0);
    ``facts`` must cover every entry found; ``weights`` (hybrid mode): learned fusion
    weights per feature instead of the built-in ones, ``priors`` the learned product
    priors they weigh as ``popularity``.
    """
    by_vector = {m.entry_id: m for m in vector}
    by_lexical = {m.entry_id: m for m in lexical}
    if mode == "vector":
        ids = list(by_vector)
    elif mode == "lexical":
        ids = list(by_lexical)
    else:
        ids = list(dict.fromkeys([*by_vector, *by_lexical]))
    candidates = []
    for entry_id in ids:
        fact = facts.get(entry_id)
        if fact is None:  # removed between the queries
            continue
        vmatch = by_vector.get(entry_id) or similarities.get(entry_id)
        lmatch = by_lexical.get(entry_id) or (keywords or {}).get(entry_id)
        tri = trigram.get(entry_id, 0.0)
        same_language = language in fact.languages
        score = _score(mode, vmatch, lmatch, tri)
        if weights and mode == "hybrid":
            popularity = (priors or {}).get(entry_id, 0.0)
            score = learned_score(
                weights, feature_values(vmatch, lmatch, tri, same_language, popularity)
            )
        candidates.append(
            Candidate(
                entry_id=entry_id,
                product_id=fact.product_id,
                score=score,
                brand=fact.brand,
                category_path=list(fact.category_path),
                in_stock=fact.in_stock,
                price=fact.price,
                attributes=dict(fact.attributes or {}),
                explanation=_explain(vmatch, lmatch, tri, same_language),
            )
        )
    candidates.sort(key=lambda c: (-c.score, c.entry_id))
    return candidates


def _score(
    mode: Mode, vmatch: Neighbor | None, lmatch: LexicalMatch | None, trigram: float
) -> float:
    if mode == "lexical":
        return lexical_score(lmatch)
    similarity = vmatch.similarity if vmatch else 0.0
    if mode == "vector":
        return similarity
    coverage = lmatch.coverage if lmatch else 0.0
    return similarity + LEXICAL_WEIGHT * coverage**COVERAGE_POWER + TRIGRAM_WEIGHT * trigram


def feature_values(
    vmatch: Neighbor | None,
    lmatch: LexicalMatch | None,
    trigram: float,
    same_language: bool,
    popularity: float = 0.0,
) -> dict[str, float]:
    """The features learned fusion weighs (the built-in fusion is ``similarity +
    LEXICAL_WEIGHT * coverage + TRIGRAM_WEIGHT * trigram`` over them)."""
    coverage = lmatch.coverage if lmatch else 0.0
    return {
        "similarity": vmatch.similarity if vmatch else 0.0,
        "coverage": coverage**COVERAGE_POWER,
        "trigram": trigram,
        "language_match": 1.0 if same_language else 0.0,
        "popularity": popularity,
    }


def learned_score(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def lexical_score(match: LexicalMatch | None) -> float:
    """Keyword-only score: coverage first, then title coverage, then ``ts_rank``."""
    if match is None:
        return 0.0
    return match.coverage + 0.1 * match.title_coverage + 0.01 * min(match.rank, 1.0)


def _explain(
    vmatch: Neighbor | None, lmatch: LexicalMatch | None, trigram: float, same_language: bool
) -> Explanation:
    return Explanation(
        source="search",
        vector=(
            VectorEvidence(vmatch.rank or None, round(vmatch.similarity, 4), vmatch.passage_id)
            if vmatch
            else None
        ),
        lexical=(
            LexicalEvidence(
                rank=lmatch.position,
                score=round(lexical_score(lmatch), 4),
                coverage=round(lmatch.coverage, 4),
                matched_terms=list(lmatch.matched_terms),
                passage_id=lmatch.passage_id,
            )
            if lmatch
            else None
        ),
        title_similarity=round(trigram, 4),
        language_match=same_language,
    )
