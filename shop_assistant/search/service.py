"""The search service: language → retrieval (vector + lexical) → fusion → rules → page.

Every read goes to ``SHOP_ASSISTANT["DATABASE"]`` (a replica if the host has one); only
the search log is written, to the default database.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import connections

from .. import memo
from ..conf import app_settings
from ..embeddings import cached_query_embedding
from ..language import negotiate
from ..merchandising import apply_rules
from ..models import CatalogEntry, EmbeddingSpace, Passage
from ..models.catalog import title_in
from ..ranking import Candidate
from . import lexical, vector
from .facets import facet_counts
from .filters import Filters
from .fusion import MODES, EntryFacts, Mode, fuse
from .log import log_search
from .terms import analyze

#: Products each side retrieves. Paging beyond it, the vector side goes deeper (so a
#: page is full whenever enough products match the filters) while the keyword side's
#: list stays the same; ``count`` then grows with the depth reached.
CANDIDATE_DEPTH = 50
#: The catalog entry fields a hit shows.
HIT_FIELDS = ("product_id", "titles", "url", "price", "currency", "in_stock", "image")
#: ``page * page_size`` may not exceed this: deep pages are not served.
MAX_RESULTS = 1000
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 512


class SearchError(ValueError):
    """Invalid search arguments (the API turns it into a 400)."""


@dataclass
class SearchHit:
    """One product of a result page, ready to serialize."""

    product_id: Any
    entry_id: int
    title: str
    title_language: str
    url: str
    price: Decimal | None
    currency: str
    in_stock: bool
    image: str
    score: float
    explanation: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchResult:
    """A page of results with the language used, the total and the facet counts."""

    query_id: UUID | None
    language: str
    language_source: str
    count: int
    hits: list[SearchHit]
    facets: dict[str, list[dict]] = field(default_factory=dict)


def search(
    q: str,
    *,
    lang: str | None = None,
    accept_language: str | None = None,
    filters: Filters | None = None,
    page: int = 1,
    page_size: int = 20,
    mode: Mode = "hybrid",
    log: bool = True,
    with_facets: bool = True,
) -> SearchResult:
    """Search the catalog for ``q`` in whatever language it is written.

    Raises :class:`SearchError` for invalid arguments and
    :class:`~shop_assistant.language.UnknownLanguage` for a ``lang`` the shop does not serve.
    """
    started = time.perf_counter()
    text = _validate(q, page, page_size, mode)
    filters = filters or Filters()
    choice = negotiate(text, lang=lang, accept_language=accept_language)
    using = app_settings.DATABASE
    depth = max(CANDIDATE_DEPTH, page * page_size)
    candidates = _retrieve(text, choice.code, filters, depth, mode, using)
    candidates = apply_rules(
        candidates,
        query=text,
        language=choice.code,
        surface="search",
        filters=filters,
        using=using,
    )
    start = (page - 1) * page_size
    hits = hydrate(candidates[start : start + page_size], choice.code, using)
    facets = facet_counts(candidates) if with_facets else {}
    query_id = None
    if log:
        query_id = log_search(
            query=text,
            language=choice.code,
            language_source=choice.source,
            filters=filters,
            result_ids=[hit.product_id for hit in hits],
            count=len(candidates),
            latency_ms=(time.perf_counter() - started) * 1000,
        )
    return SearchResult(query_id, choice.code, choice.source, len(candidates), hits, facets)


def retrieve_candidates(
    q: str, language: str, filters: Filters, k: int, mode: Mode = "hybrid"
) -> list[Candidate]:
    """The fused top ``k`` candidates for ``q`` in ``language``, before rules and paging."""
    text = " ".join(q.split())
    if not text or k <= 0:
        return []
    return _retrieve(text, language, filters, k, mode, app_settings.DATABASE)[:k]


def _validate(q: str, page: int, page_size: int, mode: str) -> str:
    text = " ".join((q or "").split())
    if not text:
        raise SearchError("q must not be blank.")
    if len(q) > MAX_QUERY_LENGTH:
        raise SearchError(f"q must be at most {MAX_QUERY_LENGTH} characters.")
    if page < 1:
        raise SearchError("page must be 1 or more.")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise SearchError(f"page_size must be between 1 and {MAX_PAGE_SIZE}.")
    if page * page_size > MAX_RESULTS:
        raise SearchError(f"Only the first {MAX_RESULTS} results can be paged through.")
    if mode not in MODES:
        raise SearchError(f"mode must be one of {', '.join(MODES)}.")
    return text


def _retrieve(
    text: str, language: str, filters: Filters, depth: int, mode: Mode, using: str
) -> list[Candidate]:
    space = memo.memoized(("active-space", using), EmbeddingSpace.objects.using(using).active)
    if space is None:  # nothing indexed yet: keywords only
        mode = "lexical"
    vector_matches: list[vector.VectorMatch] = []
    first_tier: set[int] = set()
    query_vector = None
    if mode != "lexical":
        query_vector = cached_query_embedding(
            space.get_encoder(),
            text,
            cache_alias=app_settings.CACHE,
            timeout=app_settings.QUERY_CACHE_TIMEOUT,
        )
        filtered = None if filters.is_empty() else vector.filtered_entries(filters, using)
        vector_matches = vector.nearest_products(
            space,
            query_vector,
            filters,
            min(depth, CANDIDATE_DEPTH),
            using=using,
            filtered=filtered,
        )
        first_tier = {m.entry_id for m in vector_matches}
        if depth > CANDIDATE_DEPTH:  # a deep page: more neighbours, after the first tier
            deeper = vector.nearest_products(
                space,
                query_vector,
                filters,
                depth,
                using=using,
                filtered=filtered,
                raw_order=True,
            )
            tail = [m for m in deeper if m.entry_id not in first_tier]
            for rank, match in enumerate(tail, len(vector_matches) + 1):
                match.rank = rank
            vector_matches += tail
    lexical_matches: list[lexical.LexicalMatch] = []
    if mode != "vector":
        terms = analyze(text, language, using)
        lexical_matches = lexical.keyword_products(
            terms, filters, min(depth, CANDIDATE_DEPTH), using=using
        )
    ids = list(dict.fromkeys([m.entry_id for m in vector_matches + lexical_matches]))
    similarities: dict[int, vector.VectorMatch] = {}
    trigram: dict[int, float] = {}
    if mode == "hybrid":
        ranked = {m.entry_id for m in vector_matches}
        missing = [i for i in ids if i not in ranked]
        similarities = vector.similarities(space, query_vector, missing, using=using)
        trigram = lexical.title_similarity(text, ids, using=using)
    candidates = fuse(
        mode=mode,
        language=language,
        vector=vector_matches,
        lexical=lexical_matches,
        similarities=similarities,
        trigram=trigram,
        facts=entry_facts(ids, using),
    )
    # Products found only because a deep page asked for more come after the fused first
    # tier, in vector order, so every page is the same whatever page is asked for.
    first_tier.update(m.entry_id for m in lexical_matches)
    if len(first_tier) < len(candidates):
        tail_rank = {m.entry_id: m.rank for m in vector_matches}
        candidates.sort(  # stable: the first tier keeps its fused order
            key=lambda c: (
                c.entry_id not in first_tier,
                0 if c.entry_id in first_tier else tail_rank.get(c.entry_id, 0),
            )
        )
    return candidates


def entry_facts(entry_ids: list[int], using: str) -> dict[int, EntryFacts]:
    if not entry_ids:
        return {}
    # Raw SQL with one array parameter: the ORM's ``pk__in`` binds ~100 parameters one
    # by one, which cost more than the query itself (benchmarks/RESULTS.md).
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT id, product_id, brand, category_path, languages "
            f"FROM {CatalogEntry._meta.db_table} WHERE id = ANY(%s)",
            [list(entry_ids)],
        )
        return {row[0]: EntryFacts(*row) for row in cursor.fetchall()}


def hydrate(candidates: list[Candidate], language: str, using: str) -> list[SearchHit]:
    """Hits for ``candidates`` (in order), titles in ``language`` when translated."""
    if not candidates:
        return []
    with connections[using].cursor() as cursor:  # raw, as entry_facts
        cursor.execute(
            f"SELECT id, {', '.join(HIT_FIELDS)} FROM {CatalogEntry._meta.db_table} "
            "WHERE id = ANY(%s)",
            [[c.entry_id for c in candidates]],
        )
        entries = {row[0]: row for row in cursor.fetchall()}
    passages = _passages(candidates, using)
    hits = []
    for candidate in candidates:
        row = entries.get(candidate.entry_id)
        if row is None:
            continue
        entry_id, product_id, titles, url, price, currency, in_stock, image = row
        if isinstance(titles, str):  # Django reads jsonb as text, JSONField parses it
            titles = json.loads(titles)
        title, title_language = title_in(titles, language)
        hits.append(
            SearchHit(
                product_id=product_id,
                entry_id=entry_id,
                title=title,
                title_language=title_language,
                url=url,
                price=price,
                currency=currency,
                in_stock=in_stock,
                image=image,
                score=round(candidate.score, 6),
                explanation=_with_passages(candidate.explanation, passages),
            )
        )
    return hits


def _passages(candidates: list[Candidate], using: str) -> dict[int, dict[str, Any]]:
    ids = set()
    for candidate in candidates:
        for side in ("vector", "lexical"):
            info = candidate.explanation.get(side)
            if info:
                ids.add(info["passage_id"])
    if not ids:
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT id, kind, language, text FROM {Passage._meta.db_table} WHERE id = ANY(%s)",
            [list(ids)],
        )
        return {
            pk: {"kind": kind, "language": language, "text": text}
            for pk, kind, language, text in cursor.fetchall()
        }


def _with_passages(
    explanation: dict[str, Any], passages: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    """The explanation with passage ids replaced by the passages (kind, language, text)."""
    result = dict(explanation)
    for key, default in (("vector", None), ("lexical", None), ("title_similarity", 0.0)):
        result.setdefault(key, default)  # a pinned product was found by neither side
    result.setdefault("language_match", False)
    result.setdefault("rules", [])
    for side in ("vector", "lexical"):
        info = result.get(side)
        if info:
            info = dict(info)
            info["passage"] = passages.get(info.pop("passage_id", None))
            result[side] = info
    lexical_info, vector_info = result.get("lexical"), result.get("vector")
    best = lexical_info if lexical_info and lexical_info.get("coverage", 0) >= 0.5 else vector_info
    result["passage"] = (best or lexical_info or {}).get("passage")
    return result
