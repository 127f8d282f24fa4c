"""Language of a search query or question, and the language to answer in.

:func:`detect` tells the language of texts as short as one to five words ("¿Es vegano?",
"rote Laufschuhe", "防水吗？") among the shop's languages, in three steps:

1. **Script.** Letters of a script only one served language writes decide at once:
   Arabic, Thai, Hangul, kana (Japanese), Cyrillic with a single Cyrillic language
   served. Chinese characters without kana are Chinese when Chinese is served, unless
   they hold a form only Japanese writes (気, 鉄, 駅: in JIS X 0208 but neither in GB 2312
   nor Big5); then Japanese. Latin letters in a text of another script are taken as
   brand names or units ("iphone ケース", "M 사이즈").
2. **Lingua** (lingua-language-detector), restricted to the served languages of that
   script, gives each one a confidence from character n-grams.
3. **Words.** Each word's frequency in each candidate language (the ``wordfreq`` word
   lists) and closed-class words (articles, prepositions, pronouns, question words)
   sharpen that confidence; an optional *prior* (the shares of the shop's product
   languages, :func:`catalog_prior`) leans towards the catalog's languages when the
   text leaves a near tie.

It answers ``None`` when the text does not say which language it is in: product queries
are often brand names, model numbers or words shared by several languages ("usb",
"ipad 64", "led"). :func:`negotiate` then picks, in order, an explicit ``lang``, the
detected language, the best ``Accept-Language`` match and finally
``settings.LANGUAGE_CODE``; the code it returns is always one of the allowed codes.

Lingua detectors are built lazily, once per set of languages (building one and loading
its models takes 1-2 s and about 250 MB for a dozen languages; models are shared); word
lists are loaded on first use (a few MB per language).
"""

from __future__ import annotations

import functools
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import wordfreq
from django.conf import global_settings, settings
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from .conf import app_settings
from .core.errors import UnknownLanguage

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "LanguageChoice",
    "LanguageSource",
    "UnknownLanguage",
    "catalog_prior",
    "detect",
    "negotiate",
    "normalize_language",
    "parse_accept_language",
    "primary_code",
    "shop_languages",
    "written_unspaced",
]

LanguageSource = Literal["given", "detected", "header", "default"]

#: Smallest confidence the best language needs (after the word evidence below);
#: confidences sum to 1 over the candidate languages, so this matters most with many
#: candidates. Tuned with MIN_RATIO and MIN_LETTERS on the realistic queries of
#: tests/test_language.py, the eval dev queries (see test_eval_dev_queries) and the short
#: texts of tests/data/short_texts.jsonl.
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

#: Closed-class words (articles, prepositions, conjunctions, pronouns, copulas, question
#: words) that the n-gram models of lingua underweight in two- to five-word texts
#: ("barras de cortinas sin taladrar" comes out Portuguese without them, "Is it
#: waterproof?" Dutch). Each occurrence multiplies the confidence of the languages
#: listing it by :data:`_FUNCTION_WORD_BOOST`, so a word shared by all the candidates
#: changes nothing.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the a an and or of for with without in on to from by is are it this that does "
        "do can how what which when where not",
        "es": "el la los las un una unos unas y o a de del con sin para por en al es está son "
        "hay qué cuánto cuánta cuántos cuántas cuándo cómo cuál se lo",
        "pt": "o a os as um uma e ou de do da dos das com sem para por em no na nos nas ao é "
        "está são qual quais quanto quanta quantos quando como não",
        "it": "il lo la i gli le un una e o a di del della dei delle con senza per da in nel "
        "nella al alla è sono ci che quanto quanti quando come si non",
        "fr": "le la les un une des et ou de du avec sans pour par en au aux dans sur est sont "
        "il elle ce quel quelle quels quelles combien quand comment ne pas",
        "de": "der die das ein eine und oder von mit ohne für im in am zum zur auf aus ist "
        "sind es er sie wie was welche welcher welches wann gibt nicht kein keine",
        "nl": "de het een en of van met zonder voor in op aan bij is zijn er hoe wat welke "
        "wanneer waar dit deze die niet geen",
        "pl": "i w z ze na do dla bez od po czy jest są jaki jaka jakie ile kiedy nie się",
        "tr": "ve ile için mi mı mu mü var yok bu bir ne kaç",
    }.items()
}
_FUNCTION_WORD_BOOST = 3.0

