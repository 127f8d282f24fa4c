"""Schema fuzzing: schemathesis against the live demo's published OpenAPI schema, every
operation, every check: zero server errors, every response as documented, every
schema-valid request accepted, every schema-violating one refused."""

from __future__ import annotations

import subprocess

from .conftest import BIN, REPO

#: Examples per operation and phase; the total runs in a couple of minutes on 2 cores.
MAX_EXAMPLES = 30


def test_schemathesis_finds_no_failure(demo, tmp_path):
    for warm in ("/api/assistant/search/?q=warm", "/api/assistant/trending/"):
        demo.get(warm, timeout=60)
    done = subprocess.run(
        [
            str(BIN / "st"),
            "run",
            demo.url + "/api/assistant/schema/?format=json",
            "--checks=all",
            f"--max-examples={MAX_EXAMPLES}",
            "--request-timeout=30",
            "--seed=20261203",
        ],
        cwd=tmp_path,  # keeps schemathesis' own files out of the repository
        capture_output=True,
        text=True,
        timeout=1500,
        env={**demo.env, "PYTHONPATH": str(REPO)},
    )
    summary = done.stdout[-4000:]
    print(summary)
    assert done.returncode == 0, summary
    assert " passed" in summary
