"""Which script a character is written in, and the words of text written without spaces.

One place for the script tests the Q&A and the guide both need:

* :func:`is_han`, :func:`is_kana` (:func:`is_hiragana`), :func:`is_hangul`,
  :func:`is_thai`: one script each;
* :func:`is_cjk`: Han, kana or Hangul (the scripts keyword matching cuts into character
  bigrams);
* :func:`is_spaceless`: Han, kana or Thai, the scripts that put no space between words
  (Korean spaces its words);
* :func:`is_unspaced`: those and Hangul, whose words are short or unspaced (the guide's
  cue words of these scripts match anywhere in a message);
* :func:`words`: text cut into words, runs of Chinese, Japanese and Thai by ICU's
  dictionary word breaker (``icu4py`` ships ICU and its dictionaries: nothing is
  downloaded), other text at spaces and punctuation.
"""

from __future__ import annotations

import functools
import unicodedata

from icu4py.breakers import WordBreaker

#: (first, last) code points per script.
_HAN = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3400, 0x9FFF),  # extension A, unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3FFFF),  # extensions B and later
)
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
_HANGUL = (
    (0x1100, 0x11FF),  # jamo
    (0x3130, 0x318F),  # compatibility jamo
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # syllables, extended jamo
    (0xFFA0, 0xFFDC),  # halfwidth
)
_THAI = ((0x0E00, 0x0E7F),)
#: Below this code point (Latin, Greek, Cyrillic, Arabic, ...) no script here is tested
#: for: the common case answers at once (these tests run per character of every text
#: the Q&A ranks).
_LOWEST = min(first for ranges in (_HAN, _KANA, _HANGUL, _THAI) for first, _last in ranges)


def _within(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    if code < _LOWEST:
        return False
    for first, last in ranges:  # noqa: SIM110 - any() over a generator is 3× slower here
        if first <= code <= last:
            return True
    return False


def is_han(char: str) -> bool:
    """A Chinese character (hanzi, kanji)."""
    return _within(char, _HAN)


def is_kana(char: str) -> bool:
    """Hiragana or katakana (full or half width)."""
    return _within(char, _KANA)


def is_hiragana(char: str) -> bool:
    return 0x3040 <= ord(char) <= 0x309F


def is_hangul(char: str) -> bool:
    """A Korean syllable or jamo."""
    return _within(char, _HANGUL)


def is_thai(char: str) -> bool:
    return _within(char, _THAI)


def is_cjk(char: str) -> bool:
    """Han, kana or Hangul."""
    return ord(char) >= _LOWEST and (is_han(char) or is_kana(char) or is_hangul(char))


def is_spaceless(char: str) -> bool:
    """Han, kana or Thai: written without spaces between words (Hangul has spaces)."""
    return ord(char) >= _LOWEST and (is_han(char) or is_kana(char) or is_thai(char))


def is_unspaced(char: str) -> bool:
    """Han, kana, Hangul and Thai: scripts whose words are short or unspaced."""
    return ord(char) >= _LOWEST and (is_spaceless(char) or is_hangul(char))


def words(text: str) -> list[str]:
    """The words of ``text``: runs of letters, marks and digits (Thai vowel and tone marks
    are marks, which ``\\w`` leaves out), a run written in a spaceless script cut where
    ICU's dictionary puts word boundaries ("有帽子吗" -> "有", "帽子", "吗";
    "มีผ้าคลุมกันฝนไหม" -> "มี", "ผ้า", "คลุม", "กัน", "ฝน", "ไหม")."""
    result: list[str] = []
    for run in _runs(text):
        if any(map(is_spaceless, run)):
            result += _segmented(run)
        else:
            result.append(run)
    return result


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    current: list[str] = []
    for char in text:
        if unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


@functools.lru_cache(maxsize=8192)
def _segmented(run: str) -> tuple[str, ...]:
    # The word breaker's dictionaries are chosen by script, not by locale.
    segments: list[str] = []
    for word in WordBreaker(run, "en"):
        if segments and _katakana(word) and _katakana(segments[-1]):
            segments[-1] += (
                word  # a katakana run is one loanword ("レインカバー", not "レ イン カバー")
            )
        elif word.strip():
            segments.append(word)
    return tuple(segments)


def _katakana(word: str) -> bool:
    return all(0x30A0 <= ord(c) <= 0x30FF or 0xFF66 <= ord(c) <= 0xFF9F for c in word)
