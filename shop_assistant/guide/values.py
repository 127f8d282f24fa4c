"""Attribute values of the shop's own catalog, recognised in a message in any language.

"¿y en rojo?" asks for ``color = red`` in a shop whose products say "red": the words of
the message are compared with the catalog's attribute values (and their labels from
the adapter) in the active space's multilingual encoder. Only categorical attributes
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
from ..embeddings import cached_query_embeddings
from ..indexing.spaces import active_space
from ..models import CatalogEntry
from ..qa.text import normalize
from .understand import FILLER, is_content, is_unspaced

#: Similarity of a message's words to a value for the value to count, and the lead it
#: needs over the best other value of the same attribute.
MATCH_SIMILARITY = 0.75
MATCH_MARGIN = 0.1
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
    """Attribute values named in ``text`` (in ``language``), at most one per attribute."""
    vocabulary = _vocabulary(using)
    space = active_space(using)
    if not vocabulary.texts or space is None:
        return []
    encoder = space.get_encoder()
    options = {"cache_alias": app_settings.CACHE, "timeout": app_settings.QUERY_CACHE_TIMEOUT}
    if vocabulary.vectors is None:
        vocabulary.vectors = cached_query_embeddings(encoder, vocabulary.texts, **options)
    found: dict[str, ValueMatch] = {}
    long_words = [
        phrase
        for phrase in _phrases(text, language)
        if len(phrase) >= 2 or any(is_unspaced(char) for char in phrase)
    ]
    if not long_words:
        return []
    similarity = cached_query_embeddings(encoder, long_words, **options) @ vocabulary.vectors.T
    short = np.array([len(t.strip()) < 3 for t in vocabulary.texts])
    similarity[:, short] = -1.0
    for row, phrase in zip(similarity, long_words, strict=True):
        best = int(np.argmax(row))
        key, value = vocabulary.pairs[best]
        if row[best] < MATCH_SIMILARITY or key in found:
            continue
        others = [
            row[i] for i, (k, v) in enumerate(vocabulary.pairs) if k == key and v != value
        ]
        if others and row[best] - max(others) < MATCH_MARGIN:
            continue
        found[key] = ValueMatch(key, value, phrase)
    return list(found.values())


def _phrases(text: str, language: str = "") -> list[str]:
    """The pieces of ``text`` that could name a value (at most 30): its words
    that name something (fillers and a language's most frequent words left out), pairs of
    adjacent ones, and in unspaced scripts the one- and two-character pieces of a word
    ("赤はありますか" -> "赤", "赤は", ...; Korean: its beginnings, "빨간색은" -> "빨간색")."""
    words = [  # as written (accents tell the encoder "grün" from "grun"), case folded
        word
        for word in re.sub(r"[^\w]+", " ", text.casefold()).split()
        if not FILLER.fullmatch(normalize(word))
        and (is_content(normalize(word), language) or (len(word) == 1 and is_unspaced(word)))
    ]
    phrases = list(words)
    phrases += [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for word in words:
        if len(word) < 2 or not any(is_unspaced(char) for char in word):
            continue
        if any(0xAC00 <= ord(char) <= 0xD7AF for char in word):  # Hangul: particles follow
            phrases += [word[:end] for end in range(len(word) - 1, 1, -1)]
        else:
            phrases += [word[i : i + n] for n in (2, 1) for i in range(len(word) - n + 1)]
    return list(dict.fromkeys(phrases))[:30]
