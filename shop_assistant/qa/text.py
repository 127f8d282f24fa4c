"""Text helpers: sentences to quote, and keywords for matching questions to evidence.

Keyword matching is deliberately light (no per-language stemmer in Python): text is
case-folded, accents are dropped, short and very common words are ignored, words are
cut to a six-letter stem, and runs of Chinese / Japanese / Korean characters become
character bigrams. It complements the embedding similarity, it does not replace it.
"""

from __future__ import annotations

import re
import unicodedata

from ..core.scripts import is_cjk

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")
_WORD = re.compile(r"\w+")
_STEM = 6
_MIN_LEN = 3

#: Frequent words of three letters or more in the shop's main languages: question words,
#: pronouns, auxiliaries and prepositions that carry no product meaning.
_STOPWORDS_TEXT = """
    the and are but can could does did for from has have how its not this that these those
    what when where which who why will with would you your yours about any into than then
    there their them they was were been being also just only very much many more most some
    product item buy get use used using tell please know want need question
    que qué cual cuál cuales cuáles como cómo esta este esto estos estas está son una uno
    unos unas los las del por para con sin sus tiene tienen hay puede pueden donde dónde
    cuando cuándo cuanto cuánto producto artículo quiero saber
    der die das den dem des ein eine einen einem einer und oder ist sind hat haben wie was
    welche welcher welches wer wann warum mit ohne für von aus auf bei nicht kann können
    gibt dieser diese dieses produkt artikel noch auch
    est sont une des les aux avec sans pour par dans sur qui quoi quel quelle quels quelles
    comment combien cette ces produit article elle ils peut peuvent fait existe
    che chi come cosa dove quando quale quali questo questa sono della delle degli con per
    prodotto articolo
"""


def strip_accents(text: str) -> str:
    """Drop Latin diacritics ("é" -> "e"); kana voicing marks and Hangul stay intact."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    return unicodedata.normalize("NFKC", kept)


def normalize(text: str) -> str:
    """Case-folded, accent-free, whitespace-collapsed ``text``: what patterns match on."""
    return " ".join(strip_accents(text.casefold()).split())


STOPWORDS = frozenset(normalize(word) for word in _STOPWORDS_TEXT.split())


def keywords(text: str) -> set[str]:
    """Content-word stems of ``text`` (CJK runs as character bigrams)."""
    result: set[str] = set()
    for word in _WORD.findall(normalize(text)):
        if word.isdigit():
            result.add(word)
            continue
        cjk = "".join(c if is_cjk(c) else " " for c in word)
        if cjk.strip():
            for run in cjk.split():
                result.update(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
            word = "".join(" " if is_cjk(c) else c for c in word)
            result.update(w[:_STEM] for w in word.split() if _content(w))
            continue
        if _content(word):
            result.add(word[:_STEM])
    return result


def _content(word: str) -> bool:
    return len(word) >= _MIN_LEN and word not in STOPWORDS and not word.isdigit()


def keyword_overlap(question_keywords: set[str], text: str) -> float:
    """Share of the question's keywords found in ``text`` (0..1)."""
    if not question_keywords:
        return 0.0
    return len(question_keywords & keywords(text)) / len(question_keywords)


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (Latin and CJK sentence ends)."""
    text = " ".join(text.split())
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
