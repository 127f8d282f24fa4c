"""Answer templates in every language the demo serves (issue 12): the gettext catalogs are
complete and compiled, answers read as the language they claim, and a language without
a catalog says honestly which language its answers are written in."""

from __future__ import annotations

import ast
import gettext
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.translation import to_locale

import shop_assistant
from shop_assistant.language import detect
from shop_assistant.qa import phrases
from shop_assistant.qa.vocabulary import attribute_text, language, price_text, value_text

from .language_scoring import ENCODER_LANGUAGES, SERVED_LANGUAGES

LOCALE = Path(shop_assistant.__file__).resolve().parent / "locale"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
#: Django's codes of the languages with catalogs, English (the msgids) left out.
TRANSLATED = [code for code, _name in SERVED_LANGUAGES if code != "en"]


@pytest.fixture(autouse=True)
def _every_language_served(settings) -> None:
    settings.LANGUAGES = SERVED_LANGUAGES


def _po_entries(path: Path) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> msgstr of a .po file (no plural entries in these catalogs)."""
    entries: dict[tuple[str, str], str] = {}
    fields: dict[str, str] = {}
    last = ""

    def flush() -> None:
        if "msgid" in fields and fields["msgid"]:
            entries[(fields.get("msgctxt", ""), fields["msgid"])] = fields.get("msgstr", "")
        fields.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgctxt ", "msgid ", "msgstr ")):
            keyword, quoted = line.split(" ", 1)
            if keyword in ("msgctxt", "msgid") and "msgstr" in fields:
                flush()
            fields[keyword] = ast.literal_eval(quoted)
            last = keyword
        elif line.startswith('"'):
            fields[last] += ast.literal_eval(line)
    flush()
    return entries


def _locale_dir(code: str) -> Path:
    return LOCALE / to_locale(code) / "LC_MESSAGES"


def _answer_templates() -> set[tuple[str, str]]:
    """Every message with a context (answers, attribute labels and values, price, fact),
    from the English catalog, which makemessages fills with every msgid."""
    return {key for key in _po_entries(_locale_dir("en") / "django.po") if key[0]}


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_translates_every_answer_template(code: str) -> None:
    templates = _answer_templates()
    assert len(templates) >= 90  # answers, generic attribute labels and values, facts
    po = _po_entries(_locale_dir(code) / "django.po")
    missing = sorted(key for key in templates if not po.get(key))
    assert not missing, missing
    for (context, msgid), msgstr in po.items():
        if context:
            assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(msgid)), (
                msgid,
                msgstr,
            )


@pytest.mark.parametrize("code", TRANSLATED)
def test_compiled_catalog_matches_its_source(code: str) -> None:
    po = {key: text for key, text in _po_entries(_locale_dir(code) / "django.po").items() if text}
    with open(_locale_dir(code) / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert len(po) >= 90
    for (context, msgid), msgstr in po.items():
        found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert found == msgstr, msgid


def test_quotation_marks_of_every_catalog_are_recognised() -> None:
    for code in ENCODER_LANGUAGES:
        with language(code):
            for kind in ("faq", "review", "title", "description"):
                text = phrases.quote(kind, "Machine wash at 30 °C.")
                assert "Machine wash" not in phrases.QUOTES.sub(" ", text), (code, text)


def _sample_answers() -> list[str]:
    """Answer sentences as the answerer builds them, in the active language."""
    return [
        phrases.refusal(catalog=True),
        phrases.refusal(catalog=False),
        phrases.sizes(["S", "M", "L"]),
        phrases.in_stock(False),
        phrases.colors([value_text("navy"), value_text("red"), value_text("black")]),
        phrases.material(value_text("merino wool"), asked=value_text("cotton"), matches=False),
        phrases.quote("review", "Stays dry in heavy rain."),
        phrases.price(price_text(Decimal("89.00"), "EUR")),
    ]


@pytest.mark.parametrize("code", ENCODER_LANGUAGES)
def test_answers_read_as_the_language_they_are_written_in(code: str) -> None:
    with language(code):
        spoken = [phrases.QUOTES.sub(" ", text) for text in _sample_answers()]
    detected = [detect(text, ENCODER_LANGUAGES) for text in spoken]
    # A bare price sentence may be too short to tell; no sentence may read as another.
    assert set(detected) <= {code, None}, list(zip(spoken, detected, strict=True))
    assert detected.count(code) >= len(detected) - 1, list(zip(spoken, detected, strict=True))
    assert phrases.written_language(code) == code


def test_attribute_labels_are_translated() -> None:
    assert attribute_text("in_stock", True, "tr") == "stok durumu: stokta"
    assert attribute_text("color", "navy", "de") == "Farbe: Marineblau"


def test_a_shops_own_attributes_are_named_by_its_labels() -> None:
    labels = {"akku_h": {"ru": "время работы (ч)", "en": "battery life (h)"}}
    values = {"finish": {"matt": {"ar": "غير لامع"}}}
    assert attribute_text("akku_h", 1.25, "ru", labels=labels) == "время работы (ч): 1,25"
    assert attribute_text("akku_h", 12, "de", labels=labels) == "battery life (h): 12"
    assert attribute_text("finish", "matt", "ar", value_labels=values) == "finish: غير لامع"
    assert attribute_text("finish", "yes", "ar") == "finish: نعم"


def test_a_language_without_catalog_is_answered_in_english_and_says_so(settings) -> None:
    settings.LANGUAGES = [*settings.LANGUAGES, ("sv", "Svenska"), ("hi", "हिन्दी")]
    for code in ("sv", "hi"):
        with language(code):
            text = phrases.refusal(catalog=False)
        assert text == "Sorry, the product information does not say."
        assert phrases.written_language(code) == "en"


def test_without_catalog_the_fallback_is_the_default_language(settings) -> None:
    # Django falls back to the catalog of LANGUAGE_CODE: the answer is German then.
    settings.LANGUAGE_CODE = "de"
    settings.LANGUAGES = [*settings.LANGUAGES, ("sv", "Svenska")]
    with language("sv"):
        text = phrases.refusal(catalog=False)
    assert text == "Leider geht das aus den Produktinformationen nicht hervor."
    assert phrases.written_language("sv") == "de"
    assert phrases.written_language("es") == "es"
    assert phrases.written_language("zh") == "zh"


def test_the_generative_prompt_names_every_served_language() -> None:
    from shop_assistant.qa.generative import LANGUAGE_NAMES

    assert set(ENCODER_LANGUAGES) <= set(LANGUAGE_NAMES)


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_has_the_msgids_of_the_source_and_no_stale_ones(code: str) -> None:
    """Every catalog carries the msgids makemessages finds (the English catalog), no
    others: labels of a shop's own attributes belong to that shop, not to the library."""
    source = set(_po_entries(_locale_dir("en") / "django.po"))
    assert set(_po_entries(_locale_dir(code) / "django.po")) == source
    assert ("attribute", "battery life (hours)") not in source