#: Smoothing of the word evidence: a word contributes, per candidate language,
#: ``_WORD_SMOOTHING + its share of the word's frequency over the candidates``. A word
#: of one language only ("cuffie") then weighs 11 to 1 for it among nine candidates, one
#: used alike everywhere ("iphone", "bluetooth") next to nothing.
_WORD_SMOOTHING = 0.2
#: Only this many words of a text carry word evidence (long texts need none).
_MAX_WORDS = 12
#: Frequency of a word missing from a language's word list, which stops at 1e-6.
_UNLISTED_FREQUENCY = 0.5e-6
#: A prior share of 1 (a one-language catalog) at most doubles a language's confidence.
_PRIOR_WEIGHT = 1.0

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


@functools.lru_cache(maxsize=32)
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


# Scripts, by the first word of a letter's Unicode name, and the languages writing them.
_KANA = "KANA"
_HAN = "HAN"
_LATIN = "LATIN"
_SCRIPT_NAMES = {
    "HIRAGANA": _KANA,
    "KATAKANA": _KANA,
    "KATAKANA-HIRAGANA": _KANA,
    "CJK": _HAN,
    "HALFWIDTH": "HALFWIDTH",  # half-width katakana or hangul: told apart below
    "FULLWIDTH": _LATIN,
}


@functools.cache
def _script_languages() -> dict[str, frozenset[Language]]:
    """Languages lingua knows per script; those not listed are written in Latin letters."""
    return {
        "ARABIC": frozenset(Language.all_with_arabic_script()),
        "CYRILLIC": frozenset(Language.all_with_cyrillic_script()),
        "DEVANAGARI": frozenset(Language.all_with_devanagari_script()),
        _LATIN: frozenset(Language.all_with_latin_script()),
        "THAI": frozenset({Language.THAI}),
        "HANGUL": frozenset({Language.KOREAN}),
        _KANA: frozenset({Language.JAPANESE}),
        _HAN: frozenset({Language.CHINESE, Language.JAPANESE}),
        "GREEK": frozenset({Language.GREEK}),
        "HEBREW": frozenset({Language.HEBREW}),
        "ARMENIAN": frozenset({Language.ARMENIAN}),
        "GEORGIAN": frozenset({Language.GEORGIAN}),
        "BENGALI": frozenset({Language.BENGALI}),
        "GUJARATI": frozenset({Language.GUJARATI}),
        "GURMUKHI": frozenset({Language.PUNJABI}),
        "TAMIL": frozenset({Language.TAMIL}),
        "TELUGU": frozenset({Language.TELUGU}),
    }


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    script = _SCRIPT_NAMES.get(first, first)
    if script == "HALFWIDTH":
        return "HANGUL" if "HANGUL" in name else _KANA
    return script


def _scripts(text: str) -> Counter[str]:
    """Letters per script, for the scripts of :func:`_script_languages` (letter-like
    signs such as "º" or "µ" do not count)."""
    known = _script_languages()
    return Counter(script for char in text if char.isalpha() and (script := _script(char)) in known)


#: Scripts whose words are not set apart by spaces: Han, kana and Thai; Hangul too, whose
#: particles and endings attach to the noun ("텐트를").
_UNSPACED_SCRIPTS = frozenset({_HAN, _KANA, "HANGUL", "THAI"})


def written_unspaced(text: str) -> bool:
    """Whether every letter of ``text`` (at least one) is of a script written without
    spaces between words, so a word of it is found inside a longer run of letters."""
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(_script(char) in _UNSPACED_SCRIPTS for char in letters)


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _japanese_form(char: str) -> bool:
    """A kanji only Japanese writes (気, 鉄, 駅): in JIS X 0208, in neither GB 2312
    (simplified Chinese) nor Big5 (traditional Chinese)."""
    return (
        _encodable(char, "shift_jis")
        and not _encodable(char, "gb2312")
        and not _encodable(char, "big5")
    )


