"""Attribute questions, recognised from the catalog's own attributes.

An :class:`Intent` names the structured fields that answer a question. Nothing here knows
a shop's catalog: the attributes are the keys the catalog entries in scope actually have,
named by the adapter's labels (:meth:`~shop_assistant.catalog.ProductAdapter.get_attribute_labels`).
A question asks about an attribute when

1. it contains a generic cue (:mod:`.cues`: price, stock, brand, colour, size, material,
   weight, dimensions), resolved to the catalog keys of that concept; or
2. it contains one of the shop's cue words (``SHOP_ASSISTANT["QA_CUES"]``), the key itself
   ("battery" for ``battery_life_h``) or one of the key's labels in any language; or else
3. its vector is close to one of the labels' vectors (the multilingual encoder carries a
   label written in one language to a question in another): the best label scoring at
   least :data:`LABEL_MATCH_THRESHOLD`, ahead of the next attribute by
   :data:`LABEL_MATCH_MARGIN`. Label vectors are cached per encoder and text.

Cues are matched on the normalized question (:func:`~shop_assistant.qa.text.normalize`) as
word starts (short ones as whole words), in CJK, Thai and Arabic as substrings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from ..conf import app_settings
from ..embeddings import cached_query_embeddings
from .cues import FACET_FIELDS, GENERIC, Concept
from .text import normalize

#: Smallest cosine similarity between a question and an attribute label that makes the
#: question about that attribute (USE multilingual v3: a question about a label scores
#: 0.27-0.56 against it, unrelated ones at most 0.22; see tests/test_intents.py).
LABEL_MATCH_THRESHOLD = 0.26
#: The best attribute must beat the second best by this much.
LABEL_MATCH_MARGIN = 0.05
#: Unit suffixes left out of a key's own cue ("cable_length_m" -> "cable length").
_UNIT_TOKENS = frozenset(
    {
        "h", "min", "s", "mm", "cm", "m", "km", "g", "kg", "gsm", "l", "ml", "cl", "db", "w",
        "kw", "v", "mah", "gb", "tb", "mb", "in", "inch", "atm", "bar", "pa", "psi", "days",
        "hours", "cups", "pcs",
    }
)
_SUBSTRING_SCRIPTS = ((0x0600, 0x06FF), (0x0E00, 0x0E7F), (0x2E80, 0x10FFFF))


@dataclass(frozen=True)
class Intent:
    """A detected attribute question."""

    name: str  # a generic concept ("price", "weight") or an attribute key
    fields: tuple[str, ...]  # attribute keys or facets, the first one present answers
    position: int = 0  # where the cue starts in the normalized question
    values: tuple[str, ...] = field(default=())  # attribute values the question mentions
    via: str = "cue"  # "cue", "label" (lexical) or "vector"


@dataclass(frozen=True)
class AttributeVocabulary:
    """The attributes a question may ask about, with their labels and the shop's cues."""

    keys: tuple[str, ...]
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    cues: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        keys: Iterable[str],
        labels: Mapping[str, Mapping[str, str]] | None = None,
        cues: Mapping[str, Sequence[str]] | None = None,
    ) -> AttributeVocabulary:
        """The keys in scope (sorted), the shop's labels and cues (``QA_CUES`` by default)."""
        return cls(
            tuple(sorted({str(k) for k in keys})),
            dict(labels or {}),
            dict(app_settings.QA_CUES if cues is None else cues),
        )

    def label_texts(self, key: str, language: str | None = None) -> list[str]:
        """Every name of ``key``: the key as words and its labels (in ``language`` only,
        or in every language for None)."""
        own = self.labels.get(key) or {}
        names = [key_phrase(key)]
        names += [text for code, text in own.items() if text and language in (None, code)]
        return list(dict.fromkeys(n for n in names if n.strip()))

    def concept_fields(self, concept: Concept) -> tuple[str, ...]:
        """The facets and catalog keys that answer a generic concept."""
        english = {k: normalize((self.labels.get(k) or {}).get("en", "")) for k in self.keys}
        keys = [
            k
            for k in self.keys
            if k not in FACET_FIELDS
            and any(stem in k.lower() or stem in english[k] for stem in concept.stems)
        ]
        return concept.facets + tuple(keys)


def key_phrase(key: str) -> str:
    """An attribute key as words without its unit suffix: "cable_length_m" -> "cable length"."""
    tokens = [t for t in re.split(r"[_\-\s]+", key.lower()) if t]
    while len(tokens) > 1 and tokens[-1] in _UNIT_TOKENS:
        tokens.pop()
    return " ".join(tokens)


def _label_core(text: str) -> str:
    """A label without its unit in brackets: "Weight (kg)" -> "weight"."""
    return re.sub(r"[(（\[].*?[)）\]]", " ", text).strip()


def _substring_script(text: str) -> bool:
    return any(low <= ord(c) <= high for c in text for low, high in _SUBSTRING_SCRIPTS)


