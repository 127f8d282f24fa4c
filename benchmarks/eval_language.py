"""Language detection of short questions and queries in the encoder's 15 languages.

    python benchmarks/eval_language.py [--no-record] [--verbose]

Runs :func:`shop_assistant.language.detect` on every text of
``tests/data/short_texts.jsonl`` (hand-written questions and search queries of one to
five words, at least 30 per language), all 15 languages served, no prior, and prints the
per-language table (right / wrong / None, accuracy). None (undecided) counts as a miss
for every language; the "negotiated" column shows what ``negotiate`` makes of it with
no ``Accept-Language`` header and English as the default language. Goal (issue 12):
at least 97 % overall and 90 % in every language.

Appends the table to ``benchmarks/RESULTS.md`` with the command that made it.
No database and no encoder are needed; it takes a few seconds.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md")
    parser.add_argument("--verbose", action="store_true", help="Print every miss")
    args = parser.parse_args()

    from tests.language_scoring import (
        GOAL_OVERALL,
        GOAL_PER_LANGUAGE,
        SHORT_TEXTS,
        load_rows,
        score,
    )

    rows = load_rows()
    report = score(rows)
    verdict = "goal met" if report.meets_goal() else "goal NOT met"
    summary = (
        f"{len(rows)} texts in {len(report.languages)} languages "
        f"({SHORT_TEXTS.relative_to(ROOT)}); by kind: {report.by_kind()}; "
        f"goal ≥ {GOAL_OVERALL:.0%} overall and ≥ {GOAL_PER_LANGUAGE:.0%} per language: "
        f"{verdict}"
    )
    misses = "\n".join(f"- {miss}" for miss in report.misses)
    if args.verbose:
        print(misses)
    print(report.table())
    print(summary)
    if args.no_record:
        return
    with (ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as out:
        out.write(
            f"\n## Language of short texts ({datetime.date.today().isoformat()})\n\n"
            "Command: `python benchmarks/eval_language.py`\n\n"
            "`detect(text, <the 15 languages>)` with no prior. **None (undecided) counts as "
            "a miss** for every language, English included; *negotiated* is what "
            "`negotiate` answers with no Accept-Language header and the default language "
            "English (so English alone gains its None).\n\n"
            f"{report.table()}\n\n{summary}.\n\nMisses:\n\n{misses}\n"
        )


if __name__ == "__main__":
    main()
