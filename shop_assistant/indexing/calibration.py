"""The relevance thresholds of an embedding space, calibrated on labelled pairs.

Search keeps a product that does not match the query's keywords only when its similarity
to the query as a whole (:func:`product_similarities`: the mean vector of its passages)
reaches the space's ``min_similarity`` and ``relative`` times the best product's (see
:mod:`shop_assistant.search.relevance`). Similarities mean different things for different
encoders, so each space gets its own thresholds, computed from pairs labelled relevant
or irrelevant:

* **the shop's own catalog** (:func:`catalog_pairs`; at build time, after a full
  reindex and on the first search of an uncalibrated space): every category name the
  adapter gives, in each language the category's products are written in, is a short
  query (a name in a language no text is written in is found by keywords and by
  :mod:`shop_assistant.search.categories`; its weaker cross-language similarities would
  only lower the floor for every query); the products of that category are
  relevant to it, the products of other top-level categories are not (sibling categories
  are left out: a "kettle" query may fairly show a coffee maker). The thresholds maximize
  F1 (:func:`choose_threshold`). A catalog with fewer than two top-level categories gets
  no relevance floor at all (:func:`has_floor`) until judged queries calibrate it;
* **judged queries** (:func:`judged_pairs`, ``shop_assistant_calibrate --queries``): the
  products judged relevant against a fixed sample of other products; the thresholds keep
  :data:`JUDGED_RECALL` of the judged-relevant pairs (:func:`recall_threshold`).

Measured on the shared eval set: benchmarks/RESULTS.md (issue 13).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from django.db import connections
from django.utils import timezone

from ..catalog import get_adapter
from ..conf import get_product_model
from ..models import CatalogEntry, EmbeddingSpace
from . import ann

logger = logging.getLogger(__name__)

#: Distance added per passage kind before a product's best passage is taken: what search
#: ranks by (see :mod:`shop_assistant.search.vector`), so thresholds compare like with like.
SEARCH_KIND_PENALTY = {"title": 0.0, "title_head": 0.05, "description": 0.1, "attributes": 0.1}
#: Products sampled from the catalog, and category-name queries asked at most.
CATALOG_SAMPLE = 400
MAX_QUERIES = 120
#: Fewer labelled pairs than this on either side: the calibration is not trusted and the
#: fallback threshold is stored instead (a catalog of a handful of products).
MIN_PAIRS = 5
FALLBACK_THRESHOLD = 0.0
#: Share of judged-relevant pairs the thresholds keep when calibrated on judged queries.
JUDGED_RECALL = 0.98
#: Without relevant pairs: the threshold is the similarity that only this share of the
#: irrelevant pairs reach.
NOISE_QUANTILE = 0.99


@dataclass
class Pairs:
    """Labelled similarities: absolute, and relative to the query's best product."""

    relevant: list[float] = field(default_factory=list)
    irrelevant: list[float] = field(default_factory=list)
    relevant_ratio: list[float] = field(default_factory=list)
    irrelevant_ratio: list[float] = field(default_factory=list)

    def add_query(
        self, scores: Mapping[int, float], is_relevant: Callable[[int], bool | None]
    ) -> None:
        """One query's scored products; ``is_relevant`` gives None for unlabelled ones."""
        best = max(scores.values(), default=0.0)
        for entry_id, score in scores.items():
            label = is_relevant(entry_id)
            if label is None:
                continue
            ratio = score / best if best > 0 else 0.0
            (self.relevant if label else self.irrelevant).append(score)
            (self.relevant_ratio if label else self.irrelevant_ratio).append(ratio)


@dataclass
class Calibration:
    """The chosen threshold and what it was chosen from."""

    threshold: float
    source: str
    relevant: int
    irrelevant: int
    precision: float  # of the relevant group, at the threshold
    recall: float
    relative: float = 0.0  # share of the query's best product similarity to reach

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "calibrated_at": timezone.now().isoformat()}


def choose_threshold(
    relevant: Sequence[float], irrelevant: Sequence[float]
) -> tuple[float, float, float]:
    """``(threshold, precision, recall)`` maximizing the F1 of the relevant pairs.

    The groups count as they come: for a query most products are irrelevant, as in a
    result list, so the threshold is what keeps a list mostly relevant, not the point
    where the two distributions cross.
    """
    if not relevant or not irrelevant:
        return FALLBACK_THRESHOLD, 0.0, 0.0
    points = sorted([(s, 1) for s in relevant] + [(s, 0) for s in irrelevant], reverse=True)
    best = (-1.0, FALLBACK_THRESHOLD, 0.0, 0.0)
    tp = fp = 0
    for index, (similarity, label) in enumerate(points):
        tp += label
        fp += 1 - label
        if index + 1 < len(points) and points[index + 1][0] == similarity:
            continue  # a threshold keeps every pair of equal similarity
        precision = tp / (tp + fp)
        recall = tp / len(relevant)
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        if f1 > best[0]:
            best = (f1, similarity, precision, recall)
    _f1, threshold, precision, recall = best
    return round(float(threshold), 4), round(precision, 4), round(recall, 4)


