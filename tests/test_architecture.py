"""The import graph keeps the layers of ``shop_assistant/__init__.py``: no cycle, no
module importing a layer above its own (import-linter's contract in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .paths import REPO_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_keeps_its_layers():
    result = lint_imports(REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_from_a_lower_layer_into_a_higher_one_is_refused(tmp_path):
    """The check is not vacuous: storage importing the tasks (a cycle) breaks it."""
    shutil.copytree(REPO_ROOT / "shop_assistant", tmp_path / "shop_assistant")
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    models = tmp_path / "shop_assistant" / "models" / "search.py"
    models.write_text(models.read_text() + "\nfrom .. import tasks  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "shop_assistant.models.search -> shop_assistant.tasks" in result.stdout
