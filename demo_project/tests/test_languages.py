"""The demo serves every language of its encoder, each with answer templates (issue 12)."""

from __future__ import annotations

from django.conf import settings

from shop_assistant.language import shop_languages
from shop_assistant.qa.phrases import written_language

#: The languages of USE multilingual v3, the demo's encoder.
ENCODER_LANGUAGES = {
    "ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh",
}  # fmt: skip


def test_the_demo_serves_every_language_of_its_encoder() -> None:
    assert set(shop_languages()) == ENCODER_LANGUAGES
    assert ("zh-hans", "简体中文") in settings.LANGUAGES


def test_every_served_language_is_answered_in_itself() -> None:
    assert {code: written_language(code) for code in shop_languages()} == {
        code: code for code in shop_languages()
    }