def _han_language(text: str, candidates: dict[Language, str]) -> Language | None:
    """Chinese characters without kana: Chinese when it is a candidate, unless a
    character has a form only Japanese writes; Japanese when it is the only one left."""
    chinese, japanese = Language.CHINESE in candidates, Language.JAPANESE in candidates
    if japanese and (not chinese or any(_japanese_form(char) for char in text)):
        return Language.JAPANESE
    return Language.CHINESE if chinese else None


def _script_candidates(text: str, candidates: dict[Language, str]) -> dict[Language, str]:
    """The candidates that write the text's script.

    Letters of any other script than Latin decide the script (Latin words in such a text
    are brand names and units); kana make Chinese characters Japanese.
    """
    counts = _scripts(text)
    if not counts:  # letters of no script lingua knows
        return {}
    if _KANA in counts:
        script = _KANA
    elif _HAN in counts:
        han = _han_language(text, candidates)
        return {han: candidates[han]} if han is not None else {}
    else:
        others = [(n, script) for script, n in counts.items() if script != _LATIN]
        script = max(others)[1] if others else _LATIN
    languages = _script_languages()[script]
    if script == _LATIN:  # lingua's Latin list leaves out a few; anything unlisted counts
        listed = frozenset().union(*_script_languages().values()) - languages
        return {lang: code for lang, code in candidates.items() if lang not in listed}
    return {lang: code for lang, code in candidates.items() if lang in languages}


def _letter_count(text: str) -> int:
    """Letters in the words of ``text`` that hold no digit ("ipad 64gb" -> 4)."""
    words = (word for word in text.split() if not any(char.isdigit() for char in word))
    return sum(len(run) for word in words for run in _LETTERS.findall(word))


def _lingua_confidences(text: str, candidates: dict[Language, str]) -> dict[str, float]:
    """Lingua's confidence per allowed code, best first (all zero for no letters)."""
    values = _detector(frozenset(candidates)).compute_language_confidence_values(text)
    return {candidates[value.language]: value.value for value in values}


def _normalized(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    return {code: score / total for code, score in scores.items()} if total else scores


def _with_function_words(text: str, confidences: dict[str, float]) -> dict[str, float]:
    """``confidences`` boosted by the closed-class words of ``text``, summing to 1 again."""
    scores = dict(confidences)
    for word in _LETTERS.findall(text.lower()):
        for code in scores:
            if word in _FUNCTION_WORDS.get(primary_code(code), ()):
                scores[code] *= _FUNCTION_WORD_BOOST
    return _normalized(scores)


@functools.cache
def _word_lists() -> frozenset[str]:
    return frozenset(wordfreq.available_languages(wordlist="small"))


def _word_frequency(word: str, code: str) -> float:
    return wordfreq.word_frequency(word, primary_code(code), wordlist="small")


def _evidence_words(text: str) -> list[str]:
    """The words of ``text`` that carry word evidence: the first :data:`_MAX_WORDS`, but
    none of a token holding digits ("s10", "64gb")."""
    words = (word for word in text.lower().split() if not any(c.isdigit() for c in word))
    return [run for word in words for run in _LETTERS.findall(word)][:_MAX_WORDS]


def _with_word_frequencies(text: str, scores: dict[str, float]) -> dict[str, float]:
    """``scores`` times each word's share of its frequency over the candidate languages
    (plus :data:`_WORD_SMOOTHING`), summing to 1 again.

    A word missing from a language's list counts as :data:`_UNLISTED_FREQUENCY` there (the
    lists stop at one in a million words); words no candidate lists (brand names, typos,
    compounds) change nothing, nor does any word when a candidate has no word list, as it
    could not be weighed against the others.
    """
    if not all(primary_code(code) in _word_lists() for code in scores):
        return scores
    scores = dict(scores)
    for word in _evidence_words(text):
        frequencies = {code: _word_frequency(word, code) for code in scores}
        if not any(frequencies.values()):
            continue
        frequencies = {code: f or _UNLISTED_FREQUENCY for code, f in frequencies.items()}
        total = sum(frequencies.values())
        for code in scores:
            scores[code] *= _WORD_SMOOTHING + frequencies[code] / total
    return _normalized(scores)


def _with_prior(scores: dict[str, float], prior: Mapping[str, float] | None) -> dict[str, float]:
    """``scores`` times ``1 + _PRIOR_WEIGHT * share`` of each code in ``prior``."""
    if not prior:
        return scores
    allowed = tuple(scores)
    shares: dict[str, float] = {}
    for code, weight in prior.items():
        match = _match_code(code, allowed)
        if match is not None and weight > 0:
            shares[match] = shares.get(match, 0.0) + float(weight)
    total = sum(shares.values())
    if not total:
        return scores
    return _normalized(
        {
            code: score * (1.0 + _PRIOR_WEIGHT * shares.get(code, 0.0) / total)
            for code, score in scores.items()
        }
    )


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
    prior: Mapping[str, float] | None = None,
) -> str | None:
    """The language of ``text`` among ``languages`` (default :func:`shop_languages`).

    The text's script first narrows the candidates (see the module docstring); a single
    one left is the answer. Otherwise ``None`` when the text is too short or ambiguous:
    it has fewer than :data:`MIN_LETTERS` letters, or the best language's confidence is
    below ``min_confidence`` or less than :data:`MIN_RATIO` times the runner-up's, unless
    a character settles it (a letter like "ñ" that only one candidate uses). ``prior``
    maps codes to weights (e.g. the shares of the catalog's languages,
    :func:`catalog_prior`); it at most doubles a language's score, enough to break a near
    tie, not to outweigh clear evidence. Codes
    lingua does not know are ignored; with fewer than two known codes there is nothing
    to choose between and the answer is ``None``.
    """
    candidates = _candidates(_allowed(languages))
    text = text[:_MAX_CHARS]
    if len(candidates) < 2 or not _LETTERS.search(text):
        return None
    candidates = _script_candidates(text, candidates)
    if len(candidates) <= 1:
        return next(iter(candidates.values()), None)
    confidences = _lingua_confidences(text, candidates)
    best = max(confidences, key=confidences.__getitem__)
    if confidences[best] >= _CERTAIN:
        return best
    if _letter_count(text) < MIN_LETTERS:
        return None
    scores = _with_word_frequencies(text, _with_function_words(text, confidences))
    return _confident_best(_with_prior(scores, prior), min_confidence)


