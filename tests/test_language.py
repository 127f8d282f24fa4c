"""Tests of shop_assistant.language: detection on product queries, negotiation, headers.

Everything except the ``test_shop_languages_*`` and ``test_catalog_prior_*`` tests passes
``languages=`` explicitly and runs without Django settings.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from shop_assistant import language
from shop_assistant.language import (
    LanguageChoice,
    UnknownLanguage,
    detect,
    negotiate,
    normalize_language,
    parse_accept_language,
    shop_languages,
)

from . import factories
from .language_scoring import (
    ENCODER_LANGUAGES,
    GOAL_OVERALL,
    GOAL_PER_LANGUAGE,
    KINDS,
    load_rows,
    score,
)
from .paths import EVAL_DIR

ALL = ("en", "es", "de", "fr", "ja", "it", "pt", "nl", "zh", "ko", "pl", "ru")
SHOP = ("en", "es", "de", "fr", "ja")
LANGUAGE_SETS = {"all": ALL, "shop": SHOP, "en-es": ("en", "es"), "es-pt": ("es", "pt")}

# Realistic product queries, detected correctly by every candidate set that allows
# their language. Chinese-character-only queries are in test_han_only_* instead.
REALISTIC = {
    "en": [
        "waterproof jacket for women",
        "wireless earbuds with charging case",
        "stainless steel water bottle",
        "running shoes men",
        "hair dryer",
    ],
    "es": [
        "chaqueta impermeable con capucha",
        "zapatillas de running para hombre",
        "funda para móvil",
        "auriculares inalámbricos con cancelación de ruido",
        "mochila escolar niña",
        "zapatos de mujer",
    ],
    "de": [
        "wasserdichte Wanderjacke für Damen",
        "kabellose Kopfhörer mit Geräuschunterdrückung",
        "Kinderwagen mit Babyschale",
        "Laufschuhe Herren",
        "Edelstahl Trinkflasche",
        "Kaffeemaschine",
    ],
    "fr": [
        "veste imperméable femme",
        "écouteurs sans fil avec étui de charge",
        "chaussures de course pour homme",
        "sac à dos pour ordinateur portable",
        "coque de téléphone",
        "sèche-cheveux",
    ],
    "ja": ["防水ジャケット", "ワイヤレスイヤホン", "ランニングシューズ メンズ", "バッグ"],
    "it": [
        "giacca impermeabile da donna",
        "scarpe da corsa uomo",
        "cuffie senza fili",
        "zaino per computer portatile",
        "asciugacapelli",
    ],
    "pt": [
        "jaqueta impermeável feminina",
        "fones de ouvido sem fio",
        "tênis de corrida masculino",
        "capinha para celular",
    ],
    "nl": [
        "waterdichte jas voor dames",
        "draadloze oordopjes",
        "hardloopschoenen heren",
        "rugzak voor laptop",
    ],
    "ko": ["방수 재킷", "무선 이어폰", "여성용 겨울 코트", "가방"],
    "pl": ["wodoodporna kurtka damska", "słuchawki bezprzewodowe", "buty do biegania męskie"],
    "ru": ["непромокаемая куртка", "беспроводные наушники", "женские зимние сапоги", "сумка"],
}

# Real queries lingua cannot place among all twelve languages (words shared with Dutch
# and German, an Italian word in Spanish): None is fine there, a wrong language is not.
# "gopro hero 9" was in AMBIGUOUS before word frequencies counted: "hero" is an English
# word, so English is a fair answer for it, but no other language is.
HARD = [
    ("en", "kids winter boots"),
    ("en", "coffee maker"),
    ("es", "cafetera italiana"),
    ("en", "gopro hero 9"),
]

# Too short or made of brand names, model numbers and international words.
AMBIGUOUS = [
    "usb",
    "ipad 64",
    "led",
    "iphone 13",
    "tv",
    "nike",
    "lego",
    "hdmi 2m",
    "pro max",
    "rtx 3080",
    "xbox",
    "ps5",
    "mini",
    "",
    "   ",
    "12345",
    "!!! ???",
]


def _cases(sets: dict[str, tuple[str, ...]]) -> list[tuple[str, str, str]]:
    return [
        (name, lang, query)
        for name, codes in sets.items()
        for lang, queries in REALISTIC.items()
        if lang in codes
        for query in queries
    ]


# --- detect --------------------------------------------------------------------------


@pytest.mark.parametrize(("set_name", "lang", "query"), _cases(LANGUAGE_SETS))
def test_realistic_queries_are_detected(set_name: str, lang: str, query: str) -> None:
    assert detect(query, LANGUAGE_SETS[set_name]) == lang


@pytest.mark.parametrize("lang", sorted(REALISTIC))
def test_realistic_queries_are_detected_against_english(lang: str) -> None:
    languages = (lang, "en") if lang != "en" else ("en", "es")
    assert [detect(query, languages) for query in REALISTIC[lang]] == [lang] * len(REALISTIC[lang])


@pytest.mark.parametrize(("lang", "query"), HARD)
@pytest.mark.parametrize("set_name", ["all", "shop"])
def test_hard_queries_are_never_given_a_wrong_language(
    set_name: str, lang: str, query: str
) -> None:
    assert detect(query, LANGUAGE_SETS[set_name]) in (lang, None)


def test_hard_queries_are_detected_with_fewer_candidates() -> None:
    assert [detect(query, ("en", "es")) for _lang, query in HARD] == [lang for lang, _ in HARD]


def test_brand_and_model_words_in_every_word_list_stay_undecided() -> None:
    # "iphone", "galaxy", "pro", "max" are frequent in every language's word list.
    for query in ["iphone 11 pro max", "galaxy s10", "pro max"]:
        assert detect(query, ALL) is None, query


@pytest.mark.parametrize("set_name", sorted(LANGUAGE_SETS))
@pytest.mark.parametrize("query", AMBIGUOUS)
def test_short_or_ambiguous_queries_give_none(set_name: str, query: str) -> None:
    assert detect(query, LANGUAGE_SETS[set_name]) is None


def test_decisive_character_identifies_a_short_word() -> None:
    assert detect("niño", ALL) == "es"
    assert detect("nino", ALL) is None


def test_script_alone_decides_between_languages_of_different_scripts() -> None:
    assert detect("usb", ("ja", "en")) == "en"
    assert detect("led", ("ru", "ko", "ja", "es")) == "es"
    assert detect("usb", ("ja", "ko")) is None


def test_cyrillic_needs_a_single_cyrillic_candidate() -> None:
    assert detect("сумка", ("ru", "en")) == "ru"
    assert detect("сумка", ("ru", "uk", "en")) is None
    assert detect("женская зимняя куртка с капюшоном", ("ru", "uk", "en")) == "ru"


def test_han_only_text_is_chinese_when_chinese_is_served() -> None:
    # Before issue 12 these gave None whenever both Chinese and Japanese were served.
    for query in ["防水夹克", "无线蓝牙耳机", "透明傘", "LED灯带", "有黑色的吗？"]:
        assert detect(query, ALL) == "zh", query
    assert detect("防水ジャケット", ALL) == "ja"


def test_kanji_only_japanese_writes_make_han_text_japanese() -> None:
    # 気 and 鉄 are Japanese forms: simplified Chinese writes 气 and 铁, traditional 氣, 鐵.
    assert detect("電気毛布", ALL) == "ja"
    assert detect("鉄 鍋", ALL) == "ja"
    assert detect("电热毯", ALL) == "zh"
    assert detect("電熱毯", ALL) == "zh"  # traditional forms are not Japanese ones


def test_han_only_text_goes_to_the_one_allowed_han_language() -> None:
    assert [detect(q, ("zh", "en")) for q in ["防水夹克", "无线蓝牙耳机", "女士冬季外套"]] == [
        "zh"
    ] * 3
    assert detect("透明傘", ("ja", "en")) == "ja"
    assert detect("透明傘", ("en", "es")) is None


def test_min_confidence_is_applied() -> None:
    # Measured: Spanish 0.97 among the shop's five languages.
    assert detect("cafetera italiana", SHOP) == "es"
    assert detect("cafetera italiana", SHOP, min_confidence=0.95) == "es"
    assert detect("cafetera italiana", SHOP, min_confidence=0.99) is None


def test_function_words_settle_close_romance_queries() -> None:
    # lingua alone ranks Portuguese first for these; "sin" and "senza" settle them.
    assert detect("barras de cortinas sin taladrar", ALL) == "es"
    assert detect("barbecue a carbone senza fumo", ALL) == "it"


def test_long_question_is_detected() -> None:
    question = (
        "¿Esta chaqueta es impermeable? Quiero saber si sirve para la lluvia intensa en la "
        "montaña, si la capucha se puede quitar y si se puede lavar a máquina. "
    ) * 8
    assert len(question) > 1000
    assert detect(question, ALL) == "es"


def test_codes_unknown_to_lingua_are_ignored_for_detection() -> None:
    assert detect("chaqueta impermeable con capucha", ("es", "en", "xx")) == "es"
    # A single language lingua knows leaves nothing to choose between.
    assert detect("chaqueta impermeable con capucha", ("es", "xx")) is None


def test_detect_returns_the_allowed_code_spelling() -> None:
    assert detect("jaqueta impermeável feminina", ("es", "PT_BR")) == "pt-br"
    assert detect("chaqueta impermeable con capucha", ("ES", "pt")) == "es"


def test_detect_rejects_an_empty_language_list() -> None:
    with pytest.raises(ValueError, match="No languages"):
        detect("waterproof jacket", ())


# --- scripts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هل هي مقاومة للماء؟", "ar"),
        ("جراب ايفون 13", "ar"),
        ("กันน้ำไหม", "th"),
        ("มีไซซ์ M ไหม", "th"),
        ("방수되나요?", "ko"),
        ("M 사이즈 있나요?", "ko"),
        ("ﾜｲﾔﾚｽ", "ja"),
        ("iphone ケース", "ja"),
        ("防水ですか？", "ja"),
        ("Маломерит?", "ru"),
        ("чехол для iphone", "ru"),
    ],
)
def test_a_script_written_by_one_served_language_decides(text: str, expected: str) -> None:
    assert detect(text, ENCODER_LANGUAGES) == expected


def test_a_script_no_served_language_writes_gives_none() -> None:
    assert detect("กันน้ำไหม", ("en", "es", "de")) is None
    assert detect("방수되나요?", ("en", "ja", "zh")) is None


def test_letter_like_signs_are_no_script_and_unknown_scripts_give_none() -> None:
    assert detect("µ-USB Kabel für Handy", ENCODER_LANGUAGES) == "de"
    assert detect("សួស្តី ពិភពលោក", ENCODER_LANGUAGES) is None  # Khmer


def test_latin_text_is_judged_among_the_latin_script_languages_only() -> None:
    assert detect("Is it waterproof?", ("en", "ru", "ar", "ko", "th")) == "en"


# --- word evidence and prior -------------------------------------------------------------


def test_short_questions_once_misdetected_are_detected() -> None:
    # Issue 12: these got English answers.
    assert detect("¿De qué color es?", ENCODER_LANGUAGES) == "es"
    assert detect("¿Es vegano?", ENCODER_LANGUAGES) == "es"


def test_a_word_of_one_language_outweighs_its_ngrams() -> None:
    # lingua alone ranks Dutch first for "coffee grinder", Portuguese for "regenjas dames".
    assert detect("coffee grinder", ENCODER_LANGUAGES) == "en"
    assert detect("regenjas dames", ENCODER_LANGUAGES) == "nl"


def test_word_evidence_needs_a_word_list_for_every_candidate() -> None:
    # wordfreq has no list for Basque: the word frequencies are left out, lingua decides.
    scores = {"es": 0.5, "eu": 0.5}
    assert language._with_word_frequencies("cafetera italiana", scores) == scores
    assert language._with_word_frequencies("cafetera italiana", {"es": 0.5, "pt": 0.5}) != {
        "es": 0.5,
        "pt": 0.5,
    }


TIE = "mochila para portátil"  # Spanish and Portuguese alike: measured 0.57 to 0.43


def test_prior_breaks_a_tie_between_languages_writing_the_same_words() -> None:
    assert detect(TIE, ("es", "pt")) is None
    assert detect(TIE, ("es", "pt"), prior={"es": 0.9, "pt": 0.1}) == "es"
    assert detect(TIE, ("es", "pt"), prior={"pt-BR": 1}) == "pt"
    assert detect(TIE, ("es", "pt"), prior={"pt": 1, "es": 1}) is None


def test_prior_does_not_outweigh_clear_evidence() -> None:
    english_shop = {"en": 1.0}
    assert detect("chaqueta impermeable con capucha", ENCODER_LANGUAGES, prior=english_shop) == "es"
    assert detect("¿Es vegano?", ENCODER_LANGUAGES, prior=english_shop) == "es"
    assert detect("usb", ENCODER_LANGUAGES, prior=english_shop) is None


def test_prior_ignores_unserved_and_empty_weights() -> None:
    assert detect(TIE, ("es", "pt"), prior={"xx": 1.0, "es": 0}) is None
    assert detect(TIE, ("es", "pt"), prior={}) is None


def test_negotiate_passes_the_prior_on() -> None:
    choice = negotiate(TIE, languages=("pt", "es"), prior={"es": 1.0})
    assert choice == LanguageChoice("es", "detected")
    assert negotiate(TIE, languages=("pt", "es")).source != "detected"


# --- short texts in every language the encoder serves (issue 12) -------------------------


def test_short_text_set_is_complete() -> None:
    rows = load_rows()
    per_language = {code: [r for r in rows if r["lang"] == code] for code in ENCODER_LANGUAGES}
    assert {r["lang"] for r in rows} == set(ENCODER_LANGUAGES)
    for code, texts in per_language.items():
        assert len(texts) >= 30, code
        assert {r["kind"] for r in texts} == set(KINDS), code
        assert len({r["text"] for r in texts}) == len(texts), code
    assert all(1 <= len(r["text"].split()) <= 5 for r in rows)


def test_short_texts_reach_the_goal_in_every_language() -> None:
    report = score(load_rows())
    detail = "\n".join(report.misses)
    assert report.accuracy() >= GOAL_OVERALL, detail
    for code in ENCODER_LANGUAGES:
        assert report.accuracy(code) >= GOAL_PER_LANGUAGE, f"{code}\n{detail}"


# --- eval dev queries ----------------------------------------------------------------

EVAL_FILES = ("queries_dev.jsonl", "queries_xling_dev.jsonl")


def _eval_queries() -> list[dict[str, str]]:
    missing = [name for name in EVAL_FILES if not (EVAL_DIR / name).exists()]
    assert not missing, f"eval queries {missing} not found in {EVAL_DIR}"
    rows = []
    for name in EVAL_FILES:
        with open(EVAL_DIR / name, encoding="utf-8") as lines:
            rows += [json.loads(line) for line in lines if line.strip()]
    return rows


def _outcomes(rows: list[dict[str, str]], languages: tuple[str, ...]) -> dict[str, int]:
    counts = {"correct": 0, "wrong": 0, "none": 0}
    for row in rows:
        found = detect(row["query"], languages)
        key = "none" if found is None else "correct" if found == row["lang"] else "wrong"
        counts[key] += 1
    return counts


def test_eval_dev_queries() -> None:
    rows = _eval_queries()
    languages = tuple(sorted({row["lang"] for row in rows}))
    assert len(languages) == 12
    long = [row for row in rows if len(row["query"].split()) >= 3]
    short = [row for row in rows if len(row["query"].split()) < 3]
    assert (len(long), len(short)) == (191, 83)

    # Measured (12 candidate languages): 159 correct, 15 wrong, 17 None of the 191
    # queries of 3+ words, i.e. 83.2% correct and 91.4% of the answers correct (before
    # word frequencies counted, issue 12: 136 correct, 11 wrong, 44 None).
    # 85% correct overall is out of reach: many are brand names and model numbers
    # ("iphone 11 pro max", "galaxy s10 plus") labelled Spanish, the label is the
    # marketplace, not the language ("convertible car cover" es), and a few are
    # mislabelled ("estuche de airpods" en, "almofadas redondas para cadeiras de jardim" es).
    result = _outcomes(long, languages)
    answered = result["correct"] + result["wrong"]
    assert result["correct"] / len(long) >= 0.80
    assert result["correct"] / answered >= 0.89
    assert result["none"] > result["wrong"]

    # Measured: 42 correct, 11 wrong, 30 None of the 83 queries of 1-2 words (before:
    # 35 correct, 10 wrong, 38 None).
    result = _outcomes(short, languages)
    assert result["none"] > result["wrong"]
    assert result["correct"] / (result["correct"] + result["wrong"]) >= 0.75


# --- normalize_language / negotiate --------------------------------------------------


@pytest.mark.parametrize(
    ("given", "languages", "expected"),
    [
        ("es", SHOP, "es"),
        ("ES", SHOP, "es"),
        ("es-ES", SHOP, "es"),
        ("es_ES", SHOP, "es"),
        (" fr ", SHOP, "fr"),
        ("pt-BR", ("en", "pt-br", "pt"), "pt-br"),
        ("pt_br", ("en", "pt"), "pt"),
        ("pt", ("en", "pt-br"), "pt-br"),
    ],
)
def test_normalize_language(given: str, languages: tuple[str, ...], expected: str) -> None:
    assert normalize_language(given, languages) == expected


@pytest.mark.parametrize("given", ["xx", "it", "e$", "es!", "español"])
def test_unknown_language_lists_the_allowed_codes(given: str) -> None:
    with pytest.raises(UnknownLanguage) as excinfo:
        negotiate("waterproof jacket", lang=given, languages=("ja", "en", "fr", "es", "de"))
    assert excinfo.value.allowed == ("ja", "en", "fr", "es", "de")
    assert str(excinfo.value) == f"Unknown language {given!r}. Allowed: de, en, es, fr, ja."
    assert isinstance(excinfo.value, ValueError)


def test_given_language_wins_over_detection_and_header() -> None:
    choice = negotiate(
        "chaqueta impermeable con capucha", lang="de-AT", accept_language="fr", languages=SHOP
    )
    assert choice == LanguageChoice("de", "given")


def test_blank_given_language_counts_as_not_given() -> None:
    choice = negotiate("chaqueta impermeable con capucha", lang="  ", languages=SHOP)
    assert choice == LanguageChoice("es", "detected")


def test_detected_language_wins_over_header() -> None:
    choice = negotiate(
        "wasserdichte Wanderjacke für Damen", accept_language="fr-FR,fr;q=0.9", languages=SHOP
    )
    assert choice == LanguageChoice("de", "detected")


@pytest.mark.parametrize("query", ["usb", "ipad 64", "led", "iphone 11 pro max"])
def test_header_decides_when_detection_cannot(query: str) -> None:
    choice = negotiate(query, accept_language="fr-FR,fr;q=0.9,en;q=0.8", languages=ALL)
    assert choice == LanguageChoice("fr", "header")


def test_default_is_the_language_code_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = SimpleNamespace(configured=True, LANGUAGE_CODE="es-MX")
    monkeypatch.setattr(language, "settings", fake)
    assert negotiate("usb", accept_language="it-IT", languages=SHOP) == LanguageChoice(
        "es", "default"
    )
    assert negotiate("usb", languages=SHOP) == LanguageChoice("es", "default")


def test_default_falls_back_to_the_first_allowed_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "settings", SimpleNamespace(configured=True, LANGUAGE_CODE="it"))
    assert negotiate("12345", languages=("ja", "en")) == LanguageChoice("ja", "default")


# --- parse_accept_language -----------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "languages", "expected"),
    [
        ("es-ES,es;q=0.9,en;q=0.8", SHOP, "es"),
        ("en-US,en;q=0.9,es;q=0.8", SHOP, "en"),
        ("it-IT,it;q=0.9,de;q=0.7,fr;q=0.8", SHOP, "fr"),
        ("fr;q=0.3, de;q=0.7", SHOP, "de"),
        ("fr, de", SHOP, "fr"),
        ("ES-es", SHOP, "es"),
        ("pt-PT,pt;q=0.9", ("en", "pt-br"), "pt-br"),
        ("pt-BR,pt;q=0.9", ("pt", "pt-br"), "pt-br"),
        ("*", ("ko", "en"), "ko"),
        ("it, *;q=0.1", ("ko", "en"), "ko"),
        ("ko;q=0, *;q=0.5", ("ko", "en"), "en"),
        ("es;q=0, en;q=0.5, es-MX", SHOP, "en"),
        ("en;q=0", SHOP, None),
        ("en;q=abc, de;q=0.5", SHOP, "de"),
        ("en;q=2, de;q=0.5", SHOP, "de"),
        (",,;q=1, 123!, é, fr", SHOP, "fr"),
        ("en; level=1; q=0.2, fr; q=0.4", SHOP, "fr"),
        ("", SHOP, None),
        ("xx, it-IT", SHOP, None),
    ],
)
def test_parse_accept_language(
    header: str, languages: tuple[str, ...], expected: str | None
) -> None:
    assert parse_accept_language(header, languages) == expected


# --- shop_languages (needs the project's pytest-django settings) -------------------


def test_shop_languages_from_setting(settings) -> None:
    settings.SHOP_ASSISTANT = {"LANGUAGES": ["es", "EN", "es", "pt_BR"]}
    assert shop_languages() == ("es", "en", "pt-br")
    settings.SHOP_ASSISTANT = {"LANGUAGES": ["de", "fr"]}
    assert shop_languages() == ("de", "fr")


def test_shop_languages_from_django_languages(settings) -> None:
    settings.SHOP_ASSISTANT = {}
    settings.LANGUAGES = [
        ("pt-br", "Português (Brasil)"),
        ("en", "English"),
        ("pt", "Português"),
        ("zh-hans", "简体中文"),
        ("en-gb", "British English"),
    ]
    assert shop_languages() == ("pt", "en", "zh")
    assert negotiate("usb", accept_language="zh-CN") == LanguageChoice("zh", "header")


# --- catalog_prior (needs the database) ----------------------------------------------


@pytest.mark.django_db
def test_catalog_prior_is_the_share_of_each_language_in_published_products() -> None:
    from shop_assistant.models import CatalogEntry

    languages = [["es"], ["es", "en"], ["es"], ["de"]]
    for langs in languages:
        CatalogEntry.objects.create(product=factories.product("p"), languages=langs)
    CatalogEntry.objects.create(
        product=factories.product("hidden"), languages=["fr"], is_published=False
    )
    assert language.catalog_prior(refresh=True) == {"de": 0.2, "en": 0.2, "es": 0.6}

    # Reused within the process until refreshed.
    CatalogEntry.objects.create(product=factories.product("p"), languages=["de"])
    assert language.catalog_prior() == {"de": 0.2, "en": 0.2, "es": 0.6}
    assert language.catalog_prior(refresh=True) == {
        "de": pytest.approx(2 / 6),
        "en": pytest.approx(1 / 6),
        "es": pytest.approx(3 / 6),
    }


@pytest.mark.django_db
def test_catalog_prior_of_an_empty_catalog_is_empty() -> None:
    assert language.catalog_prior(refresh=True) == {}
    assert detect(TIE, ("es", "pt"), prior=language.catalog_prior()) is None
