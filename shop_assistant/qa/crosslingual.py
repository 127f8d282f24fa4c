"""Evidence across languages: the sentence of a product's own texts that answers a question
asked in another language («Est-ce qu'elle a une capuche ?» on an English description).

A short question about one detail of a long sentence scores low against the sentence, and
lower still across languages (the keyword bonus does not cross languages). Words do cross
languages in the multilingual encoder ("capuche", "capucha", "Kapuze" ~ "hood": 0.7; an
unrelated word pair stays under 0.5). So:

1. the product's passages are ranked by their stored vectors (pgvector, indexed once:
   nothing is re-encoded per question), see
   :func:`~shop_assistant.indexing.ann.passage_similarities`;
2. the sentences of the best :data:`PASSAGES` description passages of each language
   (a translation's best passage may not be among the first of all), and the product's
   FAQ answers and reviews, are matched word by word: a sentence answers when every
   content word of the question (stopwords and short words left out) has a word in it
   at :data:`TERM_MIN` similarity or more. Word vectors are cached per word.

Languages written without spaces (Chinese, Japanese, Thai) are cut into words by ICU's
dictionary word breaker (:func:`~shop_assistant.core.scripts.words`), on the question's
side and on the sentence's: «有帽子吗？» asks for "帽子", «มีผ้าคลุมกันฝนไหม» for "ผ้า",
"คลุม", "กัน", "ฝน" (a word of one character is left out, as short words are elsewhere).

The answer quotes the whole sentence, in its own language, and says which language that
is: no machine translation is available offline.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from wordfreq import get_frequency_dict

from ..conf import app_settings
from ..core.scripts import is_han, is_hangul, is_hiragana, is_spaceless, words
from ..embeddings import cached_query_embeddings
from ..indexing.ann import passage_similarities
from .text import STOPWORDS, normalize
from .types import Evidence

#: Best passages (by stored vector) of each language whose sentences are matched word
#: by word.
PASSAGES = 2
#: Smallest similarity between a question word and a word of the sentence.
TERM_MIN = 0.6
#: Shortest word considered, and most question words (longer questions keep the ranking).
MIN_WORD_CHARS = 4
MAX_TERMS = 4
#: Question words of languages :data:`~shop_assistant.qa.text.STOPWORDS` leaves out.
_QUESTION_TEXT = """
    est-ce est-il est-elle peut-on a-t-il a-t-elle y-a-t-il
    heeft hebben deze welke wordt zijn kunnen kan mijn jullie
    esta este isso qual quais pode podem posso voce
    jest jaki jaka jakie mozna czy ten tego
    есть это этот эта какой какая можно него неё нее она
    mı mi mu mü var yok nedir hangi kadar
    있나요 있어요 되나요 인가요 있습니까
    لها له هذا هذه هل
    可以 什么 是否 没有 这个 那个 多少 怎么 能否 请问 有没有 是不是 哪个 哪里 哪儿
    これ それ この その どう どの どこ どれ
    มี ไหม ได้ ไม่ หรือ อะไร เป็น คือ นี้ นี่ อยู่ บ้าง ครับ ค่ะ ใช่ ยัง ที่
    """
QUESTION_WORDS = frozenset(normalize(word) for word in _QUESTION_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def terms(question: str) -> list[str]:
    """The question's content words ("capuche" of «Est-ce qu'elle a une capuche ?»,
    "帽子" of «有帽子吗？»)."""
    words = [without_particle(w.casefold()) for w in _words(question)]
    kept = [
        w
        for w, after in zip(words, [*words[1:], ""], strict=False)  # none: no words
        if normalize(w) not in STOPWORDS | QUESTION_WORDS
        and (_spaceless_content(w, after) if any(map(is_spaceless, w)) else len(w) >= _min_chars(w))
    ]
    return list(dict.fromkeys(kept))


#: Zipf frequency (wordfreq) from which a single Chinese character is a function word
#: ("有", "吗", "用"), as the guide counts filler words (10^5.6 per 10^9 words).
FILLER_ZIPF = 5.6


def _spaceless_content(word: str, after: str) -> bool:
    """A Chinese, Japanese or Thai word that names something: not hiragana only (particles,
    endings: "は", "ます", "られ"), two characters or more, or one Chinese character that is
    not among the most frequent ("罩" cover, "机" machine; not "有" have, "吗") nor the stem
    of a Japanese verb written on with hiragana (``after``: "付" of "付いて")."""
    if _hiragana(word):
        return False
    if len(word) >= 2:
        return True
    return is_han(word) and _han_zipf(word) < FILLER_ZIPF and not _hiragana(after)


def _hiragana(word: str) -> bool:
    return bool(word) and all(map(is_hiragana, word))


@functools.cache
def _han_zipf(char: str) -> float:
    """Highest Zipf frequency of a character as a word of Chinese or Japanese."""
    frequency = max(get_frequency_dict(language).get(char, 0.0) for language in ("zh", "ja"))
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


def _words(text: str) -> list[str]:
    """Words of ``text`` (hyphenated words kept whole), spaceless scripts segmented."""
    result: list[str] = []
    for word in _WORD.findall(text):
        if any(map(is_spaceless, word)):
            continue  # taken below, with their combining marks (Thai vowels, tones)
        result.append(word)
    return result + [w for w in words(text) if any(map(is_spaceless, w))]


#: Korean particles written onto the word before them ("후드가" = "후드" + subject marker).
_KOREAN_PARTICLE = re.compile(
    r"(?<=[\uac00-\ud7af])(?:으로|에서|이|가|은|는|을|를|로|도|와|과|에)$"
)


def without_particle(word: str) -> str:
    stripped = _KOREAN_PARTICLE.sub("", word)
    return stripped if len(stripped) >= 2 else word


def _min_chars(word: str) -> int:
    """Arabic words are short (no written short vowels): three letters carry meaning."""
    if any(map(is_hangul, word)) or any(map(is_spaceless, word)):
        return 2  # a Hangul block is a syllable, a Chinese character a word or half one
    return 3 if any(0x0600 <= ord(c) <= 0x06FF for c in word) else MIN_WORD_CHARS


def best_sentence(
    question: str,
    evidence: Sequence[Evidence],
    question_vector: np.ndarray | None,
    encoder: Any,
    space: Any,
    entry_ids: Sequence[int],
    using: str,
) -> Evidence | None:
    """The sentence (description, FAQ answer or review of the product) containing a match
    for every content word of the question, with ``score`` the weakest word match; or
    None."""
    asked = terms(question)
    if not asked or len(asked) > MAX_TERMS or encoder is None or space is None:
        return None
    if question_vector is None:
        return None
    stored = passage_similarities(space, question_vector, entry_ids, using=using)
    languages: dict[str, str] = {
        e.source: e.language for e in evidence if e.kind == "description" and e.source
    }
    ranked = sorted(languages, key=lambda s: stored.get(_passage_id(s), -1.0), reverse=True)
    passages = {  # the best passages of each language the description is written in
        source
        for language in set(languages.values())
        for source in [s for s in ranked if languages[s] == language][:PASSAGES]
    }
    pool = [
        e
        for e in evidence
        if (e.kind == "description" and e.source in passages)
        or (e.kind in ("review", "faq") and e.product_id is not None)
    ]
    words = {item.key(): [w.casefold() for w in _words(item.text)] for item in pool}
    vocabulary = sorted({w for ws in words.values() for w in ws if len(w) >= _sentence_min(w)})
    if not vocabulary:
        return None
    vectors = _vectors(encoder, [*asked, *vocabulary])
    similarity = vectors[: len(asked)] @ vectors[len(asked) :].T  # terms x words
    column = {word: i for i, word in enumerate(vocabulary)}
    best: Evidence | None = None
    best_score = TERM_MIN
    for item in pool:
        columns = [column[w] for w in words[item.key()] if w in column]
        if not columns:
            continue
        score = float(similarity[:, columns].max(axis=1).min())
        if score >= best_score and (best is None or score > best_score):
            best, best_score = item, score
    return replace(best, score=best_score) if best is not None else None


def names_every_word(question: str, item: Evidence, encoder: Any) -> bool:
    """Whether ``item`` (an attribute's "label: value") has a word for every content word
    of the question ("ağırlık (g): 340" for «Ağırlığı ne kadar?»; "防水：否" has none for
    the "罩" of «有防雨罩吗？»)."""
    asked = terms(question)
    vocabulary = sorted({w.casefold() for w in _words(item.text)})
    if not asked or not vocabulary or encoder is None:
        return False
    vectors = _vectors(encoder, [*asked, *vocabulary])
    similarity = vectors[: len(asked)] @ vectors[len(asked) :].T
    return float(similarity.max(axis=1).min()) >= TERM_MIN


def _sentence_min(word: str) -> int:
    return 2 if any(map(is_spaceless, word)) else 3


def _vectors(encoder: Any, texts: list[str]) -> np.ndarray:
    return cached_query_embeddings(
        encoder, texts, cache_alias=app_settings.CACHE, timeout=app_settings.QUERY_CACHE_TIMEOUT
    )


def _passage_id(source: str) -> int:
    try:
        return int(source.split(":", 1)[1])
    except (IndexError, ValueError):
        return -1
