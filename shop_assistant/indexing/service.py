"""Indexing: product → document → passages → content hash → encode → COPY → ANN index.

Per batch of products the encoder runs first, outside any transaction, on the passages
whose text has no vector in the space yet; then one transaction writes the entries,
passages and vectors of the whole batch (so a product is never half-written). Unchanged
passages are never encoded again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connections, transaction
from django.utils import timezone
from pgvector.psycopg import register_vector

from .. import signals
from ..catalog import ProductAdapter, ProductDocument, get_adapter
from ..conf import app_settings, get_product_model
from ..language import ts_config
from ..models import CatalogEntry, Embedding, EmbeddingSpace, Passage
from . import ann
from .passages import PassageSpec, build_passages, document_hash

Progress = Callable[[int, int], None]


@dataclass
class IndexReport:
    """What one indexing run did."""

    products: int = 0
    passages_encoded: int = 0
    passages_skipped: int = 0
    failed: int = 0
    removed: int = 0
    seconds: float = 0.0
    errors: dict[Any, str] = field(default_factory=dict)
    indexed: list[Any] = field(default_factory=list)  # pks written

    def merge(self, other: IndexReport) -> None:
        self.products += other.products
        self.indexed += other.indexed
        self.passages_encoded += other.passages_encoded
        self.passages_skipped += other.passages_skipped
        self.failed += other.failed
        self.removed += other.removed
        self.errors.update(other.errors)

    def summary(self) -> str:
        return (
            f"{self.products} products, {self.passages_encoded} passages encoded, "
            f"{self.passages_skipped} skipped as unchanged, {self.failed} failed, "
            f"{self.removed} removed, {self.seconds:.1f} s"
        )


@dataclass
class _Prepared:
    document: ProductDocument
    passages: list[PassageSpec]
    doc_hash: str


@dataclass
class _Staged:
    """One batch read and encoded, waiting to be written."""

    ids: Sequence[Any]
    prepared: dict[Any, _Prepared] = field(default_factory=dict)
    to_encode: list[tuple[Any, PassageSpec]] = field(default_factory=list)
    vectors: np.ndarray | None = None
    report: IndexReport = field(default_factory=IndexReport)


class Indexer:
    """Indexes host products into one embedding space."""

    def __init__(
        self,
        space: EmbeddingSpace,
        *,
        adapter: ProductAdapter | None = None,
        using: str = "default",
    ) -> None:
        self.space = space
        self.adapter = adapter or get_adapter()
        self.using = using
        self.encoder = space.get_encoder()
        self.chunk_chars = int(app_settings.DESCRIPTION_CHUNK_CHARS)

    # -- public -----------------------------------------------------------------------
    def index_all(self, progress: Progress | None = None) -> IndexReport:
        model = get_product_model()
        ids = list(
            model._default_manager.using(self.using).order_by("pk").values_list("pk", flat=True)
        )
        report = self.index_ids(ids, progress=progress)
        started = time.perf_counter()
        report.removed += self.remove_missing()
        report.seconds += time.perf_counter() - started
        return report

    def index_ids(
        self, ids: Sequence[Any], progress: Progress | None = None, *, build_index: bool = True
    ) -> IndexReport:
        """Index these products; ``build_index=False`` leaves the HNSW index to the caller
        (a space being built gets its index once, after all its vectors are written)."""
        started = time.perf_counter()
        report = IndexReport()
        batch_size = int(app_settings.WRITE_BATCH_SIZE)
        batches = [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]
        done = 0

        def finished(batch_report: IndexReport, size: int) -> None:
            nonlocal done
            report.merge(batch_report)
            done += size
            if progress:
                progress(done, len(ids))

        if len(batches) > 1 and not connections[self.using].in_atomic_block:
            # Write batch N on a second connection while batch N+1 is encoded: the
            # encoder and PostgreSQL (COPY, tsvectors, HNSW inserts) work side by side.
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sa-writer") as writer:
                pending: tuple[Future[IndexReport], int] | None = None
                for batch in batches:
                    staged = self._stage(batch)
                    if pending:
                        finished(pending[0].result(), pending[1])
                    pending = (writer.submit(self._commit_and_close, staged), len(batch))
                if pending:
                    finished(pending[0].result(), pending[1])
        else:
            for batch in batches:
                finished(self._commit(self._stage(batch)), len(batch))
        if report.products and build_index:
            ann.ensure_index(self.space, self.using)
        report.seconds = time.perf_counter() - started
        if report.indexed:
            signals.product_indexed.send(
                sender=Indexer, product_ids=list(report.indexed), space=self.space
            )
        return report

    def remove_missing(self) -> int:
        """Delete entries whose product no longer exists (e.g. removed by raw SQL)."""
        model = get_product_model()
        gone = CatalogEntry.objects.using(self.using).exclude(
            product_id__in=model._default_manager.using(self.using).values("pk")
        )
        return gone.delete()[1].get(CatalogEntry._meta.label, 0)

    # -- one batch --------------------------------------------------------------------
    def _stage(self, ids: Sequence[Any]) -> _Staged:
        """Read and encode one batch; nothing is written yet."""
        staged = _Staged(ids=ids)
        report = staged.report
        model = get_product_model()
        products = self.adapter.get_queryset(model).using(self.using).filter(pk__in=ids)
        for product in products:
            try:
                document = self.adapter.to_document(product)
                passages = build_passages(document, self.chunk_chars)
            except Exception as exc:  # a broken product must not stop the batch
                report.failed += 1
                report.errors[product.pk] = f"{type(exc).__name__}: {exc}"
                continue
            staged.prepared[product.pk] = _Prepared(
                document, passages, document_hash(document, passages)
            )
        known = self._known_hashes(staged.prepared)
        for pk, item in staged.prepared.items():
            for spec in item.passages:
                if known.get((pk, *spec.slot)) == spec.content_hash:
                    report.passages_skipped += 1
                else:
                    staged.to_encode.append((pk, spec))
        staged.vectors = self._encode([spec.text for _, spec in staged.to_encode])
        report.passages_encoded += len(staged.to_encode)
        return staged

    def _commit(self, staged: _Staged) -> IndexReport:
        """Write one staged batch in one transaction: a product is never half-written."""
        report = staged.report
        missing_ids = set(staged.ids) - set(staged.prepared) - set(report.errors)
        with transaction.atomic(using=self.using):
            if missing_ids:
                report.removed += remove_products(missing_ids, using=self.using)
            if staged.prepared:
                entries = self._upsert_entries(staged.prepared)
                self._write_passages(entries, staged.prepared)
                self._write_embeddings(entries, staged.to_encode, staged.vectors)
            if report.errors:
                mark_failed(report.errors, using=self.using)
        report.products += len(staged.prepared)
        report.indexed += list(staged.prepared)
        return report

    def _commit_and_close(self, staged: _Staged) -> IndexReport:
        """:meth:`_commit` on the writer thread, which must not keep its connection open."""
        try:
            return self._commit(staged)
        finally:
            connections[self.using].close()

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.space.dimension), dtype=np.float32)
        # Batches of texts of similar length: an encoder that pads a batch to its longest
        # text (transformers) does not pad short titles to a long description's length.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batch = int(app_settings.ENCODE_BATCH_SIZE)
        parts = [
            self.encoder.encode_documents([texts[i] for i in order[start : start + batch]])
            for start in range(0, len(order), batch)
        ]
        vectors = np.empty((len(texts), self.space.dimension), dtype=np.float32)
        sorted_vectors = np.vstack(parts).astype(np.float32, copy=False)
        if sorted_vectors.shape != vectors.shape:
            raise ValueError(
                f"Encoder {self.space.model_id} returned {sorted_vectors.shape}, "
                f"expected ({len(texts)}, {self.space.dimension})."
            )
        vectors[order] = sorted_vectors
        return vectors

    def _known_hashes(self, prepared: dict[Any, _Prepared]) -> dict[tuple, str]:
        """(product pk, kind, language, position) → hash of the text embedded in this space."""
        rows = (
            Embedding.objects.using(self.using)
            .filter(space=self.space, entry__product_id__in=list(prepared))
            .values_list(
                "entry__product_id",
                "passage__kind",
                "passage__language",
                "passage__position",
                "content_hash",
            )
        )
        return {(pk, kind, lang, pos): h for pk, kind, lang, pos, h in rows}

    # -- writes (inside the batch transaction) ----------------------------------------
    def _upsert_entries(self, prepared: dict[Any, _Prepared]) -> dict[Any, int]:
        now = timezone.now()
        entries = []
        for pk, item in prepared.items():
            doc = item.document
            entries.append(
                CatalogEntry(
                    product_id=pk,
                    titles={
                        lang: doc.texts[lang].title
                        for lang in doc.languages
                        if doc.texts[lang].title
                    },
                    languages=doc.languages,
                    price=doc.price,
                    currency=doc.currency,
                    in_stock=doc.in_stock,
                    category_path=doc.category_path,
                    brand=doc.brand,
                    attributes=doc.attributes,
                    url=doc.url,
                    image=doc.image,
                    group=doc.group,
                    is_published=doc.is_published,
                    rebuyable=doc.rebuyable,
                    content_hash=item.doc_hash,
                    status=CatalogEntry.Status.INDEXED,
                    error="",
                    indexed_at=now,
                )
            )
        update_fields = [
            f.name for f in CatalogEntry._meta.concrete_fields if f.name not in ("id", "product")
        ]
        CatalogEntry.objects.using(self.using).bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["product"],
            update_fields=update_fields,
        )
        return dict(
            CatalogEntry.objects.using(self.using)
            .filter(product_id__in=list(prepared))
            .values_list("product_id", "id")
        )

    def _write_passages(self, entries: dict[Any, int], prepared: dict[Any, _Prepared]) -> None:
        """Replace each entry's passages by its new ones; unchanged rows are left alone."""
        table = Passage._meta.db_table
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS sa_stage_passage "
                "(entry_id bigint, kind text, language text, position int, text text, "
                "content_hash text, ts_config text) ON COMMIT DELETE ROWS"
            )
            cursor.execute("TRUNCATE sa_stage_passage")  # when nested in an outer transaction
            with cursor.copy(
                "COPY sa_stage_passage (entry_id, kind, language, position, text, content_hash, "
                "ts_config) FROM STDIN"
            ) as copy:
                for pk, item in prepared.items():
                    for spec in item.passages:
                        copy.write_row(
                            (
                                entries[pk],
                                spec.kind,
                                spec.language,
                                spec.position,
                                spec.text,
                                spec.content_hash,
                                ts_config(spec.language),
                            )
                        )
            # Passages whose slot disappeared (a translation removed, a shorter text),
            # with their vectors in every space.
            cursor.execute(
                f"WITH gone AS (SELECT p.id FROM {table} p WHERE p.entry_id = ANY(%s) "
                "AND NOT EXISTS (SELECT 1 FROM sa_stage_passage s WHERE s.entry_id = p.entry_id "
                "AND s.kind = p.kind AND s.language = p.language AND s.position = p.position)), "
                f"vectors AS (DELETE FROM {Embedding._meta.db_table} "
                "WHERE passage_id IN (SELECT id FROM gone)) "
                f"DELETE FROM {table} WHERE id IN (SELECT id FROM gone)",
                [list(entries.values())],
            )
            cursor.execute(
                f"INSERT INTO {table} (entry_id, kind, language, position, text, content_hash, "
                "search_vector) SELECT entry_id, kind, language, position, text, content_hash, "
                "to_tsvector(ts_config::regconfig, unaccent(text)) FROM sa_stage_passage "
                "ON CONFLICT (entry_id, kind, language, position) DO UPDATE SET "
                "text = EXCLUDED.text, content_hash = EXCLUDED.content_hash, "
                "search_vector = EXCLUDED.search_vector "
                f"WHERE {table}.content_hash IS DISTINCT FROM EXCLUDED.content_hash"
            )

    def _write_embeddings(
        self,
        entries: dict[Any, int],
        encoded: list[tuple[Any, PassageSpec]],
        vectors: np.ndarray,
    ) -> None:
        if not encoded:
            return
        connection = connections[self.using]
        connection.ensure_connection()
        register_vector(connection.connection)
        table = Embedding._meta.db_table
        passages = Passage._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS sa_stage_embedding "
                "(entry_id bigint, kind text, language text, position int, content_hash text, "
                "embedding vector) ON COMMIT DELETE ROWS"
            )
            cursor.execute("TRUNCATE sa_stage_embedding")
            with cursor.copy(
                "COPY sa_stage_embedding (entry_id, kind, language, position, content_hash, "
                "embedding) FROM STDIN WITH (FORMAT BINARY)"
            ) as copy:
                copy.set_types(["int8", "text", "text", "int4", "text", "vector"])
                for (pk, spec), vector in zip(encoded, vectors, strict=True):
                    copy.write_row(
                        (
                            entries[pk],
                            spec.kind,
                            spec.language,
                            spec.position,
                            spec.content_hash,
                            vector,
                        )
                    )
            cursor.execute(
                f"INSERT INTO {table} (passage_id, space_id, entry_id, content_hash, embedding) "
                f"SELECT p.id, %s, s.entry_id, s.content_hash, s.embedding "
                f"FROM sa_stage_embedding s JOIN {passages} p ON p.entry_id = s.entry_id "
                "AND p.kind = s.kind AND p.language = s.language AND p.position = s.position "
                "ON CONFLICT (passage_id, space_id) DO UPDATE SET "
                "content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding",
                [self.space.pk],
            )


