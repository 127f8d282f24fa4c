"""The canary check of a new embedding space, run before it may be activated.

A sample of products is searched for by their own title, encoded as a query with the
space's encoder and matched through the space's HNSW index: each one should come back in
the top 10. A broken model, a dimension mix-up or vectors written against the wrong
passages make the recall collapse, and the space is not activated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connections

from ..conf import app_settings
from ..models import CatalogEntry, Embedding, EmbeddingSpace, Passage
from . import ann

#: Passages fetched per query before grouping into distinct products (titles of one
#: product in several languages are several passages).
CANDIDATE_ROWS = 100


@dataclass
class CanaryReport:
    """How many sampled products their own title found in the top ``k``."""

    sampled: int
    found: int
    k: int
    min_recall: float
    misses: list[Any] = field(default_factory=list)  # product pks not found

    @property
    def recall(self) -> float:
        return self.found / self.sampled if self.sampled else 1.0

    @property
    def passed(self) -> bool:
        return self.recall >= self.min_recall

    def summary(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        return (
            f"canary {verdict}: {self.found}/{self.sampled} products found by their own title "
            f"in the top {self.k} (recall {self.recall:.2f}, required {self.min_recall:.2f})"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "sampled": self.sampled,
            "found": self.found,
            "k": self.k,
            "recall": round(self.recall, 4),
            "min_recall": self.min_recall,
            "passed": self.passed,
            "misses": [str(pk) for pk in self.misses[:50]],
        }


def sample_titles(space: EmbeddingSpace, size: int, using: str = "default") -> list[tuple]:
    """``(entry id, product pk, title)`` of up to ``size`` random published products whose
    title has a vector in ``space`` (one title per product)."""
    sql = (
        "SELECT entry_id, product_id, text FROM ("
        "  SELECT DISTINCT ON (p.entry_id) p.entry_id, e.product_id, p.text"
        f"  FROM {Passage._meta.db_table} p"
        f"  JOIN {CatalogEntry._meta.db_table} e ON e.id = p.entry_id AND e.is_published"
        f"  JOIN {Embedding._meta.db_table} v ON v.passage_id = p.id AND v.space_id = %s"
        "  WHERE p.kind = 'title' ORDER BY p.entry_id, p.language, p.position"
        ") t ORDER BY random() LIMIT %s"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [space.pk, size])
        return list(cursor.fetchall())


def canary_check(
    space: EmbeddingSpace,
    *,
    sample_size: int | None = None,
    k: int = 10,
    min_recall: float | None = None,
    using: str = "default",
) -> CanaryReport:
    """Search a sample of products by their own title in ``space``; see the module doc."""
    size = int(app_settings.CANARY_SAMPLE_SIZE if sample_size is None else sample_size)
    threshold = float(app_settings.CANARY_MIN_RECALL if min_recall is None else min_recall)
    sample = sample_titles(space, size, using)
    report = CanaryReport(sampled=len(sample), found=0, k=k, min_recall=threshold)
    if not sample:
        return report
    vectors = space.get_encoder().encode_queries([title for _, _, title in sample])
    for (entry_id, product_id, _title), vector in zip(sample, vectors, strict=True):
        found = ann.nearest(
            space,
            vector,
            k=k,
            per_product=CANDIDATE_ROWS // k,
            ef_search=(CANDIDATE_ROWS, CANDIDATE_ROWS),
            using=using,
        )
        if entry_id in {neighbor.entry_id for neighbor in found}:
            report.found += 1
        else:
            report.misses.append(product_id)
    return report
