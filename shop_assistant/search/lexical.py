"""Lexical retrieval: PostgreSQL full text (unaccented, stemmed per passage language).

Products are retrieved by an OR of the query terms (see :mod:`.terms`) and described
by how well the keywords actually matched them: the IDF-weighted share of the query
terms found anywhere in the product (``coverage``) and in its title
(``title_coverage``), plus ``ts_rank`` of its best passage (``ts_rank_cd`` ranked the
eval splits identically at three times the cost per matching passage). Trigram
similarity of the query to titles and attribute lines (typos, split or joined words) is
measured separately on the final candidates by :func:`title_similarity`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections

from ..core.sql import Statement
from ..filters import Filters, filter_sql
from ..models import CatalogEntry, Passage
from .terms import QueryTerms

#: A term matching more passages than this (estimated from the planner statistics) does
#: not retrieve products on its own, only together with all the other terms; it still
#: counts in the coverage of the products retrieved. In a catalog of a few thousand
#: products every term qualifies; in a large one this bounds the keyword side's cost.
RETRIEVAL_MAX_ROWS = 1000
#: At most this many matching passages are read per search (in a huge catalog, a query
#: of common words matching more keeps an arbitrary share of them; the vector side still
#: ranks the whole catalog). Never reached by a catalog of a few thousand products.
SCAN_LIMIT = 1000


@dataclass
class LexicalMatch:
    """One product found by the lexical side."""

    entry_id: int
    coverage: float  # weighted share of the query terms matched, 0..1
    title_coverage: float  # the same, in a title
    rank: float  # ts_rank of the best passage
    passage_id: int  # the best passage
    matched_terms: tuple[str, ...]
    position: int = 0  # rank in the lexical list, 1-based


def keyword_products(
    terms: QueryTerms,
    filters: Filters,
    k: int,
    *,
    using: str,
    entry_ids: Sequence[int] | None = None,
) -> list[LexicalMatch]:
    """The ``k`` products matching most of the query's terms, best first.

    Ordered by weighted coverage, then title coverage, then ``ts_rank``; the
    ordering and the limit run in the database, so only ``k`` rows come back.
    ``entry_ids`` restricts the search to those products (the keyword side's view of
    products the vector side found).
    """
    statement = keyword_statement(terms, filters, k, entry_ids=entry_ids)
    if statement is None:
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        return statement.parse(cursor.fetchall())


def keyword_statement(
    terms: QueryTerms | None,
    filters: Filters,
    k: int,
    *,
    entry_ids: Sequence[int] | None = None,
) -> Statement | None:
    """The read of :func:`keyword_products`, to send with others (None: no match)."""
    if not terms or k <= 0 or (entry_ids is not None and not entry_ids):
        return None
    where, params = filter_sql(filters)
    restrict, restrict_params = "", []
    if entry_ids is not None:
        restrict, restrict_params = " AND p.entry_id = ANY(%s)", [list(entry_ids)]
    flags: list[str] = []
    flag_params: list[str] = []
    coverage: list[str] = []
    title: list[str] = []
    weights: list[float] = []
    matches: list[str] = []
    for index, term in enumerate(terms.terms):
        matches.append(f"p.search_vector @@ %s::tsquery AS f{index}")
        flags.append(
            f"bool_or(p.f{index}) AS t{index}, bool_or(p.kind = 'title' AND p.f{index}) AS h{index}"
        )
        flag_params.append(term.tsquery)
        coverage.append(f"t{index}::int * %s")
        title.append(f"h{index}::int * %s")
        weights.append(term.weight)
    query = terms.tsquery(RETRIEVAL_MAX_ROWS)
    order = f"{' + '.join(coverage)} DESC, {' + '.join(title)} DESC, m.rank DESC, m.entry_id"
    # Passages are matched and aggregated per product first, then joined to the entries
    # for the filters. Without facet filters only unpublished entries drop out (rare):
    # the best 2k are looked up by primary key. With filters, the planner selects the
    # entries through the facet indexes and hashes them.
    ranked = "m"
    ranked_params: list[float | int] = []
    if filters.is_empty():
        ranked = f"(SELECT * FROM m ORDER BY {order} LIMIT %s) m"
        ranked_params = [*weights, *weights, 2 * k]
    sql = (
        "WITH hit AS MATERIALIZED ("
        f"SELECT p.id, p.entry_id, p.kind, {', '.join(matches)}, "
        "ts_rank(p.search_vector, %s::tsquery) AS rank "
        f"FROM {Passage._meta.db_table} p WHERE p.search_vector @@ %s::tsquery{restrict} "
        f"LIMIT {int(SCAN_LIMIT)}), "
        f"m AS MATERIALIZED (SELECT p.entry_id, {', '.join(flags)}, max(p.rank) AS rank, "
        "(array_agg(p.id ORDER BY p.rank DESC))[1] AS best FROM hit p GROUP BY p.entry_id) "
        f"SELECT m.* FROM {ranked} JOIN {CatalogEntry._meta.db_table} c ON c.id = m.entry_id "
        f"WHERE {where} ORDER BY {order} LIMIT %s"
    )
    all_params = [
        *flag_params,
        query,
        query,
        *restrict_params,
        *ranked_params,
        *params,
        *weights,
        *weights,
        k,
    ]
    total = terms.total_weight or 1.0

    def parse(rows: list[tuple]) -> list[LexicalMatch]:
        found = [_match(row, terms, total) for row in rows]
        for position, match in enumerate(found, 1):
            match.position = position
        return found

    return Statement(sql, all_params, parse)


def _match(row: Sequence, terms: QueryTerms, total: float) -> LexicalMatch:
    entry_id, *flags, rank, passage_id = row
    coverage = title = 0.0
    matched: list[str] = []
    for index, term in enumerate(terms.terms):
        anywhere, in_title = flags[2 * index], flags[2 * index + 1]
        if anywhere:
            coverage += term.weight
            matched.append(term.token)
        if in_title:
            title += term.weight
    return LexicalMatch(
        entry_id=int(entry_id),
        coverage=coverage / total,
        title_coverage=title / total,
        rank=float(rank or 0.0),
        passage_id=int(passage_id),
        matched_terms=tuple(matched),
    )


def title_similarity(text: str, entry_ids: Sequence[int], *, using: str) -> dict[int, float]:
    """Trigram ``word_similarity`` of the query to each entry's best title or attribute line.

    Attribute lines count because they carry the shop's translated category names: a
    product described in one language still has them in every language (see
    :func:`~shop_assistant.indexing.passages.build_passages`), so trigram credit is not
    reserved to products written in the query's language.
    """
    if not entry_ids or not text.strip():
        return {}
    sql, params = title_similarity_sql(text, entry_ids)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return {int(entry_id): float(score or 0.0) for entry_id, score in cursor.fetchall()}


def title_similarity_sql(text: str, entry_ids: Sequence[int]) -> tuple[str, list]:
    """The statement of :func:`title_similarity`: rows ``(entry_id, similarity)``; search
    joins it into the statement that reads the candidates' facts."""
    sql = (
        "SELECT p.entry_id, coalesce(max(word_similarity(unaccent(%s), unaccent(p.text))), 0) "
        f"AS similarity FROM {Passage._meta.db_table} p "
        "WHERE p.entry_id = ANY(%s) AND p.kind IN ('title', 'attributes') GROUP BY p.entry_id"
    )
    return sql, [text, list(entry_ids)]
