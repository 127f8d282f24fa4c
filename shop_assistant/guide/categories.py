"""The shop's categories, recognised in a message by their names in any language.

"Busco una chaqueta para la lluvia" asks for the shop's leaf category whose names (as the
adapter gives them, in every language the shop writes: "Rain jackets", "Chaquetas
impermeables", "レインジャケット"; read through :mod:`shop_assistant.search.categories`)
are nearest to what the message names. A name that stands in the message names its
category at once («러닝화를 찾고 있어요» holds "러닝화"); otherwise the message's pieces
(the need, its words and pairs of words, the runs of unspaced scripts) are compared with
the names in the active space's multilingual encoder. Categories within :data:`MARGIN`
of the best are all returned, best first: the guide lets the search results decide
between close ones ("coffee maker for the kitchen": coffee makers or cookware).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connections

from ..cards import title_in
from ..conf import app_settings
from ..core.scripts import is_han, is_hangul, is_unspaced
from ..embeddings import cached_query_embeddings
from ..indexing.spaces import active_space
from ..models import CatalogEntry
from ..qa.crosslingual import without_particle
from ..qa.text import normalize
from ..search.categories import names_of
from .understand import words_of

#: Similarity of a piece of the message to a category name for the category to count,
#: and how close to the best another category must be to stay a candidate (USE).
MATCH_SIMILARITY = 0.55
MARGIN = 0.1
#: The bar for a word of three letters or fewer: the encoder places such words near
#: unrelated names ("zus", a sister in Dutch, at 0.57 from "T-shirts").
SHORT_WORD_SIMILARITY = 0.7
#: Pieces of a message compared with the names, at most.
MAX_PIECES = 40


@dataclass(frozen=True)
class CategoryMatch:
    slug: str
    score: float  # 1.0 when a name stands in the message
    words: str  # the piece of the message that named it


@dataclass
class _Names:
    slugs: list[str]  # the leaf slug of each name below
    names: list[str]
    languages: list[str]  # the language each name is written in
    vectors: np.ndarray | None = None


_cache: dict[str, tuple[Any, _Names]] = {}


def _load(using: str) -> _Names:
    """The names of every leaf category (read by search on one product of each)."""
    table = CatalogEntry._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT ON (category_path[cardinality(category_path)]) "
            f"category_path[cardinality(category_path)], product_id FROM {table} "
            "WHERE is_published AND cardinality(category_path) > 0 "
            "ORDER BY category_path[cardinality(category_path)], id"
        )
        products = dict(cursor.fetchall())
    found = _Names(slugs=[], names=[], languages=[])
    for slug, names in sorted(names_of(products, using=using).items()):
        for name in names:
            found.slugs.append(slug)
            found.names.append(name.text)
            found.languages.append(name.language)
    return found


def _names(using: str) -> _Names:
    """The leaves' names, read again (and encoded) only when the catalog changed."""
    table = CatalogEntry._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT count(*), max(indexed_at) FROM {table} WHERE is_published")
        signature = cursor.fetchone()
    cached = _cache.get(using)
    if cached is None or cached[0] != signature:
        cached = _cache[using] = (signature, _load(using))
    return cached[1]


def name_of(slug: str, language: str, *, using: str) -> str | None:
    """A name of category ``slug``: in ``language``, else in the shop's default language,
    else any (as a product card chooses its title)."""
    names = _names(using)
    own = {
        lang: name
        for s, name, lang in zip(names.slugs, names.names, names.languages, strict=True)
        if s == slug
    }
    return title_in(own, language)[0] or None


def match_categories(text: str, *, using: str) -> list[CategoryMatch]:
    """The leaf categories ``text`` names, best first (empty when none is near enough)."""
    names = _names(using)
    if not names.names:
        return []
    folded = normalize(text)
    literal: dict[str, CategoryMatch] = {}
    for slug, name in zip(names.slugs, names.names, strict=True):
        written = normalize(name)
        if len(written) >= 2 and slug not in literal and _stands_in(written, folded):
            literal[slug] = CategoryMatch(slug, 1.0, name)
    if literal:
        # The longest name wins ("trail running shoes" over "shoes").
        return sorted(literal.values(), key=lambda m: -len(m.words))
    space = active_space(using)
    pieces = pieces_of(text)
    if space is None or not pieces:
        return []
    encoder = space.get_encoder()
    options = {"cache_alias": app_settings.CACHE, "timeout": app_settings.QUERY_CACHE_TIMEOUT}
    if names.vectors is None:
        names.vectors = cached_query_embeddings(encoder, names.names, **options)
    similarity = cached_query_embeddings(encoder, pieces, **options) @ names.vectors.T
    best: dict[str, CategoryMatch] = {}
    for row, piece in zip(similarity, pieces, strict=True):
        short = len(piece) <= 3 and not any(map(is_unspaced, piece))
        for column in np.argsort(-row)[:5]:
            slug, score = names.slugs[column], float(row[column])
            if short and score < SHORT_WORD_SIMILARITY:
                continue
            if slug not in best or score > best[slug].score:
                best[slug] = CategoryMatch(slug, score, piece)
    ranked = sorted(best.values(), key=lambda m: -m.score)
    if not ranked or ranked[0].score < MATCH_SIMILARITY:
        return []
    return [m for m in ranked if m.score >= ranked[0].score - MARGIN]


def _stands_in(name: str, text: str) -> bool:
    if any(map(is_unspaced, name)):
        return name in text
    return re.search(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", text) is not None


def pieces_of(text: str) -> list[str]:
    """What of ``text`` could name a category: the whole, its words and pairs of words
    (Korean particles cut: "레인재킷을" -> "레인재킷"), Japanese runs between kana
    particles, and two- to four-character pieces of Han runs."""
    words = [without_particle(word) for word in words_of(text)]
    words = [w for w in words if len(w) >= (2 if any(map(is_unspaced, w)) else 3)]
    pieces = [text, *words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))]
    for word in words:
        if not any(map(is_unspaced, word)) or any(map(is_hangul, word)):
            continue
        # Hiragana are particles and endings: "自転車用のレインジャケットを" -> runs.
        runs = [run for run in re.split(r"[\u3040-\u309f]+", word) if len(run) >= 2]
        pieces += runs
        for run in runs:
            if all(map(is_han, run)) and len(run) > 2:
                pieces += [run[i : i + n] for n in (2, 3, 4) for i in range(len(run) - n + 1)]
    return list(dict.fromkeys(p for p in pieces if p.strip()))[:MAX_PIECES]
