"""Help for a search that found nothing: a spelling from the catalog's own vocabulary, the
categories nearest to the query, and a few related products that do **not** match.

The vocabulary is the materialized view ``shop_assistant_vocabulary`` (words of titles
and attribute lines, so brands, translated category names and attribute values too),
trigram-indexed, maintained by :mod:`shop_assistant.indexing.vocabulary`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections

from ..cards import title_in
from ..indexing.vocabulary import VOCABULARY, ensure_vocabulary
from ..ranking import Candidate
from .categories import names_by_language, names_of

#: Trigram similarity a catalog word needs to be suggested for a query word.
MIN_WORD_SIMILARITY = 0.3
#: Related products and categories offered at most.
RELATED_PRODUCTS = 4
RELATED_CATEGORIES = 3
#: Candidates (nearest first) the related categories are read from.
RELATED_DEPTH = 10


@dataclass
class Suggestions:
    """What a zero-result response offers instead (``related`` products do not match)."""

    did_you_mean: str | None = None
    categories: list[dict[str, Any]] = field(default_factory=list)
    related: list[Any] = field(default_factory=list)  # ProductCard, hydrated by the caller

    def __bool__(self) -> bool:
        return bool(self.did_you_mean or self.categories or self.related)


def did_you_mean(text: str, *, using: str) -> str | None:
    """``text`` with each word the catalog does not know replaced by its closest catalog
    word (trigram similarity), or None when no word was replaced."""
    ensure_vocabulary(using)
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT t.token, "
            f"EXISTS (SELECT 1 FROM {VOCABULARY} v WHERE v.word = t.token), "
            f"(SELECT v.word FROM {VOCABULARY} v WHERE length(t.token) >= 3 "
            "AND v.word %% t.token AND similarity(v.word, t.token) >= %s "
            "ORDER BY similarity(v.word, t.token) DESC, v.frequency DESC, v.word LIMIT 1) "
            "FROM regexp_split_to_table(lower(unaccent(%s)), '[^[:alnum:]]+') "
            "WITH ORDINALITY AS t(token, n) WHERE t.token <> '' ORDER BY t.n",
            [MIN_WORD_SIMILARITY, text],
        )
        rows = cursor.fetchall()
    words = []
    changed = False
    for token, known, closest in rows:
        if not known and closest:
            words.append(closest)
            changed = True
        else:
            words.append(token)
    return " ".join(words) if changed else None


def related_categories(
    candidates: Sequence[Candidate],
    language: str,
    *,
    using: str,
    limit: int = RELATED_CATEGORIES,
) -> list[dict[str, Any]]:
    """The leaf categories of the nearest candidates, most frequent first, each named in
    ``language`` (else the shop's default language, else any: the chain of titles)."""
    nearest = [c for c in candidates[:RELATED_DEPTH] if c.category_path]
    counts = Counter(c.category_path[-1] for c in nearest)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    names = names_of(
        {
            slug: next(c.product_id for c in nearest if c.category_path[-1] == slug)
            for slug, _n in ordered
        },
        using=using,
    )
    related = []
    for slug, count in ordered:
        label, label_language = title_in(names_by_language(names.get(slug, ())), language)
        if not label:  # the adapter names it in no language
            label, label_language = slug, ""
        related.append(
            {
                "value": slug,
                "count": count,
                "label": label,
                "label_language": label_language,
            }
        )
    return related