def recall_threshold(
    relevant: Sequence[float], irrelevant: Sequence[float], recall: float
) -> tuple[float, float, float]:
    """``(threshold, precision, recall)`` keeping ``recall`` of the relevant pairs.

    For judged queries: a human judged each relevant product one a shopper must find, and
    a floor must not hide them (F1 on such sparse judgments, one or two products per
    query, trades away relevant products for unjudged ones).
    """
    threshold = float(np.quantile(np.asarray(relevant), 1.0 - recall))
    kept = sum(1 for s in relevant if s >= threshold)
    wrong = sum(1 for s in irrelevant if s >= threshold)
    precision = kept / (kept + wrong) if kept + wrong else 0.0
    return round(threshold, 4), round(precision, 4), round(kept / len(relevant), 4)


def noise_threshold(irrelevant: Sequence[float]) -> float:
    """Without relevant pairs: the similarity only :data:`NOISE_QUANTILE` of unrelated
    pairs reach."""
    return round(float(np.quantile(np.asarray(irrelevant), NOISE_QUANTILE)), 4)


def calibrate(
    space: EmbeddingSpace,
    pairs: Pairs | None = None,
    *,
    source: str = "catalog",
    using: str = "default",
    save: bool = True,
    recall_target: float | None = None,
) -> Calibration:
    """Calibrate ``space`` on ``pairs`` (default: :func:`catalog_pairs`) and store it.

    With ``recall_target`` (judged queries), the thresholds keep that share of the
    judged-relevant pairs instead of maximizing F1 (see :func:`recall_threshold`).
    """
    if pairs is None:
        pairs = catalog_pairs(space, using=using)
        if min(len(pairs.relevant), len(pairs.irrelevant)) < MIN_PAIRS:
            # No categories to tell apart (none, or a single one): no threshold can be
            # trusted, and a guessed one cuts relevant products (on the shared eval
            # catalog the title-noise level cost 0.2 nDCG@10). Search keeps every
            # candidate until judged queries calibrate the space (shop_assistant_calibrate).
            logger.warning(
                "Space %s: too few categories to calibrate the relevance floor on; run "
                "shop_assistant_calibrate --queries FILE to set it.",
                space.name,
            )
            pairs = Pairs()
    relevant, irrelevant = pairs.relevant, pairs.irrelevant
    if len(irrelevant) < MIN_PAIRS:
        result = Calibration(FALLBACK_THRESHOLD, "fallback", len(relevant), len(irrelevant), 0, 0)
    elif len(relevant) < MIN_PAIRS:
        result = Calibration(noise_threshold(irrelevant), source, 0, len(irrelevant), 0, 0)
    else:
        if recall_target is not None:
            threshold, precision, recall = recall_threshold(relevant, irrelevant, recall_target)
            relative = recall_threshold(
                pairs.relevant_ratio, pairs.irrelevant_ratio, recall_target
            )[0]
        else:
            threshold, precision, recall = choose_threshold(relevant, irrelevant)
            relative, _p, _r = choose_threshold(pairs.relevant_ratio, pairs.irrelevant_ratio)
        result = Calibration(
            threshold, source, len(relevant), len(irrelevant), precision, recall, relative
        )
    if save:
        space.min_similarity = result.threshold
        space.calibration = result.as_dict()
        EmbeddingSpace.objects.filter(pk=space.pk).update(
            min_similarity=space.min_similarity, calibration=space.calibration
        )
    logger.info("Space %s calibrated: %s", space.name, result)
    return result


def has_floor(space: EmbeddingSpace, using: str = "default") -> bool:
    """Whether search filters on relevance in ``space``: not when its calibration fell
    back for want of labelled pairs (calibrated on the catalog now if it never was)."""
    if space.min_similarity is None:
        calibrate(space, using=using)
    return space.calibration.get("source") != "fallback"


def space_threshold(space: EmbeddingSpace, using: str = "default") -> tuple[float, float]:
    """The space's ``(min_similarity, relative)``, calibrated on the catalog now if it
    never was."""
    if space.min_similarity is None:
        calibrate(space, using=using)
    return float(space.min_similarity or 0.0), float(space.calibration.get("relative", 0.0))


# -- labelled pairs ---------------------------------------------------------------------


def similarities(
    space: EmbeddingSpace,
    texts: Sequence[str],
    candidates: Sequence[int],
    *,
    using: str,
) -> list[dict[int, float]]:
    """For each query text, the similarity of each candidate entry as a whole (see
    :func:`product_similarities`)."""
    if not texts:
        return []
    means = ann.mean_vectors(space, candidates, using=using)
    ids = list(means)
    if not ids:
        return [{} for _text in texts]
    matrix = np.stack([means[i] for i in ids])
    vectors = space.get_encoder().encode_queries(list(texts))
    found = []
    for vector in vectors:
        scores = matrix @ ann.normalize(np.asarray(vector, dtype=np.float32))
        found.append(dict(zip(ids, (float(s) for s in scores), strict=True)))
    return found


