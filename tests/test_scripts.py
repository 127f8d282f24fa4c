"""Script tests and word segmentation (shop_assistant.core.scripts), and the question
words the cross-language evidence matching asks for in unspaced scripts."""

from __future__ import annotations

import pytest

from shop_assistant.core.scripts import (
    is_cjk,
    is_han,
    is_hangul,
    is_kana,
    is_spaceless,
    is_thai,
    is_unspaced,
    words,
)
from shop_assistant.qa.crosslingual import terms


@pytest.mark.parametrize(
    ("char", "han", "kana", "hangul", "thai"),
    [
        ("帽", True, False, False, False),
        ("々", True, False, False, False),
        ("フ", False, True, False, False),
        ("ｶ", False, True, False, False),  # half-width katakana
        ("の", False, True, False, False),
        ("후", False, False, True, False),
        ("ฮ", False, False, False, True),
        ("a", False, False, False, False),
        ("ж", False, False, False, False),
    ],
)
def test_each_character_has_one_script(char, han, kana, hangul, thai):
    assert (is_han(char), is_kana(char), is_hangul(char), is_thai(char)) == (
        han,
        kana,
        hangul,
        thai,
    )
    assert is_cjk(char) == (han or kana or hangul)
    assert is_spaceless(char) == (han or kana or thai)  # Korean spaces its words
    assert is_unspaced(char) == (han or kana or hangul or thai)


@pytest.mark.parametrize(
    ("test", "first", "last"),
    [
        (is_thai, 0x0E00, 0x0E7F),  # the lowest code point any script test answers for
        (is_hangul, 0x1100, 0x11FF),
        (is_han, 0x2E80, 0x2FDF),
        (is_kana, 0x3040, 0x30FF),
        (is_hangul, 0xAC00, 0xD7FF),
        (is_han, 0x20000, 0x3FFFF),
    ],
)
def test_script_ranges_hold_to_their_ends(test, first, last):
    """Each range's first and last code points are in, their neighbours out (the tests
    answer characters below the lowest range at once)."""
    assert test(chr(first)) and test(chr(last))
    assert not test(chr(first - 1)) and not test(chr(last + 1))
    assert is_unspaced(chr(first)) and is_unspaced(chr(last))


def test_unspaced_text_is_cut_into_dictionary_words():
    assert words("有帽子吗？") == ["有", "帽子", "吗"]
    assert words("มีผ้าคลุมกันฝนไหม") == ["มี", "ผ้า", "คลุม", "กัน", "ฝน", "ไหม"]
    # a katakana run is one loanword, whatever the dictionary makes of it
    assert words("レインカバーは付いていますか？")[0] == "レインカバー"
    # Thai vowel and tone marks stay in their word ("\w" alone drops them)
    assert "ฮู้" in "".join(words("มีฮู้ดไหม"))
    assert words("Est-ce qu'elle a 2 poches ?") == ["Est", "ce", "qu", "elle", "a", "2", "poches"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("有帽子吗？", ["帽子"]),
        ("มีผ้าคลุมกันฝนไหม", ["ผ้า", "คลุม", "กัน", "ฝน"]),
        ("レインカバーは付いていますか？", ["レインカバー"]),
        ("Est-ce qu'elle a une capuche ?", ["capuche"]),
        ("후드가 있나요?", ["후드"]),
        ("0000000000", []),
        ("?!", []),
    ],
)
def test_question_words_of_every_script_are_matched_across_languages(question, expected):
    """Question words ("有", "吗", "มี", "ไหม", "ます") and one-character words are left out."""
    assert terms(question) == expected