def remove_products(product_ids: Iterable[Any], using: str = "default") -> int:
    """Delete the entries (and with them passages and vectors) of these products."""
    deleted = CatalogEntry.objects.using(using).filter(product_id__in=list(product_ids)).delete()
    return deleted[1].get(CatalogEntry._meta.label, 0)


def mark_failed(errors: Mapping[Any, str], using: str = "default") -> int:
    """Record that these products failed to index (``{product pk: message}``).

    An entry keeps its last good passages and vectors (it goes on serving) with status
    ``failed`` and the message; a product never indexed gets an unpublished placeholder
    entry, so the failure shows in the admin and the periodic retry finds it.
    """
    if not errors:
        return 0
    model = get_product_model()
    to_pk = model._meta.pk.to_python
    messages = {to_pk(pk): str(message)[:2000] for pk, message in errors.items()}
    products = model._default_manager.using(using).filter(pk__in=list(messages))
    existing = set(products.values_list("pk", flat=True))
    entries = [
        CatalogEntry(
            product_id=pk,
            status=CatalogEntry.Status.FAILED,
            error=messages[pk],
            is_published=False,
        )
        for pk in messages
        if pk in existing
    ]
    with transaction.atomic(using=using):
        CatalogEntry.objects.using(using).bulk_create(entries, ignore_conflicts=True)
        for pk in existing:
            CatalogEntry.objects.using(using).filter(product_id=pk).update(
                status=CatalogEntry.Status.FAILED, error=messages[pk]
            )
    return len(existing)