def product_similarities(
    space: EmbeddingSpace, query_vector: np.ndarray, entry_ids: Sequence[int], *, using: str
) -> dict[int, float]:
    """Cosine similarity of the query to each product's mean passage vector.

    A product as a whole (its titles, descriptions and attribute lines in every language
    averaged) resists the spurious closeness of one passage to a query: gibberish or a
    product the shop does not sell lands near *some* passage, rarely near whole products.
    This is what the relevance threshold is calibrated on and compared with.
    """
    means = ann.mean_vectors(space, entry_ids, using=using)
    if not means:
        return {}
    ids = list(means)
    scores = np.stack([means[i] for i in ids]) @ ann.normalize(
        np.asarray(query_vector, dtype=np.float32)
    )
    return {entry_id: float(score) for entry_id, score in zip(ids, scores, strict=True)}


def catalog_pairs(
    space: EmbeddingSpace, *, using: str = "default", sample: int = CATALOG_SAMPLE
) -> Pairs:
    """Relevant and irrelevant similarities of category-name queries (see the module doc)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT id, product_id, category_path FROM {CatalogEntry._meta.db_table} "
            "WHERE is_published AND cardinality(category_path) > 0 "
            "ORDER BY md5(id::text) LIMIT %s",
            [sample],
        )
        rows = cursor.fetchall()
    pairs = Pairs()
    if not rows:
        return pairs
    paths = {entry_id: list(path) for entry_id, _product, path in rows}
    names = category_names([product for _entry, product, _path in rows], using=using)
    queries = _spread(sorted(names.items()), MAX_QUERIES)
    scored = similarities(space, [text for _slug, text in queries], list(paths), using=using)
    roots = {slug: path[0] for path in paths.values() for slug in path}

    def labeller(slug: str) -> Callable[[int], bool | None]:
        def is_relevant(entry_id: int) -> bool | None:
            path = paths[entry_id]
            if slug in path:
                return True
            return None if roots.get(slug) == path[0] else False  # siblings: unlabelled

        return is_relevant

    for (slug, _text), found in zip(queries, scored, strict=True):
        pairs.add_query(found, labeller(slug))
    return pairs


def category_names(product_ids: Iterable[Any], *, using: str) -> dict[str, set[str]]:
    """Leaf category slug → its names, as the adapter gives them, in the languages its
    products are written in."""
    adapter = get_adapter()
    model = get_product_model()
    names: dict[str, set[str]] = {}
    products = adapter.get_queryset(model).using(using).filter(pk__in=list(product_ids))
    for product in products:
        document = adapter.to_document(product)
        if not document.category_path:
            continue
        leaf = document.category_path[-1]
        languages = set(document.languages)
        for language, name in document.category_names.items():
            if language in languages and name.strip():
                names.setdefault(leaf, set()).add(name.strip())
    return names


def _spread(names: Sequence[tuple[str, set[str]]], limit: int) -> list[tuple[str, str]]:
    """``(slug, name)`` queries, every category's names in turn, at most ``limit``."""
    ordered = [(slug, sorted(texts)) for slug, texts in names]
    queries: list[tuple[str, str]] = []
    depth = 0
    while len(queries) < limit and any(depth < len(texts) for _slug, texts in ordered):
        for slug, texts in ordered:
            if depth < len(texts) and len(queries) < limit:
                queries.append((slug, texts[depth]))
        depth += 1
    return queries


def judged_pairs(
    space: EmbeddingSpace,
    queries: Sequence[tuple[str, Mapping[str, int]]],
    entry_of: Callable[[str], int | None],
    *,
    using: str = "default",
    sample: int = CATALOG_SAMPLE,
) -> Pairs:
    """Relevant and irrelevant similarities of judged queries: ``(text, {id: grade})``
    pairs, ``entry_of`` mapping a judged id to its catalog entry id (None: not indexed).

    Irrelevant: the judged-irrelevant products and a fixed sample of the catalog's other
    products. Not the query's nearest unjudged products: a floor separates matches from
    unrelated products, and in judged sets like ESCI the nearest products are often
    relevant but were never judged.
    """
    pairs = Pairs()
    if not queries:
        return pairs
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {CatalogEntry._meta.db_table} WHERE is_published "
            "ORDER BY md5(id::text) LIMIT %s",
            [sample],
        )
        background = [row[0] for row in cursor.fetchall()]
    vectors = space.get_encoder().encode_queries([text for text, _grades in queries])
    for (_text, grades), vector in zip(queries, vectors, strict=True):
        judged: dict[int, int] = {}
        for pid, grade in grades.items():
            entry_id = entry_of(pid)
            if entry_id is not None:
                judged[entry_id] = grade
        if not any(grade > 0 for grade in judged.values()):
            continue
        query_vector = ann.normalize(np.asarray(vector, dtype=np.float32))
        others = [entry_id for entry_id in background if entry_id not in judged]
        scores = product_similarities(space, query_vector, [*judged, *others], using=using)
        pairs.add_query(scores, lambda entry_id, judged=judged: judged.get(entry_id, 0) > 0)
    return pairs
