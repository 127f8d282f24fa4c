"""Which fused candidates are results, and the business signals of their order.

A candidate is a **result** only when it matches the query (:func:`matched_by`):

* ``keywords``: the keyword side found at least :data:`KEYWORD_MIN_COVERAGE` of the
  query's IDF-weighted terms in it (one incidental common word is not a match);
* ``spelling``: when no product holds the query's keywords as typed, the query is close
  to its title or an attribute line by trigram word similarity
  (:data:`SPELLING_MIN_SIMILARITY`): typos and joined or split words;
* ``category``: the query names the product's category, in any language the shop names
  it in (:mod:`.categories`): «텐트», «二人用テント» or «casaco de chuva leve» find the
  tents and rain jackets whatever language their texts are written in;
* ``meaning``: the query's similarity to the product as a whole (the mean vector of its
  passages) reaches the embedding space's calibrated ``min_similarity`` and its
  calibrated share of the best product's similarity (see
  :mod:`shop_assistant.indexing.calibration`).

In ``lexical`` mode (no embedding space yet) there is no other evidence: every product
holding a query term is a result, as before.

Everything else the retrieval sides brought back (the nearest neighbours of gibberish,
products sharing one word with the query) is dropped, so ``count`` and the facets
describe the products that match. Pinned products stay: a merchandiser put them there.

Business signals (``SHOP_ASSISTANT["RANKING_SIGNALS"]``) are added to the score of the
results, so they reorder products of similar relevance only: ``in_stock`` for products
that can be bought now, ``query_language`` for products described in the query's
language.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Mapping, Sequence

from ..conf import app_settings
from ..ranking import Candidate

#: Weighted share of the query's terms a keyword match must hold.
KEYWORD_MIN_COVERAGE = 0.75
#: Trigram word similarity of the query to a title or attribute line that counts as a
#: (misspelled) match.
SPELLING_MIN_SIMILARITY = 0.65


def matched_by(
    candidate: Candidate,
    min_similarity: float | None,
    spelling: bool,
    min_coverage: float = KEYWORD_MIN_COVERAGE,
    named: Collection[str] = (),
) -> list[str]:
    """Why ``candidate`` matches the query (empty: it does not); ``spelling``: whether
    trigram closeness counts (only when no product matched the keywords as typed);
    ``named``: the leaf categories the query names."""
    explanation = candidate.explanation
    reasons = []
    if _keywords_match(candidate, min_coverage):
        reasons.append("keywords")
    if spelling and _spelling_match(candidate):
        reasons.append("spelling")
    if candidate.category_path and candidate.category_path[-1] in named:
        reasons.append("category")
    similarity = explanation.product_similarity
    if min_similarity is not None and similarity is not None and similarity >= min_similarity:
        reasons.append("meaning")
    return reasons


def results_only(
    candidates: Sequence[Candidate],
    product_similarities: Mapping[int, float],
    threshold: tuple[float, float] | None,
    *,
    reference: Collection[int] | None = None,
    min_coverage: float = KEYWORD_MIN_COVERAGE,
    named: Collection[str] = (),
) -> list[Candidate]:
    """The candidates that match (see the module doc), their explanations filled in.

    ``threshold`` is the space's ``(min_similarity, relative)``: a product matches by
    meaning when its similarity reaches ``min_similarity``, ``relative`` times the best
    product's, and the median similarity of the products holding the query's keywords (a
    query close to many products in general, a long descriptive one, keeps only those
    close to it in particular). These are read from the ``reference`` candidates (default:
    all), the first tier of the retrieval, so a deeper page filters the same way.
    ``min_coverage`` is the keyword share a keyword match needs (keyword-only searches,
    without any other evidence, keep every product holding a query term: 0). ``named``:
    the leaf categories the query names (their products match).
    """
    first = [c for c in candidates if reference is None or c.entry_id in reference]
    typed = [c.entry_id for c in first if _keywords_match(c, min_coverage)]
    min_similarity = None
    if threshold is not None:
        scores = [
            product_similarities[c.entry_id] for c in first if c.entry_id in product_similarities
        ]
        min_similarity = max(threshold[0], threshold[1] * max(scores, default=0.0))
        # As close as a typical product holding the words. (Anchoring on the products
        # close to a misspelled query too cost 0.005 dev nDCG@10: not done.)
        typed_similarities = [product_similarities[i] for i in typed if i in product_similarities]
        if typed_similarities:
            min_similarity = max(min_similarity, float(statistics.median(typed_similarities)))
    kept = []
    for candidate in candidates:
        explanation = candidate.explanation
        explanation.product_similarity = _rounded(product_similarities.get(candidate.entry_id))
        explanation.matched_by = matched_by(
            candidate,
            min_similarity,
            spelling=not typed,
            min_coverage=min_coverage,
            named=named,
        )
        if explanation.matched_by or explanation.pinned:
            kept.append(candidate)
    return kept


def apply_signals(candidates: list[Candidate], language: str) -> list[Candidate]:
    """Add the configured business signals to the scores and re-sort (stable)."""
    weights = app_settings.RANKING_SIGNALS
    in_stock = float(weights.get("in_stock", 0.0))
    same_language = float(weights.get("query_language", 0.0))
    if not in_stock and not same_language:
        return candidates
    for candidate in candidates:
        boosts = candidate.explanation.boosts
        if in_stock and candidate.in_stock:
            boosts["in_stock"] = in_stock
        if same_language and candidate.explanation.language_match:
            boosts["query_language"] = same_language
        candidate.score += sum(boosts.values())
    candidates.sort(key=lambda c: (-c.score, c.entry_id))
    return candidates


def _spelling_match(candidate: Candidate) -> bool:
    return candidate.explanation.title_similarity >= SPELLING_MIN_SIMILARITY


def _keywords_match(candidate: Candidate, min_coverage: float) -> bool:
    lexical = candidate.explanation.lexical
    return lexical is not None and lexical.coverage > 0 and lexical.coverage >= min_coverage


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)
