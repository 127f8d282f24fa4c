"""Language of a search query or question, and the language to answer in.

:func:`detect` runs lingua-language-detector restricted to the shop's languages and
answers ``None`` when the text does not say which language it is in: product queries
are often one to four words, many of them brand names, model numbers or words shared
by several languages ("usb", "ipad 64", "led"). :func:`negotiate` then picks, in order,
an explicit ``lang``, the detected language, the best ``Accept-Language`` match and
finally ``settings.LANGUAGE_CODE``; the code it returns is always one of the allowed
codes.

Lingua detectors are built lazily, once per set of languages (building one and loading
its models takes 1-2 s and about 250 MB for a dozen languages; models are shared).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from django.conf import global_settings, settings
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from .conf import app_settings
from .core.errors import UnknownLanguage

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "LanguageChoice",
    "LanguageSource",
    "UnknownLanguage",
    "detect",
    "negotiate",
    "normalize_language",
    "parse_accept_language",
    "primary_code",
    "shop_languages",
]

LanguageSource = Literal["given", "detected", "header", "default"]

#: Smallest confidence the best language needs (after the function-word hint below);
#: confidences sum to 1 over the candidate languages, so this matters most with many
#: candidates. Tuned with MIN_RATIO and MIN_LETTERS on the realistic queries of
#: tests/test_language.py and the eval dev queries (see test_eval_dev_queries).
DEFAULT_MIN_CONFIDENCE = 0.35
#: How many times the runner-up's confidence the best language needs: the likelihood
#: ratio of the two, whatever the number of candidates ("iphone 13" between Spanish and
#: Portuguese is 2.3 to 1, "cafetera italiana" among a dozen languages 1.5 to 1).
MIN_RATIO = 1.5
#: Texts with fewer letters than this (not counting words holding digits, such as
#: "64gb" or "s10") are too short to tell apart languages sharing a script ("usb",
#: "ipad 64", "led"); only a decisive script or character (kana, hangul, "ñ", ...)
#: identifies them.
MIN_LETTERS = 7
#: Lingua answers exactly 1.0 when the script or a character rules out every other
#: candidate; anything at least this high counts as such a certainty.
_CERTAIN = 0.999
#: Only this many characters of a text are looked at (detection cost grows with length).
_MAX_CHARS = 1000

#: Closed-class words (articles, prepositions, conjunctions) that the n-gram models of
#: lingua underweight in two- to five-word queries ("barras de cortinas sin taladrar"
#: comes out Portuguese without them). Each occurrence multiplies the confidence of the
#: languages listing it by :data:`_FUNCTION_WORD_BOOST`, so a word shared by all the
#: candidates changes nothing.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the a an and or of for with without in on to from by",
        "es": "el la los las un una unos unas y o a de del con sin para por en al",
        "pt": "o a os as um uma e ou de do da dos das com sem para por em no na nos nas ao",
        "it": "il lo la i gli le un una e o a di del della dei delle con senza per da in nel "
        "nella al alla",
        "fr": "le la les un une des et ou de du avec sans pour par en au aux dans sur",
        "de": "der die das ein eine und oder von mit ohne für im in am zum zur auf aus",
        "nl": "de het een en of van met zonder voor in op aan bij",
        "pl": "i w z ze na do dla bez od po",
    }.items()
}
_FUNCTION_WORD_BOOST = 3.0

_LETTERS = re.compile(r"[^\W\d_]+")
_LANGUAGE_TAG = re.compile(r"^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$")


@dataclass(frozen=True)
class LanguageChoice:
    """The negotiated language and what decided it."""

    code: str
    source: LanguageSource


# --- configuration -------------------------------------------------------------------


def shop_languages() -> tuple[str, ...]:
    """Codes the shop serves, read from the settings on every call.

    ``SHOP_ASSISTANT["LANGUAGES"]`` when set, else the primary codes of
    ``settings.LANGUAGES`` ("pt-br" -> "pt"), deduplicated in their order.
    """
    configured = app_settings.LANGUAGES
    if configured:
        return _unique(_normalize_code(code) for code in configured)
    return _unique(primary_code(_normalize_code(code)) for code, _name in settings.LANGUAGES)


def _allowed(languages: Sequence[str] | None) -> tuple[str, ...]:
    if languages is None:
        allowed = shop_languages()
    else:
        allowed = _unique(_normalize_code(code) for code in languages)
    if not allowed:
        raise ValueError("No languages to choose from.")
    return allowed


def _unique(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for code in codes if code))


def _normalize_code(code: str) -> str:
    return code.strip().lower().replace("_", "-")


def primary_code(code: str) -> str:
    """The primary subtag of a language code, normalized ("pt_BR" -> "pt")."""
    return _normalize_code(code).split("-", 1)[0]


def _match_code(code: str, allowed: Sequence[str]) -> str | None:
    """The allowed code a language tag stands for: itself, its primary code, or the
    first allowed regional code of the same primary language ("pt" -> "pt-br")."""
    code = _normalize_code(code)
    if code in allowed:
        return code
    primary = primary_code(code)
    if primary in allowed:
        return primary
    return next((candidate for candidate in allowed if primary_code(candidate) == primary), None)


def normalize_language(code: str, languages: Sequence[str] | None = None) -> str:
    """The allowed code for an explicitly requested language ("es_ES" -> "es").

    Raises :class:`UnknownLanguage` when the shop does not serve it.
    """
    allowed = _allowed(languages)
    match = _match_code(code, allowed) if _LANGUAGE_TAG.match(_normalize_code(code)) else None
    if match is None:
        raise UnknownLanguage(code, allowed)
    return match


# --- detection -----------------------------------------------------------------------


@functools.lru_cache(maxsize=128)
def _lingua_language(code: str) -> Language | None:
    """Lingua's language for a code's primary subtag, or None if lingua lacks it."""
    primary = primary_code(code)
    return next(
        (lang for lang in Language.all() if lang.iso_code_639_1.name.lower() == primary), None
    )


@functools.lru_cache(maxsize=8)
def _detector(languages: frozenset[Language]) -> LanguageDetector:
    """A lingua detector for these languages, built on first use and then kept.

    Lingua shares loaded models between detectors, so one per set of languages is cheap
    once the models are in memory.
    """
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return builder.with_preloaded_language_models().build()


def _candidates(allowed: Sequence[str]) -> dict[Language, str]:
    """Lingua language -> the first allowed code for it; codes lingua lacks are left out."""
    candidates: dict[Language, str] = {}
    for code in allowed:
        lang = _lingua_language(code)
        if lang is not None:
            candidates.setdefault(lang, code)
    return candidates


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH"))


def _is_kana(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA"))


def _han_is_ambiguous(text: str, candidates: dict[Language, str]) -> bool:
    """Chinese characters without kana do not tell Chinese from Japanese (lingua would
    say Chinese), so they are ambiguous when both are candidates."""
    if not {Language.CHINESE, Language.JAPANESE} <= candidates.keys():
        return False
    return any(_is_han(char) for char in text) and not any(_is_kana(char) for char in text)


def _letter_count(text: str) -> int:
    """Letters in the words of ``text`` that hold no digit ("ipad 64gb" -> 4)."""
    words = (word for word in text.split() if not any(char.isdigit() for char in word))
    return sum(len(run) for word in words for run in _LETTERS.findall(word))


def _lingua_confidences(text: str, candidates: dict[Language, str]) -> dict[str, float]:
    """Lingua's confidence per allowed code, best first (all zero for no letters)."""
    values = _detector(frozenset(candidates)).compute_language_confidence_values(text)
    return {candidates[value.language]: value.value for value in values}


