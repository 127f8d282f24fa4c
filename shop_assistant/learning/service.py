"""Learned versions: trained from the space's traffic, evaluated on held-back queries,
activated only when they win, rolled back on demand.

:func:`learn` reads the traffic (:mod:`.data`), holds back a share of the queries, trains
the query adapter (:mod:`.adapter`) against the passage vectors already stored, then the
fusion weights (:mod:`.ranker`) over the candidates search retrieves with that adapter,
the product prior learned from traffic (:mod:`.prior`) among their features (kept only
when they rank a validation share of the training queries better than the built-in
fusion), stores the result as a new :class:`~shop_assistant.models.LearnedVersion`, and
compares it with the current version on the held-back queries: nDCG@10 of what their
visitors chose, or of the judged labels when judged queries are given. The report (before
/ after per language) is stored on the version.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from ..conf import app_settings
from ..core.errors import Conflict
from ..evaluation import JudgedQuery, ndcg
from ..filters import Filters
from ..indexing.ann import passage_vectors
from ..models import CatalogEntry, EmbeddingSpace, LearnedVersion
from ..search import retrieve_candidates
from ..search.fusion import feature_values
from ..search.learned import using_version
from ..search.vector import KIND_PENALTY
from .adapter import AdapterExample, AdapterSettings, train_adapter
from .data import QueryTraffic, held_back, normalize_query, read_traffic
from .prior import product_prior
from .ranker import BUILT_IN, FEATURES, CandidateList, fit_fusion, rank_by

#: Candidates per query for fusion training and evaluation (search's candidate depth).
DEPTH = 50
CUTOFF = 10
#: Share of the training queries that chooses the adapter's epochs (early stopping).
VALIDATION_SHARE = 0.25
#: Scales of the learned adapter tried on the validation queries.
ADAPTER_SCALES = (0.0, 0.25, 0.5, 1.0)


class LearningError(Conflict):
    """Learning cannot run (too little traffic, a space that is not serving, ...)."""


@dataclass(frozen=True)
class Judgements:
    """Judged queries and the product ids they use (``shop_assistant_eval``'s format)."""

    queries: Sequence[JudgedQuery]
    id_of: Mapping[Any, str]  # product pk → judged id


def learn(
    space: EmbeddingSpace,
    *,
    holdout: float = 0.2,
    languages: Sequence[str] | None = None,
    seed: int = 0,
    activate_if_better: bool = False,
    judgements: Judgements | None = None,
    settings: AdapterSettings | None = None,
    adapter_scale: float | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> LearnedVersion:
    """Train, store and evaluate a new version of ``space`` (the serving space); activate
    it when ``activate_if_better`` and it beats the current one by ``LEARN_MIN_GAIN``.

    ``adapter_scale``: how strongly the adapter applies (``None``: the scale of
    :data:`ADAPTER_SCALES` that ranks the validation queries best, 0 when it does not
    help them)."""
    if space.state != EmbeddingSpace.State.ACTIVE:
        raise LearningError(f"Space {space.name!r} is not serving; learn on the active space.")
    if not 0.0 < holdout < 1.0:
        raise LearningError("holdout must be between 0 and 1.")
    started = time.monotonic()
    traffic = read_traffic(languages)
    training, held = traffic.split(holdout, seed)
    minimum = int(app_settings.LEARN_MIN_QUERIES)
    if len(training) < minimum:
        raise LearningError(
            f"{len(training)} distinct queries with clicks to train on; at least {minimum} "
            "are needed (LEARN_MIN_QUERIES)."
        )
    log(
        f"{traffic.searches} searches, {traffic.events} events: {len(training)} queries "
        f"to train on, {len(held)} held back."
    )
    encoder = space.get_encoder()
    vectors = encoder.encode_queries([q.query for q in training])
    entries = {e for q in training for e in [*q.shown, *q.gains]}
    passages = passage_vectors(space, sorted(entries), using="default")
    examples = [AdapterExample(vectors[i], q.shown, q.gains) for i, q in enumerate(training)]
    matrix, adapter_report = _fit_adapter(
        space, training, examples, passages, seed, settings or AdapterSettings(), adapter_scale
    )
    log(f"adapter: {adapter_report}")
    version = LearnedVersion.objects.create(
        space=space,
        adapter=matrix.tobytes() if matrix is not None else b"",
        languages=sorted(set(languages or ())),
    )
    fusion, fusion_report = _learn_fusion(version, training, seed)
    version.fusion = fusion or {}
    if fusion and fusion.get("popularity", 0.0) > 0:
        version.priors = {str(e): v for e, v in product_prior(training).items()}
    current = LearnedVersion.objects.active_for(space)
    evaluation = _evaluate(held, current, version, judgements)
    gain = evaluation["after"]["all"]["ndcg"] - evaluation["before"]["all"]["ndcg"]
    wins = bool(held) and gain >= float(app_settings.LEARN_MIN_GAIN)
    version.report = {
        "seed": seed,
        "holdout": holdout,
        "languages": list(languages or []),
        "searches": traffic.searches,
        "events": traffic.events,
        "training_queries": len(training),
        "held_back_queries": sorted(q.text for q in held),
        "adapter": adapter_report,
        "fusion": fusion_report,
        "labels": "judged" if judgements else "traffic",
        "compared_with": current.pk if current else None,
        **evaluation,
        "gain": round(gain, 4),
        "wins": wins,
        "seconds": round(time.monotonic() - started, 1),
    }
    version.save()
    if activate_if_better and wins:
        activate_version(version)
    return version


def _fit_adapter(
    space: EmbeddingSpace,
    training: Sequence[QueryTraffic],
    examples: Sequence[AdapterExample],
    passages: Any,
    seed: int,
    settings: AdapterSettings,
    adapter_scale: float | None,
) -> tuple[np.ndarray | None, dict[str, Any]]:
    """The adapter matrix (None: not worth applying) and what was chosen.

    Without ``adapter_scale``, a validation share of the training queries chooses the
    epochs (early stopping on the vector side) and then the scale of ``W`` (in the real
    hybrid search; 0 when the adapter does not help these queries it was not trained
    on); the adapter is then trained on all the training queries that long."""
    epochs, scales, scale = settings.epochs, {}, adapter_scale
    validation_ndcg: list[float] = []
    if adapter_scale is None:
        validating = [held_back(q.text, VALIDATION_SHARE, seed + 1) for q in training]
        trial = train_adapter(
            [e for e, v in zip(examples, validating, strict=True) if not v],
            passages,
            KIND_PENALTY,
            seed=seed,
            settings=settings,
            validation=[e for e, v in zip(examples, validating, strict=True) if v],
        )
        epochs, validation_ndcg = trial.epochs, _rounded(trial.validation)
        validation = [q for q, v in zip(training, validating, strict=True) if v]
        scales = _scale_scores(space, trial.matrix, validation)
        scale = max(scales, key=lambda a: (scales[a] + 1e-9 * (a == 0.0), -a))
    adapter = train_adapter(
        examples, passages, KIND_PENALTY, seed=seed, settings=replace(settings, epochs=epochs)
    )
    report = {
        "epochs": epochs,
        "scale": scale,
        "validation_ndcg_per_epoch": validation_ndcg,
        "validation_ndcg_per_scale": {str(a): v for a, v in scales.items()},
        "loss_before": round(adapter.loss_before, 4),
        "loss_after": round(adapter.loss_after, 4),
    }
    if not scale or not epochs:
        return None, report
    return (float(scale) * adapter.matrix).astype(np.float32), report


def _scale_scores(
    space: EmbeddingSpace, matrix: np.ndarray, queries: Sequence[QueryTraffic]
) -> dict[float, float]:
    """Mean nDCG@10 (traffic gains) of ``queries`` in search with ``scale · matrix`` as the
    adapter, per scale (temporary versions, deleted again)."""
    scores = {}
    for scale in ADAPTER_SCALES:
        version = None
        if scale > 0:
            version = LearnedVersion.objects.create(
                space=space, adapter=(scale * matrix).astype(np.float32).tobytes()
            )
        with using_version(version):
            values = [
                gain_ndcg(
                    [c.entry_id for c in retrieve_candidates(q.query, q.language, Filters(), 10)],
                    q.gains,
                )
                for q in queries
            ]
        if version is not None:
            version.delete()
        scores[scale] = round(float(np.mean(values)), 4) if values else 0.0
    return scores


def _rounded(values: list[float] | None) -> list[float]:
    return [round(v, 4) for v in values or []]


def _learn_fusion(
    version: LearnedVersion, training: Sequence[QueryTraffic], seed: int
) -> tuple[dict[str, float] | None, dict[str, Any]]:
    """Fusion weights over the candidates search finds with the new adapter, or None when
    they do not rank a validation share of the training queries better than the built-in
    fusion.

    The ``popularity`` feature is cross-fitted: the training queries are split in two
    halves and each half's candidates get the product priors learned from the *other*
    half's traffic, so its weight says how well choices made for some queries predict
    choices for different ones (a query's own clicks would make it look perfect). Its
    weight is never negative: 0 when popularity does not carry over."""
    halves = [held_back(q.text, 0.5, seed + 2) for q in training]
    priors = [
        product_prior(q for q, half in zip(training, halves, strict=True) if half != side)
        for side in (False, True)
    ]
    lists, validating = [], []
    with using_version(version):
        for query, half in zip(training, halves, strict=True):
            candidates = retrieve_candidates(query.query, query.language, Filters(), DEPTH)
            if not candidates:
                continue
            validating.append(held_back(query.text, VALIDATION_SHARE, seed + 1))
            prior = priors[int(half)]
            rows = [
                [_features(c.explanation, prior.get(c.entry_id, 0.0))[name] for name in FEATURES]
                for c in candidates
            ]
            gains = [query.gains.get(c.entry_id, 0.0) for c in candidates]
            lists.append(CandidateList(np.array(rows), np.array(gains)))
    # Chosen like the adapter: fitted without a validation share of the training queries,
    # kept only when it ranks that share better than the built-in fusion, then refitted
    # on all of them.
    fitting = [item for item, v in zip(lists, validating, strict=True) if not v]
    checking = [item for item, v in zip(lists, validating, strict=True) if v]
    trial = fit_fusion(fitting)
    before = _mean_gain_ndcg(checking, BUILT_IN)
    after = _mean_gain_ndcg(checking, trial) if trial else before
    weights = fit_fusion(lists) if trial and after > before else None
    report = {
        "learned": trial,
        "kept": weights,
        "validation_ndcg_built_in": round(before, 4),
        "validation_ndcg_learned": round(after, 4),
    }
    return weights, report


def _features(explanation: Any, popularity: float = 0.0) -> dict[str, float]:
    vector, lexical = explanation.vector, explanation.lexical
    similarity = vector.score if vector is not None else 0.0
    coverage = lexical.coverage if lexical is not None else 0.0
    return feature_values(
        _Match(similarity) if vector is not None else None,
        _Coverage(coverage) if lexical is not None else None,
        explanation.title_similarity,
        explanation.language_match,
        popularity,
    )


@dataclass
class _Match:
    similarity: float


@dataclass
class _Coverage:
    coverage: float


def _mean_gain_ndcg(lists: Sequence[CandidateList], weights: dict[str, float]) -> float:
    values = []
    for item in lists:
        order = rank_by(weights, item)
        values.append(gain_ndcg(list(order), dict(enumerate(item.gains.tolist()))))
    return float(np.mean(values)) if values else 0.0


def gain_ndcg(ranking: Sequence[Any], gains: Mapping[Any, float], k: int = CUTOFF) -> float:
    """nDCG@k with the traffic's gains as linear relevance."""
    dcg = sum(gains.get(item, 0.0) / np.log2(i + 2) for i, item in enumerate(ranking[:k]))
    ideal = sorted((g for g in gains.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / np.log2(i + 2) for i, g in enumerate(ideal))
    return float(dcg / idcg) if idcg else 0.0


def _evaluate(
    held: Sequence[QueryTraffic],
    current: LearnedVersion | None,
    candidate: LearnedVersion,
    judgements: Judgements | None,
) -> dict[str, Any]:
    """Mean nDCG@10 per language on the held-back queries, with the current version
    (``before``) and the candidate (``after``)."""
    judged: dict[str, JudgedQuery] = {}
    if judgements is not None:
        judged = {normalize_query(q.query): q for q in judgements.queries}
    product_of = {}
    if judgements is not None:
        product_of = dict(CatalogEntry.objects.values_list("id", "product_id"))
    report: dict[str, Any] = {}
    for name, version in (("before", current), ("after", candidate)):
        groups: dict[str, list[float]] = defaultdict(list)
        with using_version(version):
            for query in held:
                if judgements is not None and query.text not in judged:
                    continue
                candidates = retrieve_candidates(query.query, query.language, Filters(), CUTOFF)
                ranking = [c.entry_id for c in candidates]
                if judgements is not None:
                    judged_query = judged[query.text]
                    ids = [judgements.id_of.get(product_of.get(e), "") for e in ranking]
                    value = ndcg(ids, judged_query.grades, CUTOFF)
                else:
                    value = gain_ndcg(ranking, query.gains)
                groups["all"].append(value)
                groups[f"lang:{query.language}"].append(value)
        report[name] = {
            group: {"n": len(values), "ndcg": round(float(np.mean(values)), 4)}
            for group, values in sorted(groups.items(), key=lambda g: (g[0] != "all", g[0]))
        }
        report[name].setdefault("all", {"n": 0, "ndcg": 0.0})
    return report


# -- activation and rollback -------------------------------------------------------------


def activate_version(version: LearnedVersion) -> LearnedVersion:
    """Make ``version`` the one search applies; the previous one is kept (retired)."""
    with transaction.atomic():
        for other in LearnedVersion.objects.select_for_update().filter(
            space=version.space_id, state=LearnedVersion.State.ACTIVE
        ):
            if other.pk != version.pk:
                other.state = LearnedVersion.State.RETIRED
                other.save(update_fields=["state"])
        version.state = LearnedVersion.State.ACTIVE
        version.activated_at = timezone.now()
        version.save(update_fields=["state", "activated_at"])
    return version


def rollback_version(space: EmbeddingSpace) -> LearnedVersion | None:
    """Retire the active version of ``space`` and restore the one active before it (or
    nothing learned, when there was none); return the version now active."""
    with transaction.atomic():
        current = (
            LearnedVersion.objects.select_for_update()
            .filter(space=space, state=LearnedVersion.State.ACTIVE)
            .first()
        )
        if current is None:
            raise LearningError(f"Space {space.name!r} has no learned version to roll back.")
        previous = (
            LearnedVersion.objects.filter(
                space=space,
                state=LearnedVersion.State.RETIRED,
                activated_at__lt=current.activated_at,
            )
            .order_by("-activated_at")
            .first()
        )
        current.state = LearnedVersion.State.ROLLED_BACK
        current.save(update_fields=["state"])
        if previous is not None:
            previous.state = LearnedVersion.State.ACTIVE
            previous.save(update_fields=["state"])
    return previous


def format_report(version: LearnedVersion) -> str:
    """The version's before/after table per language, for the command and the admin."""
    report = version.report
    before, after = report.get("before", {}), report.get("after", {})
    lines = [
        f"Learned version {version.pk} of space {version.space.name}: "
        f"{report.get('training_queries', 0)} queries trained on, "
        f"{len(report.get('held_back_queries', []))} held back "
        f"({report.get('labels', 'traffic')} labels), {report.get('seconds', 0)} s.",
        f"Fusion weights: {version.fusion or 'built-in'} "
        f"(learned {report.get('fusion', {}).get('learned')})"
        + (f" for {', '.join(version.languages)} searches" if version.languages else "")
        + f"; product priors: {len(version.priors or {})}.",
        f"{'group':<14}{'n':>5}{'before':>9}{'after':>9}{'delta':>9}",
    ]
    for group, value in after.items():
        old = before.get(group, {}).get("ndcg", 0.0)
        lines.append(
            f"{group:<14}{value['n']:>5}{old:>9.3f}{value['ndcg']:>9.3f}"
            f"{value['ndcg'] - old:>+9.3f}"
        )
    lines.append(f"State: {version.state}" + ("" if report.get("wins") else " (did not win)"))
    return "\n".join(lines)