# --- catalog prior -------------------------------------------------------------------

#: How long a process reuses the catalog's language shares (they change slowly).
CATALOG_PRIOR_TTL = 300.0
_catalog_prior: dict[str, tuple[float, dict[str, float]]] = {}
_catalog_prior_lock = threading.Lock()


def catalog_prior(*, refresh: bool = False) -> dict[str, float]:
    """Share of each language among the published products' texts, e.g.
    ``{"en": 0.8, "es": 0.2}``, for :func:`detect` / :func:`negotiate` ``prior=``.

    Read from ``CatalogEntry.languages`` on ``SHOP_ASSISTANT["DATABASE"]`` and reused in
    the process for :data:`CATALOG_PRIOR_TTL` seconds (``refresh=True`` reads again).
    Empty for an empty catalog.
    """
    from django.db import connections

    from .models import CatalogEntry

    alias = app_settings.DATABASE
    now = time.monotonic()
    cached = _catalog_prior.get(alias)
    if cached is not None and not refresh and now - cached[0] < CATALOG_PRIOR_TTL:
        return dict(cached[1])
    table = connections[alias].ops.quote_name(CatalogEntry._meta.db_table)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT lang, count(*) FROM {table}, unnest(languages) AS lang "
            "WHERE is_published GROUP BY lang"
        )
        counts: Counter[str] = Counter()
        for code, n in cursor.fetchall():
            counts[_normalize_code(code)] += n
    total = sum(counts.values())
    shares = {code: n / total for code, n in sorted(counts.items())} if total else {}
    with _catalog_prior_lock:
        _catalog_prior[alias] = (now, shares)
    return dict(shares)


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
    prior: Mapping[str, float] | None = None,
) -> LanguageChoice:
    """The language to use for ``text``: explicit ``lang`` > detected > header > default.

    A blank ``lang`` counts as not given; one the shop does not serve raises
    :class:`UnknownLanguage`. The default is ``settings.LANGUAGE_CODE`` when allowed,
    else the first allowed code. ``prior`` is passed on to :func:`detect`.
    """
    allowed = _allowed(languages)
    if lang is not None and lang.strip():
        return LanguageChoice(normalize_language(lang, allowed), "given")
    detected = detect(text, allowed, prior=prior)
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
