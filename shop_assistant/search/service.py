"""The search service: language → retrieval (vector + lexical) → fusion → rules → page.

Every read goes to ``SHOP_ASSISTANT["DATABASE"]`` (a replica if the host has one); only
the search log is written, to the default database.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from uuid import UUID

from .. import signals
from ..cards import ProductCard, cards_statement, in_order
from ..conf import app_settings
from ..core.errors import InvalidInput
from ..core.sql import Statement, run_together
from ..embeddings import cached_query_embedding
from ..filters import Filters
from ..indexing import calibration
from ..indexing.ann import Neighbor
from ..indexing.spaces import active_space
from ..language import negotiate
from ..merchandising import apply_rules
from ..models import CatalogEntry, Passage
from ..ranking import Candidate, PassageRef
from . import categories, lexical, relevance, vector
from .facets import facet_counts
from .fusion import MODES, EntryFacts, Mode, fuse
from .learned import NOTHING_LEARNED, learned_version
from .log import log_search
from .suggestions import RELATED_PRODUCTS, Suggestions, did_you_mean, related_categories
from .terms import analyze
from .values import canonical_filters

#: Products each side retrieves. Paging beyond it, both sides go deeper (so a page is
#: full whenever enough products match); ``count`` then grows with the depth reached.
CANDIDATE_DEPTH = 50
#: Results served at most: pages beyond them are empty (deep pages cost a deep scan).
MAX_RESULTS = 1000
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 512


class InvalidSearch(InvalidInput):
    """Search arguments the service cannot work with (the API answers 400)."""


@dataclass
class SearchResult:
    """A page of results with the language used, the total and the facet counts; when
    nothing matched, :class:`~.suggestions.Suggestions` instead."""

    query_id: UUID | None
    language: str
    language_source: str
    count: int
    hits: list[ProductCard]
    facets: dict[str, list[dict]] = field(default_factory=dict)
    suggestions: Suggestions | None = None  # when nothing matched


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

    Raises :class:`InvalidSearch` for invalid arguments and
    :class:`~shop_assistant.core.errors.UnknownLanguage` for a ``lang`` the shop does not
    serve. Sends :data:`~shop_assistant.signals.search_performed` when the search is logged.
    """
    started = time.perf_counter()
    text = _validate(q, page, page_size, mode)
    filters = canonical_filters(filters or Filters())
    choice = negotiate(text, lang=lang, accept_language=accept_language)
    using = app_settings.DATABASE
    depth = min(max(CANDIDATE_DEPTH, page * page_size), MAX_RESULTS)
    candidates = _retrieve(text, choice.code, filters, depth, mode, using, results_only=True)
    candidates = apply_rules(
        candidates,
        query=text,
        language=choice.code,
        filters=filters,
        using=using,
    )
    start = (page - 1) * page_size
    hits = hydrate(candidates[start : start + page_size], choice.code, using)
    facets = facet_counts(candidates, language=choice.code) if with_facets else {}
    suggestions = None
    if not candidates and with_facets:
        suggestions = _suggestions(text, choice.code, filters, mode, using)
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
    result = SearchResult(
        query_id, choice.code, choice.source, len(candidates), hits, facets, suggestions
    )
    if log:
        signals.search_performed.send(sender=search, query=text, filters=filters, result=result)
    return result


def retrieve_candidates(
    q: str, language: str, filters: Filters, k: int, mode: Mode = "hybrid"
) -> list[Candidate]:
    """The fused top ``k`` candidates for ``q`` in ``language``, before rules and paging."""
    text = " ".join(q.split())
    if not text or k <= 0:
        return []
    return _retrieve(text, language, filters, k, mode, app_settings.DATABASE)[:k]


def _suggestions(text: str, language: str, filters: Filters, mode: Mode, using: str) -> Suggestions:
    """Help for a search without results: a spelling, the nearest categories and a few
    related products (the nearest candidates, which did not match)."""
    nearest = _retrieve(text, language, filters, CANDIDATE_DEPTH, mode, using)
    return Suggestions(
        did_you_mean=did_you_mean(text, using=using),
        categories=related_categories(nearest, language, using=using),
        related=hydrate(nearest[:RELATED_PRODUCTS], language, using),
    )