def _with_function_words(text: str, confidences: dict[str, float]) -> dict[str, float]:
    """``confidences`` boosted by the closed-class words of ``text``, summing to 1 again."""
    scores = dict(confidences)
    for word in _LETTERS.findall(text.lower()):
        for code in scores:
            if word in _FUNCTION_WORDS.get(primary_code(code), ()):
                scores[code] *= _FUNCTION_WORD_BOOST
    total = sum(scores.values())
    return {code: score / total for code, score in scores.items()} if total else scores


def _confident_best(scores: dict[str, float], min_confidence: float) -> str | None:
    """The best-scoring code, unless it is below ``min_confidence`` or close to the next."""
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked:
        return None
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score <= 0 or best_score < min_confidence or best_score < MIN_RATIO * runner_up:
        return None
    return best


def detect(
    text: str,
    languages: Sequence[str] | None = None,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> str | None:
    """The language of ``text`` among ``languages`` (default :func:`shop_languages`).

    ``None`` when the text is too short or ambiguous: it has fewer than
    :data:`MIN_LETTERS` letters, or the best language's confidence is below
    ``min_confidence`` or less than :data:`MIN_RATIO` times the runner-up's, unless
    the script or a character settles it (kana, hangul, Cyrillic with a single Cyrillic
    candidate, a letter like "ñ" that only one candidate uses). Chinese characters without kana
    give ``None`` when both Chinese and Japanese are allowed. Needs at least two
    candidate languages that lingua knows; other codes are ignored.
    """
    candidates = _candidates(_allowed(languages))
    text = text[:_MAX_CHARS]
    if len(candidates) < 2 or not _LETTERS.search(text):
        return None
    if _han_is_ambiguous(text, candidates):
        return None
    confidences = _lingua_confidences(text, candidates)
    best = max(confidences, key=confidences.__getitem__)
    if confidences[best] >= _CERTAIN:
        return best
    if _letter_count(text) < MIN_LETTERS:
        return None
    return _confident_best(_with_function_words(text, confidences), min_confidence)


# --- negotiation ---------------------------------------------------------------------


def _accept_language_entries(header: str) -> list[tuple[str, float]]:
    """(tag, q) of each well-formed part of an Accept-Language header, in order."""
    entries = []
    for part in header.split(","):
        tag, *params = (piece.strip() for piece in part.split(";"))
        tag = _normalize_code(tag)
        if tag != "*" and not _LANGUAGE_TAG.match(tag):
            continue
        quality = _quality(params)
        if quality is not None:
            entries.append((tag, quality))
    return entries


def _quality(params: Sequence[str]) -> float | None:
    """The q of a header part's parameters: 1.0 when absent, None when malformed."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() != "q":
            continue
        try:
            quality = float(value.strip())
        except ValueError:
            return None
        return quality if 0.0 <= quality <= 1.0 else None
    return 1.0


def parse_accept_language(header: str, languages: Sequence[str]) -> str | None:
    """The allowed code the client prefers most by q-value, ties going to the earlier.

    ``"es-ES,es;q=0.9,en;q=0.8"`` -> ``"es"``. A range with q=0 rules a language out,
    ``"*"`` stands for the first allowed code not ruled out, malformed parts are skipped.
    """
    allowed = _unique(_normalize_code(code) for code in languages)
    entries = _accept_language_entries(header)
    refused = {
        code
        for tag, quality in entries
        if quality == 0 and tag != "*"
        for code in allowed
        if tag in (code, primary_code(code))
    }
    ranked = sorted((entry for entry in entries if entry[1] > 0), key=lambda e: -e[1])
    for tag, _quality_value in ranked:
        if tag == "*":
            match = next((code for code in allowed if code not in refused), None)
        else:
            match = _match_code(tag, allowed)
        if match is not None and match not in refused:
            return match
    return None


def _default_language(allowed: Sequence[str]) -> str:
    code = settings.LANGUAGE_CODE if settings.configured else global_settings.LANGUAGE_CODE
    return _match_code(code, allowed) or allowed[0]


def negotiate(
    text: str,
    *,
    lang: str | None = None,
    accept_language: str | None = None,
    languages: Sequence[str] | None = None,
) -> LanguageChoice:
    """The language to use for ``text``: explicit ``lang`` > detected > header > default.

    A blank ``lang`` counts as not given; one the shop does not serve raises
    :class:`UnknownLanguage`. The default is ``settings.LANGUAGE_CODE`` when allowed,
    else the first allowed code.
    """
    allowed = _allowed(languages)
    if lang is not None and lang.strip():
        return LanguageChoice(normalize_language(lang, allowed), "given")
    detected = detect(text, allowed)
    if detected is not None:
        return LanguageChoice(detected, "detected")
    if accept_language:
        preferred = parse_accept_language(accept_language, allowed)
        if preferred is not None:
            return LanguageChoice(preferred, "header")
    return LanguageChoice(_default_language(allowed), "default")


# --- full-text search ----------------------------------------------------------------

#: PostgreSQL text-search configurations per language; anything else uses "simple".
TS_CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}


def ts_config(language: str) -> str:
    """The PostgreSQL text-search configuration that stems ``language``."""
    return TS_CONFIGS.get(primary_code(language), "simple")


@functools.lru_cache(maxsize=4096)
def query_key(text: str, language: str) -> str:
    """``text`` as search matches it in ``language``: case and accents dropped, words
    stemmed by PostgreSQL's text-search configuration of the language (plurals and
    inflections fold together), stop words dropped ("Tents" and "tent" give "tent").
    Texts that stem to nothing keep their case-folded words. Cached per process."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_string(tsvector_to_array(to_tsvector(%s::regconfig, "
            "unaccent(%s))), ' ')",
            [ts_config(language), text],
        )
        stemmed = cursor.fetchone()[0]
    return stemmed or " ".join(text.casefold().split())