def _cue_pattern(word: str) -> str:
    word = normalize(word) if word.strip() else word
    if _substring_script(word):
        return re.escape(word)
    whole = word.endswith("=")  # a whole word (see shop_assistant.qa.cues)
    word = word.rstrip("=")
    if len(word) <= 4 or whole:  # short cues ("cost", "caro") as whole words (or plurals)
        return r"(?<!\w)" + re.escape(word) + r"(?:s|es|n|en|e)?(?!\w)"
    return r"(?<!\w)" + re.escape(word)


@lru_cache(maxsize=4096)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [_cue_pattern(w) for w in words if w and w.strip()]
    return re.compile("|".join(parts)) if parts else None


def _first(words: Iterable[str], text: str) -> int | None:
    pattern = _pattern(tuple(words))
    match = pattern.search(text) if pattern is not None else None
    return match.start() if match else None


def detect_intents(
    question: str,
    vocabulary: AttributeVocabulary | None = None,
    *,
    language: str | None = None,
    encoder: Any = None,
    question_vector: np.ndarray | None = None,
) -> list[Intent]:
    """Every attribute intent the question mentions, in the order of their cues.

    Without a ``vocabulary`` only the generic concepts are detected (their fields are
    then the facets and the concept's name). Labels are matched as words in the asker's
    ``language`` only ("lamp", Dutch for a bulb, is not the French "lampe"); with an
    ``encoder`` and the question's vector, a question no cue matches is matched to the
    labels of every language by meaning (:func:`confirmed` then checks the evidence).
    """
    vocabulary = vocabulary or AttributeVocabulary((), {}, {})
    text = normalize(question) + " "
    found: dict[str, Intent] = {}
    for concept in GENERIC:  # the library's words plus the shop's for the concept
        position = _first((*concept.words, *vocabulary.cues.get(concept.name, ())), text)
        if position is None:
            continue
        if vocabulary.keys:
            fields = vocabulary.concept_fields(concept)
        else:
            fields = concept.facets or (concept.name,)
        if fields:
            found[concept.name] = Intent(concept.name, fields, position)
    covered = {f for intent in found.values() for f in intent.fields}
    for key in vocabulary.keys:
        if key in covered or key in FACET_FIELDS:
            continue
        names = vocabulary.label_texts(key, language)
        words = [*vocabulary.cues.get(key, ()), *map(_label_core, names)]
        position = _first(words, text)
        if position is not None:
            found[key] = Intent(key, (key,), position, via="label")
    if not found and encoder is not None and question_vector is not None:
        matched = match_label(vocabulary, encoder, question_vector)
        if matched is not None:
            found[matched] = Intent(matched, (matched,), 0, via="vector")
    return sorted(found.values(), key=lambda intent: intent.position)


#: A label matched by meaning counts only when the attribute's fact is among this many
#: best-ranked evidence items (else a description sentence or FAQ answers it better).
VECTOR_MATCH_TOP = 3


def confirmed(
    intents: list[Intent], ranked: Sequence[Any], sentence: Any = None
) -> list[Intent]:
    """``intents`` without those matched by meaning whose attribute the evidence ranking
    (best first, :class:`~shop_assistant.qa.types.Evidence`) does not put near the top, or
    when a sentence of the product's texts matches the question word by word ("Does it
    have a rain cover?" is about the cover the description mentions, not water resistance)."""
    top = {e.field for e in ranked[:VECTOR_MATCH_TOP] if e.kind == "attribute"}
    return [
        i
        for i in intents
        if i.via != "vector" or (sentence is None and top.intersection(i.fields))
    ]


def match_label(
    vocabulary: AttributeVocabulary, encoder: Any, question_vector: np.ndarray
) -> str | None:
    """The attribute whose label is nearest the question by meaning, if near enough."""
    keys = [k for k in vocabulary.keys if k not in FACET_FIELDS]
    if not keys:
        return None
    owners: list[str] = []
    texts: list[str] = []
    for key in keys:
        for name in vocabulary.label_texts(key):
            owners.append(key)
            texts.append(name)
    vectors = label_vectors(encoder, texts)
    similarities = vectors @ np.asarray(question_vector, dtype=np.float32)
    best: dict[str, float] = {}
    for key, similarity in zip(owners, similarities, strict=True):
        best[key] = max(best.get(key, -1.0), float(similarity))
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    top_key, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else -1.0
    if top >= LABEL_MATCH_THRESHOLD and top - runner_up >= LABEL_MATCH_MARGIN:
        return top_key
    return None


def label_vectors(encoder: Any, texts: Sequence[str]) -> np.ndarray:
    """Vectors of attribute labels, encoded once per encoder and text (query-embedding
    cache, ``SHOP_ASSISTANT["CACHE"]``)."""
    return cached_query_embeddings(
        encoder,
        list(texts),
        cache_alias=app_settings.CACHE,
        timeout=app_settings.QUERY_CACHE_TIMEOUT,
    )


def mentions(question: str, phrases: Iterable[str]) -> list[str]:
    """The phrases (e.g. localized color names) that occur as words in ``question``."""
    text = normalize(question)
    hits = []
    for phrase in phrases:
        norm = normalize(phrase)
        if not norm:
            continue
        if _substring_script(norm):
            if norm in text:
                hits.append(phrase)
        elif re.search(r"(?<!\w)" + re.escape(norm) + r"(?!\w)", text):
            hits.append(phrase)
    return hits