def _validate(q: str, page: int, page_size: int, mode: str) -> str:
    """The service's own invariants (the API serializer checks types and bounds first)."""
    text = " ".join((q or "").split())
    if not text:
        raise InvalidSearch("q must not be blank.", field="q")
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidSearch(f"q must be at most {MAX_QUERY_LENGTH} characters.", field="q")
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidSearch(f"page ≥ 1 and 1 ≤ page_size ≤ {MAX_PAGE_SIZE}.", field="page")
    if mode not in MODES:
        raise InvalidSearch(f"mode must be one of {', '.join(MODES)}.", field="mode")
    return text


def _retrieve(
    text: str,
    language: str,
    filters: Filters,
    depth: int,
    mode: Mode,
    using: str,
    *,
    results_only: bool = False,
) -> list[Candidate]:
    """The fused candidates; with ``results_only``, those that match the query (see
    :mod:`.relevance`), business signals applied."""
    space = active_space(using)
    if space is None:  # nothing indexed yet: keywords only
        mode = "lexical"
    vector_matches: list[Neighbor] = []
    first_tier: set[int] = set()
    query_vector = None
    learned = learned_version(space, using) if space is not None else NOTHING_LEARNED
    if mode != "lexical":
        query_vector = cached_query_embedding(
            learned.encoder(space.get_encoder()),  # a learned version adapts the query side
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
    terms = None
    if mode != "vector":
        terms = analyze(text, language, using)
        lexical_matches = lexical.keyword_products(terms, filters, depth, using=using)
    ids = list(dict.fromkeys([m.entry_id for m in vector_matches + lexical_matches]))
    keyword_view = similarity_view = None
    if mode == "hybrid":
        ranked = {m.entry_id for m in vector_matches}
        missing = [i for i in ids if i not in ranked]
        similarity_view = vector.similarities_statement(space, query_vector, missing, using=using)
        # The keyword side's view of the products only the vector side ranked: whatever
        # depth a page asked for, a product has the same evidence (and the same score).
        found = {m.entry_id for m in lexical_matches}
        unseen = [i for i in ids if i not in found]
        keyword_view = lexical.keyword_statement(terms, filters, len(unseen), entry_ids=unseen)
    # Trigram title similarity (hybrid only) read with the facts; the three reads depend
    # only on the candidates, and go to the database together (one round trip).
    facts_read = entry_facts_statement(ids, trigram_of=text if mode == "hybrid" else None)
    views, keyword_rows, facts_and_trigram = run_together(
        using, [similarity_view, keyword_view, facts_read]
    )
    similarities: dict[int, Neighbor] = views or {}
    keywords: dict[int, lexical.LexicalMatch] = {}
    for match in keyword_rows or []:
        match.position = 0  # not ranked by the keyword side
        keywords[match.entry_id] = match
    facts, trigram = facts_and_trigram or ({}, {})
    candidates = fuse(
        mode=mode,
        language=language,
        vector=vector_matches,
        lexical=lexical_matches,
        similarities=similarities,
        keywords=keywords,
        trigram=trigram,
        facts=facts,
        weights=learned.weights_for(language),
        priors=learned.priors,
    )
    # A space that could not be calibrated (too few categories, no judged queries) has no
    # floor at all: a guessed one cuts relevant products (see indexing.calibration).
    if results_only and space is not None and not calibration.has_floor(space, using):
        results_only = False
    if results_only:
        product_similarities: dict[int, float] = {}
        threshold = None
        if space is not None and query_vector is not None:
            product_similarities = calibration.product_similarities(
                space, query_vector, [c.entry_id for c in candidates], using=using
            )
            threshold = calibration.space_threshold(space, using)
        reference = first_tier | {m.entry_id for m in lexical_matches[:CANDIDATE_DEPTH]}
        named = categories.named_in(text, terms, candidates, using=using) if terms else set()
        candidates = relevance.results_only(
            candidates,
            product_similarities,
            threshold,
            reference=reference,
            min_coverage=0.0 if mode == "lexical" else relevance.KEYWORD_MIN_COVERAGE,
            named=named,
        )
        candidates = relevance.apply_signals(candidates, language)
    # Products found only because a deep page asked for more come after the fused first
    # tier (each side's first CANDIDATE_DEPTH), by their best rank on either side: a
    # deeper list only adds products ranked below every one of a shallower list, so every
    # page is the same whatever page is asked for.
    first_tier.update(m.entry_id for m in lexical_matches[:CANDIDATE_DEPTH])
    if len(first_tier) < len(candidates):
        tail_rank = {m.entry_id: m.rank for m in vector_matches}
        for match in lexical_matches:
            previous = tail_rank.get(match.entry_id, match.position)
            tail_rank[match.entry_id] = min(previous, match.position)
        candidates.sort(  # stable: the first tier keeps its fused order
            key=lambda c: (
                c.entry_id not in first_tier,
                0 if c.entry_id in first_tier else tail_rank.get(c.entry_id, 0),
            )
        )
    return candidates


def entry_facts(
    entry_ids: list[int], using: str, *, trigram_of: str | None = None
) -> tuple[dict[int, EntryFacts], dict[int, float]]:
    """The facts fusion needs of each entry and, with ``trigram_of`` (the query), its
    :func:`~.lexical.title_similarity` read by the same statement (one round trip less)."""
    (result,) = run_together(using, [entry_facts_statement(entry_ids, trigram_of=trigram_of)])
    return result or ({}, {})


def entry_facts_statement(
    entry_ids: list[int], *, trigram_of: str | None = None
) -> Statement | None:
    """The read of :func:`entry_facts` (None without entries)."""
    if not entry_ids:
        return None
    trigram_column, trigram_join, params = "NULL", "", [list(entry_ids)]
    if trigram_of is not None and trigram_of.strip():
        sql, trigram_params = lexical.title_similarity_sql(trigram_of, entry_ids)
        trigram_column = "t.similarity"
        trigram_join = f"LEFT JOIN ({sql}) t ON t.entry_id = c.id "
        params = [*trigram_params, *params]
    # Raw SQL with one array parameter: the ORM's ``pk__in`` binds ~100 parameters one
    # by one, which cost more than the query itself (benchmarks/RESULTS.md).
    sql = (
        "SELECT c.id, c.product_id, c.brand, c.category_path, c.languages, c.in_stock, "
        f"c.price, c.attributes, {trigram_column} "
        f"FROM {CatalogEntry._meta.db_table} c {trigram_join}WHERE c.id = ANY(%s)"
    )
    return Statement(sql, params, _facts_and_trigram)


def _facts_and_trigram(rows: list[tuple]) -> tuple[dict[int, EntryFacts], dict[int, float]]:
    facts, trigram = {}, {}
    for *row, attributes, similarity in rows:
        if isinstance(attributes, str):  # Django reads jsonb as text, JSONField parses it
            attributes = json.loads(attributes)
        facts[row[0]] = EntryFacts(*row, attributes=attributes or {})
        if similarity is not None:
            trigram[row[0]] = float(similarity)
    return facts, trigram


def hydrate(candidates: list[Candidate], language: str, using: str) -> list[ProductCard]:
    """Cards for ``candidates`` (in order), their explanations showing the passages."""
    by_entry, passages = run_together(  # one round trip for both reads
        using, [cards_statement([c.entry_id for c in candidates], language), _passages(candidates)]
    )
    hits = in_order(candidates, by_entry or {})
    passages = passages or {}
    for hit in hits:
        explanation = hit.explanation
        if explanation is None:
            continue
        for side in (explanation.vector, explanation.lexical):
            if side is not None:
                side.passage = passages.get(side.passage_id)
        lexical, vector_side = explanation.lexical, explanation.vector
        best = lexical if lexical is not None and lexical.coverage >= 0.5 else vector_side
        chosen = best or lexical
        explanation.passage = chosen.passage if chosen is not None else None
    return hits


def _passages(candidates: list[Candidate]) -> Statement | None:
    """The read of the passages the candidates' explanations show (None: none)."""
    ids = {
        side.passage_id
        for candidate in candidates
        for side in (candidate.explanation.vector, candidate.explanation.lexical)
        if side is not None
    }
    if not ids:
        return None
    return Statement(
        f"SELECT id, kind, language, text FROM {Passage._meta.db_table} WHERE id = ANY(%s)",
        [list(ids)],
        lambda rows: {pk: PassageRef(kind, language, text) for pk, kind, language, text in rows},
    )
