"""Ranking metrics and the evaluation of search over judged queries.

Queries come in the ``shared/eval`` format: one JSON object per line with ``qid``,
``query``, ``lang`` and ``relevant: [{"id": ..., "grade": 0..3}]`` (grade 0 means
judged irrelevant). Metrics are computed at a cutoff ``k``:

* nDCG@k with exponential gain ``2**grade - 1`` and the ideal ranking of the judged
  products as the normaliser;
* Recall@k: share of the relevant (grade > 0) products ranked in the top k;
* MRR@k: reciprocal rank of the first relevant product in the top k (0 if none).

Beyond the cutoff, what a shopper sees of the whole result list:

* precision: the share of all returned results (every query's list, pooled) that are
  judged relevant: it rises as a search stops padding its lists;
* count: the mean number of results a search reported, and ``empty``: the share of
  queries that returned none.

A ranking function returns the product ids in order, or a :class:`RankedList` with the
count the search reported when it returned only a page of them.

Groups: ``all``, ``lang:<code>`` per query language, and ``cross_lingual`` for queries
whose relevant products are described in another language than the query's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RankedList:
    """What a search returned: ids in order (a page of them) and the count it reported."""

    ids: Sequence[str]
    count: int


@dataclass(frozen=True)
class JudgedQuery:
    """One evaluation query with its graded relevant product ids."""

    qid: str
    query: str
    language: str
    grades: dict[str, int]

    @property
    def relevant(self) -> set[str]:
        return {pid for pid, grade in self.grades.items() if grade > 0}


def read_queries(path: Path) -> list[JudgedQuery]:
    """Parse a queries JSONL file; a malformed line raises ``ValueError`` naming it."""
    queries = []
    with Path(path).open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                grades = {str(r["id"]): int(r.get("grade", 1)) for r in row["relevant"]}
                queries.append(
                    JudgedQuery(str(row["qid"]), str(row["query"]), str(row["lang"]), grades)
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{line_no}: not a judged query ({exc})") from exc
    return queries


def ndcg(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    def gain(grade: int) -> float:
        return 2.0**grade - 1.0

    dcg = sum(gain(grades.get(pid, 0)) / math.log2(i + 2) for i, pid in enumerate(ranking[:k]))
    ideal = sorted((g for g in grades.values() if g > 0), reverse=True)[:k]
    idcg = sum(gain(g) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranking: Sequence[str], relevant: set[str], k: int = 10) -> float:
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def mrr(ranking: Sequence[str], relevant: set[str], k: int = 10) -> float:
    for i, pid in enumerate(ranking[:k]):
        if pid in relevant:
            return 1.0 / (i + 1)
    return 0.0


@dataclass
class GroupMetrics:
    """Mean metrics over a group of queries, and the pooled precision of their lists."""

    n: int = 0
    sums: dict[str, float] = field(
        default_factory=lambda: {"ndcg": 0.0, "recall": 0.0, "mrr": 0.0, "count": 0.0}
    )
    returned: int = 0
    relevant_returned: int = 0
    empty: int = 0

    def add(
        self,
        ndcg_value: float,
        recall_value: float,
        mrr_value: float,
        *,
        returned: int = 0,
        relevant_returned: int = 0,
        count: int = 0,
    ) -> None:
        self.n += 1
        self.sums["ndcg"] += ndcg_value
        self.sums["recall"] += recall_value
        self.sums["mrr"] += mrr_value
        self.sums["count"] += count
        self.returned += returned
        self.relevant_returned += relevant_returned
        self.empty += count == 0

    def as_dict(self, k: int) -> dict[str, Any]:
        def mean(name: str) -> float:
            return round(self.sums[name] / self.n, 4) if self.n else 0.0

        return {
            "n": self.n,
            f"ndcg@{k}": mean("ndcg"),
            f"recall@{k}": mean("recall"),
            f"mrr@{k}": mean("mrr"),
            "precision": (
                round(self.relevant_returned / self.returned, 4) if self.returned else 0.0
            ),
            "count": round(self.sums["count"] / self.n, 2) if self.n else 0.0,
            "empty": round(self.empty / self.n, 4) if self.n else 0.0,
        }


def is_cross_lingual(query: JudgedQuery, product_languages: Mapping[str, Iterable[str]]) -> bool:
    """True when every relevant product is described in languages other than the query's."""
    relevant = query.relevant or set(query.grades)
    described = [set(product_languages.get(pid, ())) for pid in relevant]
    return bool(described) and all(query.language not in langs for langs in described)


def evaluate(
    queries: Sequence[JudgedQuery],
    rank: Callable[[JudgedQuery], Sequence[str] | RankedList],
    product_languages: Mapping[str, Iterable[str]],
    k: int = 10,
) -> dict[str, dict[str, Any]]:
    """Metrics per group for the ranking function ``rank`` (query → product ids)."""
    groups: dict[str, GroupMetrics] = {}
    for query in queries:
        ranked = rank(query)
        if not isinstance(ranked, RankedList):
            ranked = RankedList(list(ranked), len(ranked))
        ranking = list(ranked.ids)
        values = (
            ndcg(ranking, query.grades, k),
            recall(ranking, query.relevant, k),
            mrr(ranking, query.relevant, k),
        )
        pool = {
            "returned": len(ranking),
            "relevant_returned": len(query.relevant.intersection(ranking)),
            "count": ranked.count,
        }
        names = ["all", f"lang:{query.language}"]
        if is_cross_lingual(query, product_languages):
            names.append("cross_lingual")
        for name in names:
            groups.setdefault(name, GroupMetrics()).add(*values, **pool)
    order = sorted(groups, key=lambda g: (g != "all", g == "cross_lingual", g))
    return {name: groups[name].as_dict(k) for name in order}
