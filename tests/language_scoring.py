"""Language detection scored on the labelled short texts of ``tests/data/short_texts.jsonl``.

Shared by ``tests/test_language.py`` (which asserts the goal of issue 12) and
``benchmarks/eval_language.py`` (which prints and records the table).

Each row is ``{"text", "lang", "kind"}``: a question or a search query of one to five
words, hand-written for this set (not taken from the eval data). A text counts as right
only when :func:`~shop_assistant.language.detect` returns its language: ``None``
(undecided) is a miss for every language, English included, although ``negotiate`` would
then fall back to the default language, which is English in the demo. The ``negotiated``
figures show that fallback (no ``Accept-Language`` header, default ``en``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from shop_assistant.language import detect

SHORT_TEXTS = Path(__file__).resolve().parent / "data" / "short_texts.jsonl"
KINDS = ("question", "query")
#: The languages of the USE multilingual v3 encoder, all served by the demo.
ENCODER_LANGUAGES = (
    "ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh",
)  # fmt: skip
#: ``settings.LANGUAGES`` serving all of them, as the demo does (Chinese as "zh-hans").
SERVED_LANGUAGES = [
    ("zh-hans", "简体中文") if code == "zh" else (code, code) for code in ENCODER_LANGUAGES
]
#: The goal of issue 12.
GOAL_OVERALL = 0.97
GOAL_PER_LANGUAGE = 0.90
DEFAULT_LANGUAGE = "en"

Detector = Callable[..., str | None]


def load_rows(path: Path = SHORT_TEXTS) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@dataclass
class Report:
    """Outcomes per language: right, wrong (another language) and None."""

    right: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)
    undecided: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    right_by_kind: Counter[str] = field(default_factory=Counter)
    total_by_kind: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        return sorted(self.total)

    def accuracy(self, lang: str | None = None) -> float:
        if lang is None:
            return sum(self.right.values()) / sum(self.total.values())
        return self.right[lang] / self.total[lang]

    def negotiated(self, lang: str | None = None) -> float:
        """Accuracy when None falls back to the default language (``negotiate``)."""
        langs = [lang] if lang else self.languages
        right = sum(
            self.right[code] + (self.undecided[code] if code == DEFAULT_LANGUAGE else 0)
            for code in langs
        )
        return right / sum(self.total[code] for code in langs)

    def table(self) -> str:
        """A Markdown table, one row per language and one for all."""
        lines = [
            "| language | texts | right | wrong | None | accuracy | negotiated |",
            "|---|---|---|---|---|---|---|",
        ]
        for code in self.languages:
            lines.append(
                f"| {code} | {self.total[code]} | {self.right[code]} | {self.wrong[code]} "
                f"| {self.undecided[code]} | {self.accuracy(code):.1%} "
                f"| {self.negotiated(code):.1%} |"
            )
        lines.append(
            f"| **all** | {sum(self.total.values())} | {sum(self.right.values())} "
            f"| {sum(self.wrong.values())} | {sum(self.undecided.values())} "
            f"| **{self.accuracy():.1%}** | {self.negotiated():.1%} |"
        )
        return "\n".join(lines)

    def by_kind(self) -> str:
        return ", ".join(
            f"{kind} {self.right_by_kind[kind]}/{self.total_by_kind[kind]} "
            f"({self.right_by_kind[kind] / self.total_by_kind[kind]:.1%})"
            for kind in KINDS
            if self.total_by_kind[kind]
        )

    def meets_goal(self) -> bool:
        return self.accuracy() >= GOAL_OVERALL and all(
            self.accuracy(code) >= GOAL_PER_LANGUAGE for code in self.languages
        )


def score(
    rows: Sequence[Mapping[str, str]],
    languages: Sequence[str] = ENCODER_LANGUAGES,
    detector: Detector = detect,
    prior: Mapping[str, float] | None = None,
) -> Report:
    """Detect every row's text among ``languages`` and count the outcomes."""
    report = Report()
    for row in rows:
        lang, kind = row["lang"], row["kind"]
        found = detector(row["text"], languages, prior=prior)
        report.total[lang] += 1
        report.total_by_kind[kind] += 1
        if found == lang:
            report.right[lang] += 1
            report.right_by_kind[kind] += 1
        elif found is None:
            report.undecided[lang] += 1
            report.misses.append(f"{lang} {kind}: {row['text']!r} -> None")
        else:
            report.wrong[lang] += 1
            report.misses.append(f"{lang} {kind}: {row['text']!r} -> {found}")
    return report
