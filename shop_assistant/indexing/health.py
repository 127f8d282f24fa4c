"""Index health: how much of the catalog each space serves, per language and status, the
latest jobs and the query-embedding cache's hit rate (the admin's health page)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Count

from ..conf import app_settings
from ..embeddings.cache import cache_stats
from ..models import CatalogEntry, Embedding, EmbeddingSpace, IndexJob, Passage
from .ann import index_state


@dataclass
class SpaceHealth:
    space: EmbeddingSpace
    index: str | None  # "valid", "invalid" or None (no HNSW index yet)
    products: int  # entries with at least one vector in the space
    #: language -> (passages, passages with a vector in this space)
    languages: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class IndexHealth:
    statuses: dict[str, int]  # indexed / stale / failed -> entries
    published: int
    spaces: list[SpaceHealth]
    jobs: list[IndexJob]
    cache_hits: int
    cache_misses: int

    @property
    def cache_hit_rate(self) -> float | None:
        total = self.cache_hits + self.cache_misses
        return self.cache_hits / total if total else None


def index_health(*, using: str = "default", jobs: int = 8) -> IndexHealth:
    entries = CatalogEntry.objects.using(using)
    statuses = {status: 0 for status in CatalogEntry.Status.values}
    for row in entries.values("status").annotate(n=Count("pk")):
        statuses[row["status"]] = row["n"]
    spaces = []
    for space in EmbeddingSpace.objects.using(using).order_by("-state", "pk"):
        spaces.append(
            SpaceHealth(
                space=space,
                index=index_state(space, using) if space.dimension else None,
                products=Embedding.objects.using(using)
                .filter(space=space)
                .values("entry_id")
                .distinct()
                .count(),
                languages=_languages(space, using),
            )
        )
    hits, misses = cache_stats(app_settings.CACHE)
    return IndexHealth(
        statuses=statuses,
        published=entries.filter(is_published=True).count(),
        spaces=spaces,
        jobs=list(IndexJob.objects.using(using).select_related("space")[:jobs]),
        cache_hits=hits,
        cache_misses=misses,
    )


def _languages(space: EmbeddingSpace, using: str) -> dict[str, tuple[int, int]]:
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT p.language, count(*), count(e.id) FROM {Passage._meta.db_table} p "
            f"LEFT JOIN {Embedding._meta.db_table} e ON e.passage_id = p.id AND e.space_id = %s "
            "GROUP BY p.language ORDER BY count(*) DESC",
            [space.pk],
        )
        return {language: (total, embedded) for language, total, embedded in cursor.fetchall()}
