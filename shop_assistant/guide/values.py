"""Attribute values of the shop's own catalog, recognised in a message in any language.

"¿y en rojo?" asks for ``color = red`` in a shop whose products say "red": the words of
the message are compared with the catalog's attribute values (and their labels from
the adapter) in the active space's multilingual encoder; in unspaced scripts a label
that stands in the message names its value at once. Only categorical attributes
count (a few to 60 distinct short values); a value shorter than three characters (a
size such as "M", an energy class "A") is never matched: alone, such a word is more
often an article or a pronoun ("a", "I'm", «a w kolorze»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connections

from ..catalog import get_adapter
from ..conf import app_settings
from ..core.scripts import is_han, is_hangul, is_unspaced
from ..embeddings import cached_query_embeddings
from ..indexing.spaces import active_space
from ..models import CatalogEntry
from ..qa.text import normalize
from .understand import FILLER, words_of

#: Similarity of a message's words to a value for the value to count, and the lead it
#: needs over the best other value of the same attribute.
MATCH_SIMILARITY = 0.75
MATCH_MARGIN = 0.1
#: The same for a piece of an unspaced word ("赤" of "赤はありますか").
PIECE_SIMILARITY = 0.85
#: Attributes with more distinct values than this are not categorical (ids, models).
MAX_VALUES_PER_KEY = 60
_BOOLEAN = {"yes", "no", "true", "false", "0", "1"}


@dataclass(frozen=True)
class ValueMatch:
    key: str
    value: str
    words: str  # the words of the message that named it


@dataclass
class _Vocabulary:
    pairs: list[tuple[str, str]]  # (key, value) of each text below
    texts: list[str]
    vectors: np.ndarray | None = None


def _load(using: str) -> _Vocabulary:
    table = CatalogEntry._meta.db_table
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT a.key, a.value FROM {table} c, jsonb_each_text(c.attributes) a "
            "WHERE c.is_published AND length(a.value) <= 40 GROUP BY 1, 2"
        )
        rows = cursor.fetchall()
    per_key: dict[str, list[str]] = {}
    for key, value in rows:
        if value.strip().casefold() in _BOOLEAN or _is_number(value):
            continue
        per_key.setdefault(key, []).append(value)
    labels = get_adapter().get_value_labels()
    vocabulary = _Vocabulary(pairs=[], texts=[])
    for key, values in per_key.items():
        if not 2 <= len(values) <= MAX_VALUES_PER_KEY:
            continue
        for value in values:
            names = {value, *labels.get(key, {}).get(value, {}).values()}
            for name in names:
                vocabulary.pairs.append((key, value))
                vocabulary.texts.append(name)
    return vocabulary


def _is_number(value: str) -> bool:
    return re.fullmatch(r"[\d\s.,:/x×-]+\w{0,3}", value.strip()) is not None


_vocabularies: dict[str, tuple[Any, _Vocabulary]] = {}


def _vocabulary(using: str) -> _Vocabulary:
    """The catalog's values, read again (and encoded) only when the catalog changed."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), max(indexed_at) FROM {CatalogEntry._meta.db_table} "
            "WHERE is_published"
        )
        signature = cursor.fetchone()
    cached = _vocabularies.get(using)
    if cached is None or cached[0] != signature:
        cached = _vocabularies[using] = (signature, _load(using))
    return cached[1]


