"""Where the shared evaluation data lives: ``../shared/eval`` beside the repository."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(os.environ.get("SHOP_ASSISTANT_EVAL_DIR", REPO_ROOT.parent / "shared" / "eval"))