def match_values(text: str, *, language: str = "", using: str) -> list[ValueMatch]:
    """Attribute values named in ``text`` (in ``language``), at most one per attribute.

    A value is named when one of its names (the value or a label) stands in the text
    ("赤はありますか" holds the label 赤 of ``red``, «¿y en gris?» the label "gris" of
    ``grey``); otherwise the text's words are compared with the names in the encoder,
    across languages.
    """
    vocabulary = _vocabulary(using)
    space = active_space(using)
    if not vocabulary.texts or space is None:
        return []
    found: dict[str, ValueMatch] = {}
    folded = text.casefold()
    # A name as written in the text names its value at once, the longest first ("gris
    # sidéral" before "gris"): in unspaced scripts anywhere, elsewhere as whole words of
    # three letters or more.
    for i in sorted(range(len(vocabulary.texts)), key=lambda i: -len(vocabulary.texts[i])):
        key, value = vocabulary.pairs[i]
        name = vocabulary.texts[i].casefold().strip()
        if key in found:
            continue
        if any(map(is_unspaced, name)):
            if name in folded:
                found[key] = ValueMatch(key, value, vocabulary.texts[i])
                folded = folded.replace(name, " ")
        elif len(name) >= 3:
            pattern = rf"(?<![^\W_]){re.escape(name)}(?![^\W_])"
            if re.search(pattern, folded):
                found[key] = ValueMatch(key, value, vocabulary.texts[i])
                folded = re.sub(pattern, " ", folded)
    spaced = _words(folded)
    words = spaced + _pieces(folded)
    if not words:
        return list(found.values())
    encoder = space.get_encoder()
    options = {"cache_alias": app_settings.CACHE, "timeout": app_settings.QUERY_CACHE_TIMEOUT}
    if vocabulary.vectors is None:
        vocabulary.vectors = cached_query_embeddings(encoder, vocabulary.texts, **options)
    similarity = cached_query_embeddings(encoder, words, **options) @ vocabulary.vectors.T
    short = np.array([len(t.strip()) < 3 or any(map(is_unspaced, t)) for t in vocabulary.texts])
    similarity[:, short] = -1.0
    for row, word in zip(similarity, words, strict=True):
        best = int(np.argmax(row))
        key, value = vocabulary.pairs[best]
        # A piece cut out of an unspaced word must be a near-certain match.
        bar = MATCH_SIMILARITY if word in spaced else PIECE_SIMILARITY
        if row[best] < bar or key in found:
            continue
        own = [
            t.casefold()
            for p, t in zip(vocabulary.pairs, vocabulary.texts, strict=True)
            if p == (key, value)
        ]
        others = [
            row[i]
            for i, (k, v) in enumerate(vocabulary.pairs)
            if k == key and v != value and not _narrower(vocabulary.texts[i], own)
        ]
        if others and row[best] - max(others) < MATCH_MARGIN:
            continue
        found[key] = ValueMatch(key, value, word)
    return list(found.values())


def _narrower(name: str, names: list[str]) -> bool:
    """Whether ``name`` holds one of ``names`` ("space grey" holds "grey", "Spacegrau"
    "grau"): a narrower value, which does not make a match of the broader one ambiguous."""
    folded = name.casefold()
    return any(len(other) >= 3 and other in folded and other != folded for other in names)


def _pieces(text: str) -> list[str]:
    """Pieces of the unspaced words of ``text`` that could be a value's name in a shop
    without labels in that script: one and two characters ("赤はありますか" -> "赤"),
    the beginnings of Hangul words (particles follow: "빨간색은" -> "빨간색")."""
    pieces: list[str] = []
    for word in words_of(text):
        if not any(map(is_unspaced, word)):
            continue
        if any(map(is_hangul, word)):
            pieces += [word[:end] for end in range(len(word) - 1, 1, -1)]
        else:
            pieces += [word[i : i + n] for n in (2, 1) for i in range(len(word) - n + 1)]
    # Kana alone are syllables, not words ("は", "あり"): only pieces with a Han character.
    pieces = [p for p in pieces if any(map(is_han, p)) or any(map(is_hangul, p))]
    return list(dict.fromkeys(pieces))[:30]


def _words(text: str) -> list[str]:
    """The words of spaced scripts in ``text`` that could name a value, and pairs of
    adjacent ones (at most 30): fillers ("and", "in") and digits left out, the words kept
    as written (accents tell the encoder "grün" from "grun"); "weiß" stays although it is
    also one of German's most frequent words."""
    words = [
        word
        for word in words_of(text)
        if len(word) >= 2
        and not word.isdigit()
        and not any(map(is_unspaced, word))
        and not FILLER.fullmatch(normalize(word))
    ]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return list(dict.fromkeys(words + pairs))[:30]
